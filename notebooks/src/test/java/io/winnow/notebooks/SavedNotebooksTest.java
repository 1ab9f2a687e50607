package io.winnow.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.winnow.core.testing.TestSpark;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notebooks committed to the repository carry the outputs of one complete, successful top-to-bottom run. */
class SavedNotebooksTest {
    private static final Path NOTEBOOKS = TestSpark.projectRoot().resolve("notebooks");

    @Test
    void theRepositoryHasTheFiveNotebooksAndCiRunsThemAll() {
        assertThat(NotebookFiles.notebooksIn(NOTEBOOKS)).extracting(path -> path.getFileName().toString())
                .containsExactly("01-pipeline-tour.ipynb", "02-duplicate-clusters.ipynb", "03-embeddings.ipynb",
                        "04-rds-selection.ipynb", "05-vocabulary.ipynb");
        assertThat(NotebookFiles.ciNotebooks(NOTEBOOKS)).containsExactly("01-pipeline-tour.ipynb",
                "02-duplicate-clusters.ipynb", "03-embeddings.ipynb", "04-rds-selection.ipynb", "05-vocabulary.ipynb");
    }

    @Test
    void everySavedNotebookRanEveryCellOnceInOrderWithoutErrorsAndHasInlinePlots() {
        for (String name : NotebookFiles.ciNotebooks(NOTEBOOKS)) {
            Path notebook = NOTEBOOKS.resolve(name);
            List<JsonNode> cells = NotebookFiles.codeCells(notebook);
            assertThat(cells).as(notebook + " code cells").isNotEmpty();
            for (int i = 0; i < cells.size(); i++) {
                assertThat(cells.get(i).path("execution_count").asInt(-1))
                        .as("%s cell %d: executed in order by one run (run-notebooks.sh --inplace)", notebook.getFileName(), i + 1)
                        .isEqualTo(i + 1);
            }
            List<JsonNode> outputs = NotebookFiles.outputs(notebook);
            assertThat(NotebookFiles.errors(outputs)).as(notebook + " errors").isEmpty();
            assertThat(NotebookFiles.countOf(outputs, "image/png")).as(notebook + " inline PNG plots").isPositive();
            assertThat(NotebookFiles.countOf(outputs, "text/html")).as(notebook + " HTML tables").isPositive();
        }
    }
}
