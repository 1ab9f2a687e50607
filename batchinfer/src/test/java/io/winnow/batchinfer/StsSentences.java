package io.winnow.batchinfer;

import io.winnow.core.testing.TestSpark;
import io.winnow.batchinfer.quantize.StsPairs;
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

    /** The pairs of one STS-B CSV, parsed by the same reader the quantization report uses. */
    public static List<Pair> pairs(Path file) {
        StsPairs read = StsPairs.read(file, Integer.MAX_VALUE);
        List<Pair> pairs = new ArrayList<>(read.size());
        for (int i = 0; i < read.size(); i++) {
            pairs.add(new Pair(read.first().get(i), read.second().get(i), read.scores()[i]));
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
}
