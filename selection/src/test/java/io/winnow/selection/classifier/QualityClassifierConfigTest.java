package io.winnow.selection.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winnow.core.config.YamlConfigLoader;
import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import org.junit.jupiter.api.Test;

class QualityClassifierConfigTest {
    private static QualityClassifierConfig parse(String yaml) {
        return QualityClassifierConfig.fromConfig(YamlConfigLoader.parse("p.yaml", yaml).section("quality-classifier"));
    }

    @Test
    void theDefaultsTrainOnTheBundledDclmLabelsWithUnigramAndBigramCounts() {
        QualityClassifierConfig config = parse("");
        assertThat(config).isEqualTo(QualityClassifierConfig.defaults());
        assertThat(config.input()).isEqualTo("data/demo/quality/dclm-majority.jsonl");
        assertThat(config.twoCorpora()).isFalse();
        assertThat(config.ngrams()).isEqualTo(2);
        assertThat(config.features()).isEqualTo(1 << 18);
        assertThat(config.holdoutFraction()).isEqualTo(0.2);
        assertThat(config.seed()).isEqualTo(42L);
        assertThat(config.positiveLabel()).isEqualTo("1");
        assertThat(config.weighting()).isEqualTo(FeatureWeighting.COUNTS);
    }

    @Test
    void everyKeyMapsToItsField() {
        QualityClassifierConfig config = parse("""
                quality-classifier:
                  input: labelled.jsonl
                  text-field: body
                  label-field: quality
                  positive-label: good
                  ngrams: 3
                  features: 1024
                  weighting: tf-idf
                  reg-param: 0.5
                  holdout-fraction: 0.1
                  seed: 7
                  model: out/model
                """);
        assertThat(config).isEqualTo(new QualityClassifierConfig("labelled.jsonl", null, null, "body", "quality", "good", 3,
                1024, FeatureWeighting.TF_IDF, 0.5, 0.1, 7L, "out/model"));
    }

    @Test
    void aPositiveAndANegativeCorpusReplaceTheDefaultLabelledInput() {
        QualityClassifierConfig config = parse("""
                quality-classifier:
                  positive-input: wikipedia.jsonl
                  negative-input: crawl.jsonl
                """);
        assertThat(config.twoCorpora()).isTrue();
        assertThat(config.input()).isNull();
        assertThat(config.positiveInput()).isEqualTo("wikipedia.jsonl");
        assertThat(config.negativeInput()).isEqualTo("crawl.jsonl");
    }

    @Test
    void aPositiveCorpusWithoutANegativeOneIsRejectedWithBothForms() {
        assertThatThrownBy(() -> parse("quality-classifier:\n  positive-input: wiki.jsonl\n"))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("either 'input'")
                .hasMessageContaining("both 'positive-input' and 'negative-input'")
                .extracting(e -> ((WinnowException) e).errorCode()).isEqualTo(ErrorCode.CONFIG_INVALID);
    }

    @Test
    void anOutOfRangeHoldoutFractionNamesTheKey() {
        assertThatThrownBy(() -> parse("quality-classifier:\n  holdout-fraction: 1.5\n"))
                .isInstanceOf(WinnowException.class)
                .hasMessageStartingWith("Bad value for 'quality-classifier.holdout-fraction' in p.yaml: got '1.5'");
    }

    @Test
    void aMisspelledKeyIsNamed() {
        assertThatThrownBy(() -> parse("quality-classifier:\n  ngram: 3\n"))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("Unknown key 'quality-classifier.ngram'")
                .hasMessageContaining("Did you mean 'quality-classifier.ngrams'?");
    }
}
