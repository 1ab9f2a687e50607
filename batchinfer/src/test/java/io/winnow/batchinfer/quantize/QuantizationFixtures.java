package io.winnow.batchinfer.quantize;

import io.winnow.batchinfer.Pooling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The real models unpacked by the build into batchinfer/target/models. */
final class QuantizationFixtures {
    private QuantizationFixtures() {}

    record Model(Path fp32, Path tokenizer, Pooling pooling, Path publisherInt8) {}

    static Path models() {
        String root = System.getProperty("winnow.project.root", System.getenv().getOrDefault("WINNOW_HOME", "."));
        Path models = Path.of(root, "batchinfer", "target", "models");
        return Files.isDirectory(models) ? models : Path.of("target", "models");
    }

    static Model model(String name) {
        Path models = models();
        return switch (name) {
            case "minilm" -> new Model(models.resolve("all-minilm-l6-v2/all-minilm-l6-v2.onnx"),
                    models.resolve("all-minilm-l6-v2/all-minilm-l6-v2-tokenizer.json"), Pooling.MEAN,
                    models.resolve("all-minilm-l6-v2-q/all-minilm-l6-v2-q.onnx"));
            case "bge" -> new Model(models.resolve("bge-small-en-v15/bge-small-en-v1.5.onnx"),
                    models.resolve("bge-small-en-v15/bge-small-en-v1.5-tokenizer.json"), Pooling.CLS,
                    models.resolve("bge-small-en-v15-q/bge-small-en-v1.5-q.onnx"));
            default -> throw new IllegalArgumentException("unknown model " + name);
        };
    }

    static String row(String label, long bytes, QuantizationReport report) {
        return String.format(Locale.ROOT, "| %s | %.1f | %.4f | %.4f | %.4f | %.4f | %.1f | %.1f |", label, bytes / 1e6,
                report.meanCosine(), report.minCosine(), report.spearmanFp32(), report.spearmanVariant(),
                report.fp32TextsPerSecond(), report.variantTextsPerSecond());
    }
}
