package io.winnow.selection.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winnow.core.config.YamlConfigLoader;
import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectConfigTest {
    private static SelectConfig parse(String yaml) {
        return SelectConfig.fromConfig(YamlConfigLoader.parse("s.yaml", yaml).section("select"));
    }

    @Test
    void anEmptySectionGivesTheDefaultsOnTheBundledDemoPoolAndEvalSets() {
        SelectConfig config = parse("");

        assertThat(config).isEqualTo(SelectConfig.defaults());
        assertThat(config.pool()).extracting(NamedPath::name).containsExactly("gpteacher-toolformer", "gpteacher-codegen", "gsm8k-train");
        assertThat(config.tasks()).extracting(NamedPath::name).containsExactly("gsm8k", "codex", "bbh");
        assertThat(config.methods()).containsExactly(SelectionMethod.RDS);
        assertThat(config.budget()).isEqualTo(100);
    }

    @Test
    void everyKeyMapsToItsField() {
        SelectConfig config = parse("""
                select:
                  pool: [a=x.json, b=dir]
                  tasks: [t1=q.jsonl]
                  budget: 7
                  methods: [random, balanced-random, prototype-hard, prototype-easy, rds]
                  max-queries-per-task: 5
                  model: bge-small-en-v1.5-int8
                  max-tokens: 128
                  token-budget: 4096
                  max-batch-size: 32
                  intra-op-threads: 2
                  partitions: 3
                  seed: 9
                  prototype-clusters: 4
                  prototype-iterations: 6
                  reuse-embeddings: false
                  pool-table: p
                  embeddings: e
                  output: o
                  export: x
                  quarantine: q
                """);

        assertThat(config).isEqualTo(new SelectConfig(List.of(new NamedPath("a", "x.json"), new NamedPath("b", "dir")),
                List.of(new NamedPath("t1", "q.jsonl")), 7, List.of(SelectionMethod.RANDOM, SelectionMethod.BALANCED_RANDOM,
                        SelectionMethod.PROTOTYPE_HARD, SelectionMethod.PROTOTYPE_EASY, SelectionMethod.RDS),
                5, "bge-small-en-v1.5-int8", 128, 4096, 32, 2, 3, 9L, 4, 6, false, "p", "e", "o", "x", "q"));
    }

    @Test
    void anEntryWithoutNameEqualsPathIsAConfigErrorThatShowsTheForm() {
        assertThatThrownBy(() -> parse("select:\n  tasks: [../eval/gsm8k.jsonl]\n"))
                .isInstanceOf(WinnowException.class)
                .hasMessage("select.tasks holds '../eval/gsm8k.jsonl', which is not name=path. Write each entry as name=path,"
                        + " e.g. gsm8k=../shared/data/eval/gsm8k/train.jsonl (names use letters, digits, '.', '_', '/', '-').")
                .extracting(e -> ((WinnowException) e).errorCode()).isEqualTo(ErrorCode.CONFIG_INVALID);
    }

    @Test
    void aNameUsedTwiceIsRejected() {
        assertThatThrownBy(() -> parse("select:\n  pool: [a=x.json, a=y.json]\n"))
                .isInstanceOf(WinnowException.class)
                .hasMessageStartingWith("select.pool names 'a' twice");
    }
}
