package io.winnow.batchinfer;

import io.winnow.core.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * STS-B (English) sentence pairs from {@code ../shared/data/sts/stsb_multi_mt}, when present:
 * {@code sentence1,sentence2,score} rows, quoted CSV without a header.
 */
public final class StsSentences {
    /** One scored pair; score 0 (unrelated) to 5 (same meaning). */
    public record Pair(String first, String second, double score) {}

    private StsSentences() {}

    public static Optional<Path> directory() {
        Path configured = Path.of(System.getProperty("winnow.sts.dir", "/nonexistent"));
        if (Files.isDirectory(configured)) {
            return Optional.of(configured);
        }
        try {
            Path shared = TestSpark.sharedData().resolve("sts").resolve("stsb_multi_mt");
            return Files.isRegularFile(shared.resolve("stsb-en-dev.csv")) ? Optional.of(shared) : Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    public static List<Pair> pairs(Path file) {
        List<Pair> pairs = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                List<String> fields = csv(line);
                if (fields.size() == 3) {
                    try {
                        pairs.add(new Pair(fields.get(0), fields.get(1), Double.parseDouble(fields.get(2))));
                    } catch (NumberFormatException e) {
                        // a header or a broken row: skip it
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pairs;
    }

    /** Distinct sentences from the English train and dev files, in file order, at most {@code limit}. */
    public static List<String> sentences(Path directory, int limit) {
        java.util.LinkedHashSet<String> sentences = new java.util.LinkedHashSet<>();
        for (String name : List.of("stsb-en-train.csv", "stsb-en-dev.csv")) {
            Path file = directory.resolve(name);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            for (Pair pair : pairs(file)) {
                sentences.add(pair.first());
                sentences.add(pair.second());
                if (sentences.size() >= limit) {
                    return List.copyOf(sentences).subList(0, limit);
                }
            }
        }
        return List.copyOf(sentences);
    }

    static List<String> csv(String line) {
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
