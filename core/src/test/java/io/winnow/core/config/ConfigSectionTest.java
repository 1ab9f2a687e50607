package io.winnow.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import io.winnow.core.ingest.IngestConfig;
import io.winnow.core.ingest.InputFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSectionTest {
    private static IngestConfig ingest(String yaml) {
        return IngestConfig.fromConfig(YamlConfigLoader.parse("test.yaml", yaml).section("ingest"));
    }

    @Test
    void anAbsentSectionGivesEveryDefault() {
        IngestConfig config = ingest("");
        assertThat(config).isEqualTo(IngestConfig.defaults(IngestConfig.DEFAULT_INPUT));
    }

    @Test
    void everyKeyMapsToItsField() {
        IngestConfig config = ingest("""
                ingest:
                  input: /data/in
                  format: parquet
                  text-field: body
                  id-field: key
                  url-field: link
                  source: crawl
                  max-text-chars: 5000
                  raw-record-max-chars: 200
                  output: docs
                  quarantine: bad
                """);
        assertThat(config).isEqualTo(new IngestConfig("/data/in", InputFormat.PARQUET, "body", "key", "link", "crawl",
                5000, 200, "docs", "bad"));
    }

    @Test
    void anUnknownKeyIsAnErrorThatNamesItTheAllowedKeysAndTheNearestSpelling() {
        assertThatThrownBy(() -> ingest("ingest:\n  text-feild: body\n"))
                .isInstanceOfSatisfying(WinnowException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessageStartingWith("Unknown key 'ingest.text-feild' in test.yaml. Did you mean 'ingest.text-field'?")
                .hasMessageContaining("Allowed keys here: ingest.input, ingest.format, ingest.text-field, ingest.id-field");
    }

    @Test
    void aBadEnumValueNamesTheKeyAndTheAllowedValues() {
        assertThatThrownBy(() -> ingest("ingest:\n  format: csv\n"))
                .isInstanceOf(WinnowException.class)
                .hasMessage("Bad value for 'ingest.format' in test.yaml: got 'csv'. Allowed values: auto, jsonl, parquet, text."
                        + " Change the value and run again.");
    }

    @Test
    void aNumberOutOfRangeNamesTheRange() {
        assertThatThrownBy(() -> ingest("ingest:\n  max-text-chars: 0\n"))
                .isInstanceOf(WinnowException.class)
                .hasMessage("Bad value for 'ingest.max-text-chars' in test.yaml: got '0', expected a whole number between 1 and "
                        + Integer.MAX_VALUE + ". Change the value and run again.");
    }

    @Test
    void aNonNumberWhereANumberBelongsIsAnError() {
        assertThatThrownBy(() -> ingest("ingest:\n  max-text-chars: lots\n"))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("'ingest.max-text-chars'")
                .hasMessageContaining("got 'lots'");
    }

    @Test
    void aScalarWhereASectionBelongsIsAnError() {
        assertThatThrownBy(() -> YamlConfigLoader.parse("test.yaml", "ingest: yes\n").section("ingest"))
                .isInstanceOf(WinnowException.class)
                .hasMessage("Bad value for 'ingest' in test.yaml: got 'true', expected a mapping of keys to values."
                        + " Change the value and run again.");
    }

    @Test
    void invalidYamlIsAnErrorNamingTheFile() {
        assertThatThrownBy(() -> YamlConfigLoader.parse("broken.yaml", "ingest:\n  input: [unclosed\n"))
                .isInstanceOfSatisfying(WinnowException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessageStartingWith("Config file 'broken.yaml' is not valid YAML:");
    }

    @Test
    void aMissingFileIsAnErrorThatSaysHowToFixIt(@TempDir Path directory) {
        Path missing = directory.resolve("nope.yaml");
        assertThatThrownBy(() -> YamlConfigLoader.load(missing))
                .isInstanceOfSatisfying(WinnowException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIG_NOT_FOUND))
                .hasMessage("Config file '" + missing + "' does not exist. Pass an existing file with --config,"
                        + " or omit --config to use the defaults.");
    }

    @Test
    void overridesReplaceValuesAtDottedKeysAndCreateMissingSections(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("c.yaml");
        Files.writeString(file, "ingest:\n  input: a\n  format: jsonl\n");
        ConfigSection root = YamlConfigLoader.load(file).withOverrides(Map.of("ingest.input", "b", "exact-dedup.output", "x"));
        IngestConfig config = IngestConfig.fromConfig(root.section("ingest"));
        assertThat(config.input()).isEqualTo("b");
        assertThat(config.format()).isEqualTo(InputFormat.JSONL);
        assertThat(root.section("exact-dedup").string("output", null)).isEqualTo("x");
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(ConfigSection.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(ConfigSection.editDistance("", "abc")).isEqualTo(3);
        assertThat(ConfigSection.editDistance("same", "same")).isZero();
    }
}
