package io.winnow.dedup.decontamination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winnow.core.config.ConfigSection;
import io.winnow.core.error.WinnowException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecontaminationConfigTest {
    private static ConfigSection section(Map<String, ?> values) {
        return new ConfigSection("winnow.yaml", DecontaminationConfig.SECTION, values);
    }

    @Test
    void theDefaultsAreNemoCuratorsTaskDecontaminationOnes() {
        DecontaminationConfig config = DecontaminationConfig.fromConfig(section(Map.of()));
        assertThat(config).isEqualTo(DecontaminationConfig.defaults());
        assertThat(config.input()).isEqualTo("quality_filtered");
        assertThat(config.output()).isEqualTo("curated");
        assertThat(config.tasks()).isEqualTo("data/demo/eval");
        assertThat(config.removalRule()).isEqualTo(new RemovalRule(200, 200, 10));
        assertThat(config.maxNgram()).isEqualTo(13);
        assertThat(config.minNgram()).isEqualTo(8);
        assertThat(config.maxMatches()).isEqualTo(10);
    }

    @Test
    void everyKeyIsRead() {
        DecontaminationConfig config = DecontaminationConfig.fromConfig(section(Map.ofEntries(
                Map.entry("input", "a"), Map.entry("output", "b"), Map.entry("contamination", "c"),
                Map.entry("quarantine", "q"), Map.entry("tasks", "/evals"), Map.entry("text-field", "query"),
                Map.entry("max-ngram", 10), Map.entry("min-ngram", 6), Map.entry("max-matches", 3),
                Map.entry("remove-chars-each-side", 50), Map.entry("min-piece-chars", 100), Map.entry("max-splits", 4))));
        assertThat(config).isEqualTo(new DecontaminationConfig("a", "b", "c", "q", "/evals", "query", 10, 6, 3, 50, 100, 4));
    }

    @Test
    void unknownKeysAndAMinNgramAboveMaxNgramAreRejected() {
        assertThatThrownBy(() -> DecontaminationConfig.fromConfig(section(Map.of("max-ngrams", 13))))
                .isInstanceOf(WinnowException.class).hasMessageContaining("max-ngram");
        assertThatThrownBy(() -> DecontaminationConfig.fromConfig(section(Map.of("max-ngram", 5, "min-ngram", 8))))
                .isInstanceOf(WinnowException.class).hasMessageContaining("decontaminate.min-ngram");
    }
}
