package io.winnow.embed;

import io.winnow.batchinfer.Granularity;
import io.winnow.batchinfer.Pooling;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winnow.core.config.ConfigSection;
import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbedConfigTest {
    private static EmbedConfig parse(Map<String, ?> values) {
        return EmbedConfig.fromConfig(new ConfigSection("test.yaml", "embed", values));
    }

    @Test
    void defaultsEmbedCuratedWithMiniLmAtEveryLayerFullWidth() {
        EmbedConfig config = parse(Map.of());
        assertThat(config).isEqualTo(EmbedConfig.defaults());
        assertThat(config.input()).isEqualTo("curated");
        assertThat(config.output()).isEqualTo("matryoshka_embeddings");
        assertThat(config.resolve(6, 384)).extracting(Granularity::toString)
                .containsExactly("1:384", "2:384", "3:384", "4:384", "5:384", "6:384");
    }

    @Test
    void granularitiesGridAndPresetAreRead() {
        EmbedConfig explicit = parse(Map.of("granularities", List.of("6:384", "3:128", "6:384"), "pooling", "weighted-mean",
                "model", "bge-small-en-v1.5", "max-tokens", 128));
        assertThat(explicit.resolve(12, 384)).extracting(Granularity::toString).containsExactly("6:384", "3:128");
        assertThat(explicit.pooling()).isEqualTo(Pooling.WEIGHTED_MEAN);
        assertThat(explicit.maxTokens()).isEqualTo(128);

        EmbedConfig grid = parse(Map.of("layers", List.of(2, 4), "dims", List.of(64, 384)));
        assertThat(grid.resolve(6, 384)).extracting(Granularity::toString)
                .containsExactly("2:64", "2:384", "4:64", "4:384");
        EmbedConfig dimsOnly = parse(Map.of("dims", List.of(32)));
        assertThat(dimsOnly.resolve(2, 384)).extracting(Granularity::toString).containsExactly("1:32", "2:32");

        EmbedConfig starbucks = parse(Map.of("preset", "starbucks"));
        assertThat(starbucks.resolve(12, 768)).isEqualTo(Preset.STARBUCKS_PAIRS);
    }

    @Test
    void twoWaysOfChoosingPairsAreRejectedWithTheFix() {
        assertThatThrownBy(() -> parse(Map.of("granularities", List.of("6:384"), "preset", "starbucks")))
                .isInstanceOf(WinnowException.class)
                .hasMessageStartingWith("embed sets granularities and preset starbucks, but only one way")
                .extracting(e -> ((WinnowException) e).errorCode()).isEqualTo(ErrorCode.CONFIG_INVALID);
        assertThatThrownBy(() -> parse(Map.of("granularities", List.of("six:384"))))
                .isInstanceOf(WinnowException.class)
                .hasMessageStartingWith("Granularity 'six:384' is not 'layer:dim'");
        assertThatThrownBy(() -> parse(Map.of("layers", List.of(0))))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("embed.layers holds '0'");
        assertThatThrownBy(() -> parse(Map.of("unknown-key", 1))).isInstanceOf(WinnowException.class);
    }
}
