package io.winnow.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.winnow.core.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Executes every notebook headless with Jupyter's nbconvert against a small pipeline run (notebooks/run-notebooks.sh),
 * after the kernel jar is packaged. Skipped when nbconvert is not installed; .ci/run installs it from Debian.
 */
class NotebooksExecuteIT {
    private static final Path ROOT = TestSpark.projectRoot();
    private static final Path TARGET = ROOT.resolve("notebooks").resolve("target");
    private static final String JUPYTER = "/usr/bin/jupyter";

    @Test
    void everyNotebookRunsHeadlessAgainstASmallPipelineRunWithoutACellError() throws Exception {
        assumeTrue(nbconvertWorks(), "Jupyter's nbconvert is not installed at " + JUPYTER
                + ": install it with `apt-get install -y jupyter-nbconvert python3-ipykernel` (.ci/run does) to run the notebooks");
        assumeTrue(Files.isRegularFile(ROOT.resolve("jobs/target/winnow-app.jar")),
                "jobs/target/winnow-app.jar is missing: run the notebooks through `mvn verify` (package comes first)");
        Path log = TARGET.resolve("run-notebooks.log");
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("notebooks/run-notebooks.sh").toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove(NotebookSession.WAREHOUSE_VARIABLE);
        Process run = builder.start();
        boolean finished = run.waitFor(20, TimeUnit.MINUTES);
        if (!finished) {
            run.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(finished).as("run-notebooks.sh finished within 20 minutes:\n" + output).isTrue();
        assertThat(run.exitValue()).as("run-notebooks.sh exit code:\n" + output).isZero();

        for (String name : NotebookFiles.ciNotebooks(ROOT.resolve("notebooks"))) {
            Path notebook = TARGET.resolve("executed").resolve(name);
            assertThat(notebook).as("executed copy of " + name).isRegularFile();
            List<JsonNode> outputs = NotebookFiles.outputs(notebook);
            assertThat(NotebookFiles.errors(outputs)).as(notebook + " errors").isEmpty();
            assertThat(NotebookFiles.countOf(outputs, "image/png")).as(notebook + " inline PNG plots").isPositive();
        }
        assertThat(Files.readString(TARGET.resolve("executed/01-pipeline-tour.ipynb"))).contains("Counts add up for all");
    }

    private static boolean nbconvertWorks() throws InterruptedException {
        if (!Files.isExecutable(Path.of(JUPYTER))) {
            return false;
        }
        try {
            Process probe = new ProcessBuilder(JUPYTER, "nbconvert", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
