package io.winnow.selection.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winnow.core.config.YamlConfigLoader;
import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import io.winnow.selection.classifier.QualityClassifierConfig;
import org.junit.jupiter.api.Test;

class QualityConfigTest {
    private static QualityConfig parse(String yaml) {
        return QualityConfig.fromConfig(YamlConfigLoader.parse("q.yaml", yaml).section("quality"),
                QualityClassifierConfig.defaults());
    }

    @Test
    void anEmptySectionGivesTheDatatroveDefaultsAndScoreOnlyClassifier() {
        QualityConfig config = parse("");
        assertThat(config).isEqualTo(QualityConfig.defaults());
        assertThat(config.input()).isEqualTo("fuzzy_deduped");
        assertThat(config.rules().gopherQuality().minWords()).isEqualTo(50);
        assertThat(config.rules().gopherRepetition().maxDuplicatedNgramCharFraction()).containsEntry(10, 0.10);
        assertThat(config.classifier().policy()).isEqualTo(ClassifierSettings.Policy.OFF);
        assertThat(config.classifier().keepPolicy()).isEmpty();
    }

    @Test
    void thresholdsCanBeChangedOrSwitchedOffOneByOne() {
        QualityConfig config = parse("""
                quality:
                  gopher-quality:
                    min-words: 20
                    max-hash-ratio: off
                  gopher-repetition:
                    max-top-ngram-char-fraction: {2: 0.25, 4: off}
                  c4:
                    enabled: false
                  classifier:
                    policy: pareto
                    alpha: 2
                """);
        assertThat(config.rules().gopherQuality().minWords()).isEqualTo(20);
        assertThat(config.rules().gopherQuality().maxHashRatio()).isNaN();
        assertThat(config.rules().gopherRepetition().maxTopNgramCharFraction()).containsEntry(2, 0.25).containsEntry(3, 0.18);
        assertThat(config.rules().gopherRepetition().maxTopNgramCharFraction().get(4)).isNaN();
        assertThat(config.rules().c4().enabled()).isFalse();
        assertThat(config.classifier().keepPolicy()).hasValueSatisfying(policy -> assertThat(policy.alpha()).isEqualTo(2.0));
        assertThat(config.classifier().rejectionReason()).isEqualTo(ClassifierSettings.PARETO_REJECTED);
    }

    @Test
    void aMisspelledRuleIsRejectedWithTheNearestKey() {
        assertThatThrownBy(() -> parse("quality:\n  gopher-quality:\n    min-wrds: 20\n"))
                .isInstanceOf(WinnowException.class)
                .satisfies(e -> assertThat(((WinnowException) e).errorCode()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessageContaining("quality.gopher-quality.min-wrds")
                .hasMessageContaining("quality.gopher-quality.min-words");
    }

    @Test
    void aFractionAboveOneIsRejectedNamingTheKeyAndTheOffOption() {
        assertThatThrownBy(() -> parse("quality:\n  fineweb:\n    max-short-line-ratio: 1.5\n"))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("quality.fineweb.max-short-line-ratio")
                .hasMessageContaining("or off to disable the rule");
    }
}
