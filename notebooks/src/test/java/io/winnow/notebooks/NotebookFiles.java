package io.winnow.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads .ipynb files (nbformat 4 JSON) for the notebook tests. */
final class NotebookFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotebookFiles() {}

    static List<Path> notebooksIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The notebooks CI executes: the DEFAULT_NOTEBOOKS list of run-notebooks.sh, so the list lives in one place. */
    static List<String> ciNotebooks(Path notebooksDirectory) {
        try {
            for (String line : Files.readAllLines(notebooksDirectory.resolve("run-notebooks.sh"))) {
                if (line.startsWith("DEFAULT_NOTEBOOKS=(")) {
                    return List.of(line.substring(line.indexOf('(') + 1, line.lastIndexOf(')')).trim().split("\\s+"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("run-notebooks.sh has no DEFAULT_NOTEBOOKS=(...) line");
    }

    static List<JsonNode> codeCells(Path notebook) {
        try {
            List<JsonNode> cells = new ArrayList<>();
            for (JsonNode cell : JSON.readTree(notebook.toFile()).path("cells")) {
                if ("code".equals(cell.path("cell_type").asText())) {
                    cells.add(cell);
                }
            }
            return cells;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> outputs(Path notebook) {
        List<JsonNode> outputs = new ArrayList<>();
        for (JsonNode cell : codeCells(notebook)) {
            cell.path("outputs").forEach(outputs::add);
        }
        return outputs;
    }

    static long countOf(List<JsonNode> outputs, String mimeType) {
        return outputs.stream().filter(output -> output.path("data").has(mimeType)).count();
    }

    static List<String> errors(List<JsonNode> outputs) {
        return outputs.stream().filter(output -> "error".equals(output.path("output_type").asText()))
                .map(output -> output.path("ename").asText() + ": " + output.path("evalue").asText()).toList();
    }
}
