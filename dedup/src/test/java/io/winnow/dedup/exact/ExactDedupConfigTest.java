package io.winnow.dedup.exact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winnow.core.config.YamlConfigLoader;
import io.winnow.core.error.WinnowException;
import io.winnow.core.text.NormalizationOptions;
import org.junit.jupiter.api.Test;

class ExactDedupConfigTest {
    private static ExactDedupConfig parse(String yaml) {
        return ExactDedupConfig.fromConfig(YamlConfigLoader.parse("p.yaml", yaml).section("exact-dedup"));
    }

    @Test
    void theDefaultsHashDocumentsWithCaseAndWhitespaceFoldedAndLeaveLinesAlone() {
        ExactDedupConfig config = parse("");
        assertThat(config).isEqualTo(ExactDedupConfig.defaults());
        assertThat(config.normalization()).isEqualTo(NormalizationOptions.DOCUMENT_DEFAULT);
        assertThat(config.lineMode()).isEqualTo(LineDedupMode.OFF);
        assertThat(config.lineNormalization()).isEqualTo(NormalizationOptions.CCNET_LINE);
        assertThat(config.minRemainingChars()).isEqualTo(300);
    }

    @Test
    void everyKeyMapsToItsField() {
        ExactDedupConfig config = parse("""
                exact-dedup:
                  input: raw
                  output: kept
                  duplicates: dups
                  quarantine: bad
                  keep: first-seen
                  normalize: {unicode-nfkc: false, lowercase: false, whitespace: false, punctuation: true, digits: true, accents: true}
                  line-dedup:
                    mode: paragraph
                    min-remaining-chars: 50
                    normalize: {lowercase: false}
                """);
        assertThat(config).isEqualTo(new ExactDedupConfig("raw", "kept", "dups", "bad",
                new NormalizationOptions(false, false, false, true, true, true), KeepPolicy.FIRST_SEEN, LineDedupMode.PARAGRAPH,
                new NormalizationOptions(false, false, true, true, true, false), 50));
    }

    @Test
    void aMisspelledNestedKeyIsNamedWithItsFullPath() {
        assertThatThrownBy(() -> parse("exact-dedup:\n  normalize:\n    lowercse: true\n"))
                .isInstanceOf(WinnowException.class)
                .hasMessageStartingWith("Unknown key 'exact-dedup.normalize.lowercse' in p.yaml."
                        + " Did you mean 'exact-dedup.normalize.lowercase'?");
    }

    @Test
    void aBadLineModeListsTheAllowedModes() {
        assertThatThrownBy(() -> parse("exact-dedup:\n  line-dedup:\n    mode: sentence\n"))
                .isInstanceOf(WinnowException.class)
                .hasMessage("Bad value for 'exact-dedup.line-dedup.mode' in p.yaml: got 'sentence'."
                        + " Allowed values: off, line, paragraph. Change the value and run again.");
    }

    @Test
    void aNonBooleanNormalisationFlagIsRejected() {
        assertThatThrownBy(() -> parse("exact-dedup:\n  normalize:\n    digits: sometimes\n"))
                .isInstanceOf(WinnowException.class)
                .hasMessage("Bad value for 'exact-dedup.normalize.digits' in p.yaml: got 'sometimes', expected true or false."
                        + " Change the value and run again.");
    }
}
