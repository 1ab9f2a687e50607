package io.winnow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Warehouse;
import io.winnow.core.testing.TestSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Airflow DAG and this test read one file, jobs/airflow/winnow_pipeline.json: the DAG's tasks
 * are its command lines, and this test runs the same arguments through the CLI.
 */
class AirflowDagTest {
    private static final Path AIRFLOW = TestSpark.projectRoot().resolve("jobs/airflow");
    private static final Pattern SHELL_SAFE = Pattern.compile("[\\w@%+=:,./-]+");

    private record StageCommand(String taskId, List<String> argv) {}

    /** The same rendering as winnow_commands.stage_commands. */
    private static List<StageCommand> render(Map<String, String> values) throws IOException {
        JsonNode pipeline = new ObjectMapper().readTree(AIRFLOW.resolve("winnow_pipeline.json").toFile());
        List<String> submit = fill(pipeline.get("spark_submit"), values);
        List<String> common = fill(pipeline.get("common_args"), values);
        List<StageCommand> commands = new ArrayList<>();
        for (JsonNode stage : pipeline.get("stages")) {
            List<String> argv = new ArrayList<>(submit);
            stage.get("args").forEach(arg -> argv.add(arg.asText()));
            argv.addAll(common);
            commands.add(new StageCommand(stage.get("task_id").asText(), argv));
        }
        return commands;
    }

    private static List<String> fill(JsonNode parts, Map<String, String> values) {
        List<String> filled = new ArrayList<>();
        for (JsonNode part : parts) {
            String text = part.asText();
            for (Map.Entry<String, String> value : values.entrySet()) {
                text = text.replace("{" + value.getKey() + "}", value.getValue());
            }
            filled.add(text);
        }
        return filled;
    }

    /** Python's shlex.quote. */
    private static String quote(String argument) {
        if (!argument.isEmpty() && SHELL_SAFE.matcher(argument).matches()) {
            return argument;
        }
        return "'" + argument.replace("'", "'\"'\"'") + "'";
    }

    private static String python(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(AIRFLOW.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static boolean pythonAvailable() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void theDagFileCompilesAndItsCommandsAreTheSharedOnes() throws Exception {
        assumeTrue(pythonAvailable(), "python3 is not installed");
        Map<String, String> values = Map.of("master", "spark://127.0.0.1:7077", "app_jar", "/opt/winnow/winnow-app.jar",
                "config", "/opt/winnow/conf/winnow.yaml", "run_id", "2026-11-25");
        python("-c", "import ast; source = open('winnow_dag.py').read(); ast.parse(source); "
                + "compile(source, 'winnow_dag.py', 'exec')");
        String printed = python("winnow_commands.py", "--master", values.get("master"), "--app-jar", values.get("app_jar"),
                "--config", values.get("config"), "--run-id", values.get("run_id"));
        List<String> expected = render(values).stream()
                .map(c -> c.taskId() + "\t" + String.join(" ", c.argv().stream().map(AirflowDagTest::quote).toList()))
                .toList();
        assertThat(printed.lines().toList()).containsExactlyElementsOf(expected);
        assertThat(expected).first().asString().startsWith("ingest\tspark-submit --master spark://127.0.0.1:7077 --deploy-mode client");
        assertThat(Files.readString(AIRFLOW.resolve("winnow_dag.py"))).contains("\"{{ ds }}\"", "\"retries\": 2");
    }

    @Test
    void theDagsStageArgumentsRunThePipelineInOrderAndTheCountsAddUp(@TempDir Path directory) throws Exception {
        Path root = TestSpark.projectRoot();
        String warehouse = directory.resolve("wh").toString();
        Path config = directory.resolve("winnow.yaml");
        Files.writeString(config, String.join("\n",
                "warehouse: " + warehouse,
                "ingest:",
                "  input: " + root.resolve("data/demo/corpus"),
                "quality-classifier:",
                "  input: " + root.resolve("data/demo/quality/dclm-majority.jsonl"),
                "decontaminate:",
                "  tasks: " + root.resolve("data/demo/eval"),
                ""));
        List<StageCommand> commands = render(Map.of("master", "local[2]", "app_jar", "winnow-app.jar",
                "config", config.toString(), "run_id", "2026-11-25"));
        for (StageCommand command : commands) {
            List<String> argv = command.argv();
            List<String> winnowArgs = argv.subList(argv.indexOf("winnow-app.jar") + 1, argv.size());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = WinnowCli.execute(new PrintWriter(out), new PrintWriter(err), winnowArgs.toArray(String[]::new));
            assertThat(code).as(command.taskId() + ": " + err).isZero();
            assertThat(out.toString()).contains("SUCCEEDED").contains("Counts add up");
        }
        assertThat(DeltaTables.read(TestSpark.session(), new Warehouse(warehouse).resolve("curated"), "x").count())
                .isEqualTo(961 - 15 + 26);
    }
}
