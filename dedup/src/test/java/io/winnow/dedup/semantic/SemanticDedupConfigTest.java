package io.winnow.dedup.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winnow.core.config.YamlConfigLoader;
import io.winnow.core.error.WinnowException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemanticDedupConfigTest {
    private static SemanticDedupConfig parse(String yaml) {
        return SemanticDedupConfig.fromConfig(YamlConfigLoader.parse("p.yaml", yaml).section("semantic-dedup"));
    }

    @Test
    void theDefaultsReadTheEmbeddingsTableAndKeepTheHardestItemAtEps001() {
        SemanticDedupConfig config = parse("");
        assertThat(config).isEqualTo(SemanticDedupConfig.defaults());
        assertThat(config.input()).isEqualTo("embeddings");
        assertThat(config.vectorColumn()).isEqualTo("embedding");
        assertThat(config.eps()).containsExactly(0.01, 0.05, 0.1);
        assertThat(config.outputEps()).isEqualTo(0.01);
        assertThat(config.keep()).isEqualTo(KeepOrder.HARD);
        assertThat(config.clustersFor(7673)).isEqualTo(100);
        assertThat(config.clustersFor(250)).isEqualTo(25);
        assertThat(config.clustersFor(5)).isEqualTo(1);
    }

    @Test
    void everyKeyMapsToItsField() {
        SemanticDedupConfig config = parse("""
                semantic-dedup:
                  input: vectors
                  id-column: id
                  vector-column: vec
                  filter: "layer = 6 AND dim = 384"
                  documents: curated
                  priority: "length(text)"
                  output: kept
                  duplicates: dups
                  clusters: 50
                  max-iterations: 20
                  seed: 7
                  eps: [0.02, 0.1]
                  output-eps: 0.1
                  keep: easy
                  max-cluster-size: 500
                  adaptive-dim: 64
                  adaptive-shortlist: 16
                  quarantine: q
                """);
        assertThat(config).isEqualTo(new SemanticDedupConfig("vectors", "id", "vec", "layer = 6 AND dim = 384", "curated",
                "length(text)", "kept", "dups", 50, 20, 7, List.of(0.02, 0.1), 0.1, KeepOrder.EASY, 500, new AdaptiveShortlist(64, 16), "q"));
        assertThat(config.clustersFor(10)).isEqualTo(10);
    }

    @Test
    void badValuesAreRejectedWithTheKeyAndTheFix() {
        assertThatThrownBy(() -> parse("semantic-dedup:\n  eps: [0.01, 1.5]\n"))
                .isInstanceOf(WinnowException.class).hasMessageContaining("semantic-dedup.eps");
        assertThatThrownBy(() -> parse("semantic-dedup:\n  eps: [0.01, 0.05]\n  output-eps: 0.1\n"))
                .isInstanceOf(WinnowException.class).hasMessageContaining("output-eps").hasMessageContaining("[0.01, 0.05]");
        assertThatThrownBy(() -> parse("semantic-dedup:\n  keep: hardest\n"))
                .isInstanceOf(WinnowException.class).hasMessageContaining("hard, easy, random");
        assertThatThrownBy(() -> parse("semantic-dedup:\n  priority: quality\n"))
                .isInstanceOf(WinnowException.class).hasMessageContaining("documents");
        assertThatThrownBy(() -> parse("semantic-dedup:\n  clusterz: 5\n"))
                .isInstanceOf(WinnowException.class).hasMessageContaining("clusters");
    }
}
