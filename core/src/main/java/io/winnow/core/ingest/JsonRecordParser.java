package io.winnow.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;

/** Turns one JSONL line into a document row or a quarantine row with the exact reason. */
final class JsonRecordParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        // Our own max-text-chars check gives a better reason than Jackson's length limit.
        JSON.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build());
    }

    private final IngestConfig config;
    private final String source;
    private final String[] textPath;

    JsonRecordParser(IngestConfig config, String source) {
        this.config = config;
        this.source = source;
        this.textPath = config.textField().split("\\.");
    }

    Row parse(String text, InputFile file, long lineNumber) {
        String raw = IngestRows.truncate(text, config.rawRecordMaxChars());
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            return IngestRows.quarantine(file.path(), lineNumber, null, QuarantineReason.MALFORMED_JSON,
                    "not valid JSON: " + firstLine(message), raw);
        }
        if (root == null || !root.isObject()) {
            return IngestRows.quarantine(file.path(), lineNumber, null, QuarantineReason.NOT_A_JSON_OBJECT,
                    "the line is a JSON " + (root == null ? "nothing" : root.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                            + ", expected an object with a '" + config.textField() + "' field", raw);
        }
        String docId;
        if (config.idField() != null) {
            JsonNode id = root.get(config.idField());
            if (id == null || id.isNull()) {
                return IngestRows.quarantine(file.path(), lineNumber, null, QuarantineReason.MISSING_ID,
                        "no field '" + config.idField() + "' (configured as ingest.id-field)", raw);
            }
            if (!id.isValueNode() || id.asText().isBlank()) {
                return IngestRows.quarantine(file.path(), lineNumber, null, QuarantineReason.ID_NOT_SCALAR,
                        "field '" + config.idField() + "' must be a non-empty string or number, got " + id.getNodeType(), raw);
            }
            docId = id.asText();
        } else {
            docId = DocumentIds.generated(source, file.relativePath(), lineNumber);
        }
        JsonNode textNode = root;
        for (String part : textPath) {
            textNode = textNode == null ? null : textNode.get(part);
        }
        if (textNode == null || textNode.isNull()) {
            return IngestRows.quarantine(file.path(), lineNumber, docId, QuarantineReason.MISSING_TEXT,
                    "no field '" + config.textField() + "' (configured as ingest.text-field)", raw);
        }
        if (!textNode.isTextual()) {
            return IngestRows.quarantine(file.path(), lineNumber, docId, QuarantineReason.TEXT_NOT_STRING,
                    "field '" + config.textField() + "' is a " + textNode.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                            + ", expected a string", raw);
        }
        String documentText = textNode.textValue();
        if (documentText.isBlank()) {
            return IngestRows.quarantine(file.path(), lineNumber, docId, QuarantineReason.EMPTY_TEXT,
                    "field '" + config.textField() + "' is empty or only whitespace", raw);
        }
        if (documentText.length() > config.maxTextChars()) {
            return IngestRows.quarantine(file.path(), lineNumber, docId, QuarantineReason.TEXT_TOO_LARGE,
                    "text has " + documentText.length() + " chars, more than ingest.max-text-chars = " + config.maxTextChars(), raw);
        }
        String url = null;
        Map<String, String> meta = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            boolean isUrl = name.equals(config.urlField()) && value.isTextual();
            boolean isText = textPath.length == 1 && name.equals(textPath[0]);
            boolean isId = name.equals(config.idField());
            if (isUrl) {
                url = value.textValue();
            } else if (!isText && !isId) {
                meta.put(name, value.isTextual() ? value.textValue() : value.toString());
            }
        }
        return IngestRows.document(docId, source, documentText, url, meta, file.path(), lineNumber);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown syntax error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
