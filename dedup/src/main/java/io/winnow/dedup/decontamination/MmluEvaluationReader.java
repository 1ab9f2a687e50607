package io.winnow.dedup.decontamination;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MMLU subject files: headerless CSV (RFC 4180 quoting, fields may span lines) with the columns
 * question, A, B, C, D, answer. The question and its four choices form one eval text; the answer
 * letter is left out.
 */
final class MmluEvaluationReader {
    private static final int FIELDS = 6;

    private MmluEvaluationReader() {}

    static List<String> read(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw DecontaminationErrors.unreadable(file, e);
        }
        List<String> texts = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        long line = 1;
        long recordLine = 1;
        int length = content.length();
        for (int i = 0; i < length; i++) {
            char c = content.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < length && content.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < length && content.charAt(i + 1) == '\n') {
                    i++;
                }
                endRecord(file, recordLine, fields, field, texts);
                line++;
                recordLine = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw DecontaminationErrors.badLine(file, recordLine, "opens a quoted field that is never closed");
        }
        endRecord(file, recordLine, fields, field, texts);
        return texts;
    }

    private static void endRecord(Path file, long line, List<String> fields, StringBuilder field, List<String> texts) {
        fields.add(field.toString());
        field.setLength(0);
        boolean blank = fields.size() == 1 && fields.get(0).isBlank();
        if (!blank) {
            if (fields.size() != FIELDS) {
                throw DecontaminationErrors.badLine(file, line, "has " + fields.size()
                        + " CSV fields, expected 6 (question, A, B, C, D, answer; quote fields that contain commas)");
            }
            texts.add(String.join("\n", fields.subList(0, FIELDS - 1)));
        }
        fields.clear();
    }
}
