package io.winnow.dedup.decontamination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * JSON Lines eval files (plain or .gz): GSM8K ({@code question}, {@code answer}), HumanEval
 * ({@code prompt}) and any other set with a configurable text field. Each listed field of each line
 * becomes one eval text; blank lines are skipped.
 */
final class JsonlEvaluationReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonlEvaluationReader() {}

    /**
     * @param requiredField must be a string on every line
     * @param optionalFields used when present (GSM8K's answer)
     */
    static List<String> read(Path file, String requiredField, List<String> optionalFields) {
        List<String> texts = new ArrayList<>();
        try (BufferedReader reader = open(file)) {
            String line;
            long lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record = parse(file, lineNumber, line);
                JsonNode required = record.get(requiredField);
                if (required == null || !required.isTextual()) {
                    throw DecontaminationErrors.badLine(file, lineNumber,
                            "has no text field '" + requiredField + "' (found fields: " + fieldNames(record) + ")");
                }
                texts.add(required.asText());
                for (String field : optionalFields) {
                    JsonNode optional = record.get(field);
                    if (optional != null && optional.isTextual()) {
                        texts.add(optional.asText());
                    }
                }
            }
        } catch (IOException e) {
            throw DecontaminationErrors.unreadable(file, e);
        }
        return texts;
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static JsonNode parse(Path file, long lineNumber, String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                throw DecontaminationErrors.badLine(file, lineNumber, "is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw DecontaminationErrors.badLine(file, lineNumber, "is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static String fieldNames(JsonNode record) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
