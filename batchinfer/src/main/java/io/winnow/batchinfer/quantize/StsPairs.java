package io.winnow.batchinfer.quantize;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** STS-B pairs from a headerless CSV (sentence1, sentence2, score 0-5; RFC 4180 quoting). */
public record StsPairs(List<String> first, List<String> second, double[] scores) {

    public int size() {
        return scores.length;
    }

    /** Reads at most {@code max} pairs; null if the file is absent. */
    public static StsPairs read(Path csv, int max) {
        if (csv == null || !Files.isRegularFile(csv)) {
            return null;
        }
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null && scores.size() < max) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = fields(line);
                double score;
                try {
                    score = fields.size() == 3 ? Double.parseDouble(fields.get(2).trim()) : Double.NaN;
                } catch (NumberFormatException e) {
                    score = Double.NaN;
                }
                if (Double.isNaN(score) || score < 0 || score > 5) {
                    throw QuantizeErrors.badStsLine(csv, number, line);
                }
                first.add(fields.get(0));
                second.add(fields.get(1));
                scores.add(score);
            }
        } catch (IOException e) {
            throw QuantizeErrors.unreadable(csv, "STS file", e);
        }
        return new StsPairs(List.copyOf(first), List.copyOf(second),
                scores.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
