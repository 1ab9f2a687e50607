package io.winnow.selection.rds;

import static org.assertj.core.api.Assertions.assertThat;

import io.winnow.core.testing.TestSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The query loaders on the bundled eval sets (data/demo/eval: GSM8K, HumanEval, BBH, MMLU). */
class TaskQueryReaderTest {
    private static final Path EVAL = TestSpark.projectRoot().resolve("data/demo/eval");

    @Test
    void gsm8kQueriesEndWithAnswerAndTheWorkedAnswer() {
        List<QueryExample> queries = TaskQueryReader.read(null, new NamedPath("gsm8k", EVAL.resolve("gsm8k/test.jsonl").toString()), 0, 1);

        assertThat(queries).hasSize(200);
        assertThat(queries.get(0).queryId()).isEqualTo("test.jsonl#0");
        assertThat(queries.get(0).text()).startsWith("<|user|>\nJanet’s ducks lay 16 eggs per day.")
                .contains("\n<|assistant|>\nAnswer: Janet sells").endsWith("#### 18");
    }

    @Test
    void humanEvalQueriesAreThePromptThenTheCanonicalSolutionFromTheGzipFile() {
        List<QueryExample> queries = TaskQueryReader.read(null,
                new NamedPath("codex", EVAL.resolve("humaneval/HumanEval.jsonl.gz").toString()), 0, 1);

        assertThat(queries).hasSize(164);
        assertThat(queries.get(0).answerPrefix()).isEmpty();
        assertThat(queries.get(0).text()).startsWith("<|user|>\nfrom typing import List\n")
                .contains("\n<|assistant|>\n    for idx, elem in enumerate(numbers):");
    }

    @Test
    void aSampleOfAFolderOfBbhTasksIsSpreadEvenlyOverItsFilesAndRepeatable() {
        NamedPath bbh = new NamedPath("bbh", EVAL.resolve("bbh").toString());

        List<QueryExample> queries = TaskQueryReader.read(null, bbh, 9, 42);

        Map<String, Long> perFile = queries.stream().collect(Collectors.groupingBy(
                q -> q.queryId().substring(0, q.queryId().indexOf('#')), Collectors.counting()));
        assertThat(perFile).containsOnly(Map.entry("boolean_expressions.json", 3L), Map.entry("date_understanding.json", 3L),
                Map.entry("sports_understanding.json", 3L));
        assertThat(queries).allSatisfy(q -> assertThat(q.answerPrefix()).isEqualTo("A:"));
        assertThat(TaskQueryReader.read(null, bbh, 9, 42)).isEqualTo(queries);
        assertThat(TaskQueryReader.read(null, bbh, 9, 7)).isNotEqualTo(queries);
    }

    @Test
    void mmluQueriesListTheLetteredChoicesAndAnswerWithTheLetter() {
        List<QueryExample> queries = TaskQueryReader.read(TestSpark.session(),
                new NamedPath("mmlu", EVAL.resolve("mmlu/abstract_algebra_test.csv").toString()), 0, 1);

        assertThat(queries).hasSize(100);
        assertThat(queries).map(QueryExample::label).allSatisfy(l -> assertThat(l).isIn("A", "B", "C", "D"));
        assertThat(queries.get(0).prompt()).contains("\nA. ", "\nB. ", "\nC. ", "\nD. ");
        assertThat(queries.get(0).text()).endsWith("\n<|assistant|>\nAnswer: " + queries.get(0).label());
        assertThat(queries.stream().map(QueryExample::queryId).collect(Collectors.toMap(Function.identity(), q -> 1))).hasSize(100);
    }
}
