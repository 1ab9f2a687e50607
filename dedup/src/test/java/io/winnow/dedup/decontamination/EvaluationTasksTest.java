package io.winnow.dedup.decontamination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import io.winnow.core.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTasksTest {
    @TempDir
    Path directory;

    private static Map<String, EvaluationTask> byName(List<EvaluationTask> tasks) {
        return tasks.stream().collect(Collectors.toMap(EvaluationTask::name, Function.identity()));
    }

    private Path write(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    @Test
    void theBundledSetLoadsEveryFormatAndIgnoresReadmeAndLicenseFiles() {
        Map<String, EvaluationTask> tasks = byName(EvaluationTasks.load(RealText.bundledEval(), "text"));
        assertThat(tasks).containsOnlyKeys("gsm8k", "humaneval", "mmlu/abstract_algebra",
                "mmlu/college_computer_science", "mmlu/world_religions", "bbh/boolean_expressions",
                "bbh/date_understanding", "bbh/sports_understanding");
        assertThat(tasks.get("gsm8k").texts()).hasSize(400).first().asString().startsWith("Janet’s ducks lay 16 eggs");
        assertThat(tasks.get("humaneval").texts()).hasSize(164).first().asString().startsWith("from typing import List");
        assertThat(tasks.get("mmlu/abstract_algebra").texts()).hasSize(100);
        assertThat(tasks.get("mmlu/college_computer_science").texts()).hasSize(100);
        assertThat(tasks.get("mmlu/world_religions").texts()).hasSize(171);
        assertThat(tasks.get("bbh/boolean_expressions").texts()).hasSize(500).first().isEqualTo("not ( True ) and ( True ) is");
    }

    @Test
    void anMmluRowGivesTheQuestionWithItsChoicesButNotTheAnswerLetter() throws IOException {
        write("mmlu/test/anatomy_test.csv", "\"Which bone, of these, is longest?\",Femur,Tibia,\"Radius, left\",Ulna,A\n"
                + "\"A question over\ntwo lines\",a,b,c,d,B\n");
        EvaluationTask task = EvaluationTasks.load(directory, "text").get(0);
        assertThat(task.name()).isEqualTo("mmlu/anatomy");
        assertThat(task.texts()).containsExactly("Which bone, of these, is longest?\nFemur\nTibia\nRadius, left\nUlna",
                "A question over\ntwo lines\na\nb\nc\nd");
    }

    @Test
    void aGsm8kFileGivesQuestionsAndAnswersAsSeparateTexts() throws IOException {
        write("gsm8k/train.jsonl", "{\"question\": \"How many?\", \"answer\": \"Two. #### 2\"}\n\n{\"question\": \"Why?\"}\n");
        EvaluationTask task = EvaluationTasks.load(directory, "text").get(0);
        assertThat(task.name()).isEqualTo("gsm8k/train");
        assertThat(task.texts()).containsExactly("How many?", "Two. #### 2", "Why?");
    }

    @Test
    void aGenericJsonlFileUsesTheConfiguredFieldAndItsPathAsTaskName() throws IOException {
        write("gauntlet/arc_easy.jsonl", "{\"query\": \"Which gas do plants take in?\", \"gold\": 0}\n");
        EvaluationTask task = EvaluationTasks.load(directory, "query").get(0);
        assertThat(task.name()).isEqualTo("gauntlet/arc_easy");
        assertThat(task.texts()).containsExactly("Which gas do plants take in?");
    }

    @Test
    void aMalformedJsonLineIsReportedWithFileAndLine() throws IOException {
        Path file = write("gsm8k/test.jsonl", "{\"question\": \"fine\"}\n{\"question\": \"broken\"\n");
        assertThatThrownBy(() -> EvaluationTasks.load(directory, "text"))
                .isInstanceOf(WinnowException.class)
                .satisfies(e -> assertThat(((WinnowException) e).errorCode()).isEqualTo(ErrorCode.INPUT_INVALID))
                .hasMessageContaining("Line 2 of eval file '" + file + "' is not valid JSON")
                .hasMessageContaining("Fix or delete that line");
    }

    @Test
    void aLineWithoutTheTextFieldNamesTheFieldAndTheFieldsFound() throws IOException {
        Path file = write("other.jsonl", "{\"text\": \"ok\"}\n{\"query\": \"no text here\"}\n");
        assertThatThrownBy(() -> EvaluationTasks.load(directory, "text"))
                .hasMessageContaining("Line 2 of eval file '" + file + "' has no text field 'text' (found fields: query)");
    }

    @Test
    void anMmluRowWithTheWrongNumberOfFieldsIsReportedWithItsLine() throws IOException {
        Path file = write("x_test.csv", "q,a,b,c,d,A\n\"two\nlines\",a,b,c,d,B\nq,a,b,c,d\n");
        assertThatThrownBy(() -> EvaluationTasks.load(directory, "text"))
                .hasMessageContaining("Line 4 of eval file '" + file + "' has 5 CSV fields, expected 6");
    }

    @Test
    void aBbhFileWithoutExamplesIsReportedByName() throws IOException {
        Path file = write("bbh/navigate.json", "{\"canary\": \"x\"}");
        assertThatThrownBy(() -> EvaluationTasks.load(directory, "text"))
                .hasMessageContaining("Eval file '" + file + "' has no \"examples\" array");
    }

    @Test
    void aMissingTasksPathOrOneWithoutEvalFilesSaysWhatToPointItAt() throws IOException {
        assertThatThrownBy(() -> EvaluationTasks.load(directory.resolve("absent"), "text"))
                .isInstanceOf(WinnowException.class)
                .satisfies(e -> assertThat(((WinnowException) e).errorCode()).isEqualTo(ErrorCode.INPUT_NOT_FOUND))
                .hasMessageContaining("decontaminate.tasks");
        write("README.md", "no data");
        assertThatThrownBy(() -> EvaluationTasks.load(directory, "text")).hasMessageContaining("holds no eval files");
    }

    @Test
    void theFingerprintChangesWhenAnEvalFileChanges() throws IOException {
        Path file = write("gsm8k/test.jsonl", "{\"question\": \"q\"}\n");
        String before = EvaluationTasks.fingerprint(directory);
        assertThat(EvaluationTasks.fingerprint(directory)).isEqualTo(before);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));
        assertThat(EvaluationTasks.fingerprint(directory)).isNotEqualTo(before);
    }

    @Test
    void theFullSharedEvalSetsLoad() {
        Path eval = TestSpark.sharedData().resolve("eval");
        Assumptions.assumeTrue(Files.isDirectory(eval), "shared data not present");
        assertThat(byName(EvaluationTasks.load(eval.resolve("gsm8k"), "text")).get("gsm8k").texts()).hasSize(2 * 1_319);
        Map<String, EvaluationTask> mmlu = byName(EvaluationTasks.load(eval.resolve("mmlu/test"), "text"));
        assertThat(mmlu).hasSize(57);
        assertThat(mmlu.values().stream().mapToInt(task -> task.texts().size()).sum()).isEqualTo(14_080);
        assertThat(EvaluationTasks.load(eval.resolve("bbh"), "text")).hasSize(27);
        assertThat(EvaluationTasks.load(eval.resolve("humaneval"), "text").get(0).texts()).hasSize(164);
    }
}
