package io.winnow.dedup.decontamination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * BIG-Bench-Hard task files: {@code {"examples": [{"input": ..., "target": ...}]}}. The input and
 * the target are separate eval texts (most targets are too short to give an n-gram and drop out).
 */
final class BbhEvaluationReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BbhEvaluationReader() {}

    static List<String> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw DecontaminationErrors.badLine(file, line, "is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw DecontaminationErrors.unreadable(file, e);
        }
        JsonNode examples = root == null ? null : root.get("examples");
        if (examples == null || !examples.isArray()) {
            throw DecontaminationErrors.badFile(file, "has no \"examples\" array (BIG-Bench-Hard format: {\"examples\": [{\"input\": ..., \"target\": ...}]})");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            JsonNode input = examples.get(i).get("input");
            if (input == null || !input.isTextual()) {
                throw DecontaminationErrors.badFile(file, "has an example without a text \"input\" (examples[" + i + "])");
            }
            texts.add(input.asText());
            JsonNode target = examples.get(i).get("target");
            if (target != null && target.isTextual()) {
                texts.add(target.asText());
            }
        }
        return texts;
    }
}
