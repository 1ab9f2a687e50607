package io.winnow.batchinfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winnow.core.config.ConfigSection;
import io.winnow.core.error.WinnowException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InferConfigTest {
    @Test
    void defaults() {
        InferConfig config = InferConfig.fromConfig(ConfigSection.empty("test.yaml", "infer"));
        assertThat(config).isEqualTo(InferConfig.defaults());
        assertThat(config.input()).isEqualTo("curated");
        assertThat(config.textColumn()).isEqualTo("text");
        assertThat(config.idColumn()).isEqualTo("doc_id");
        assertThat(config.output()).isEqualTo("embeddings");
        assertThat(config.model()).isEqualTo("all-minilm-l6-v2");
        assertThat(config.pooling()).isNull();
        assertThat(config.normalize()).isNull();
        assertThat(config.maxTokens()).isEqualTo(256);
        assertThat(config.tokenBudget()).isEqualTo(8192);
        assertThat(config.maxBatchSize()).isEqualTo(64);
        assertThat(config.intraOpThreads()).isZero();
        assertThat(config.device()).isEqualTo(DeviceMode.AUTO);
        assertThat(config.quarantine()).isEqualTo("quarantine");
    }

    @Test
    void everyKeyMapsToItsField() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("input", "docs");
        values.put("text-column", "body");
        values.put("id-column", "key");
        values.put("output", "vectors");
        values.put("model", "bge-small-en-v1.5-int8");
        values.put("pooling", "mean");
        values.put("normalize", false);
        values.put("precision", "int4");
        values.put("max-tokens", 128);
        values.put("token-budget", 4096);
        values.put("max-batch-size", 32);
        values.put("sort-by-length", false);
        values.put("sort-window", 1000);
        values.put("intra-op-threads", 2);
        values.put("partitions", 3);
        values.put("device", "cpu");
        values.put("quarantine", "bad_rows");
        InferConfig config = InferConfig.fromConfig(new ConfigSection("test.yaml", "infer", values));
        assertThat(config).isEqualTo(new InferConfig("docs", "body", "key", "vectors", "bge-small-en-v1.5-int8", Pooling.MEAN,
                false, Precision.INT4, 128, 4096, 32, false, 1000, 2, 3, DeviceMode.CPU, "bad_rows"));
        ModelSpec spec = config.modelSpec();
        assertThat(spec.pooling()).isEqualTo(Pooling.MEAN);
        assertThat(spec.normalize()).isFalse();
        assertThat(spec.precision()).isEqualTo(Precision.INT4);
        assertThat(spec.maxTokens()).isEqualTo(128);
    }

    @Test
    void aTokenBudgetBelowMaxTokensIsRejectedWithTheRule() {
        ConfigSection section = new ConfigSection("test.yaml", "infer", Map.of("max-tokens", 512, "token-budget", 256));
        assertThatThrownBy(() -> InferConfig.fromConfig(section))
                .isInstanceOf(WinnowException.class)
                .hasMessage("Bad value for 'infer.token-budget' in test.yaml: got '256', expected a whole number >= 512."
                        + " Change the value and run again.");
    }

    @Test
    void anUnknownPoolingListsTheAllowedValues() {
        ConfigSection section = new ConfigSection("test.yaml", "infer", Map.of("pooling", "max"));
        assertThatThrownBy(() -> InferConfig.fromConfig(section))
                .isInstanceOf(WinnowException.class)
                .hasMessage("Bad value for 'infer.pooling' in test.yaml: got 'max'. Allowed values: mean, cls, weighted-mean."
                        + " Change the value and run again.");
    }
}
