package io.winnow.batchinfer.quantize;

import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.OrtRunner;
import io.winnow.batchinfer.Pooling;
import java.nio.file.Path;
import java.util.Locale;

/** The real built-in models, fetched from the classpath into the model cache. */
final class QuantizationFixtures {
    private QuantizationFixtures() {}

    record Model(Path fp32, Path tokenizer, Pooling pooling, Path publisherInt8) {}

    static Model model(String name) {
        return switch (name) {
            case "minilm" -> model("all-minilm-l6-v2", "all-minilm-l6-v2-int8");
            case "bge" -> model("bge-small-en-v1.5", "bge-small-en-v1.5-int8");
            default -> throw new IllegalArgumentException("unknown model " + name);
        };
    }

    private static Model model(String fp32, String int8) {
        ModelSpec spec = ModelSpec.of(fp32);
        return new Model(OrtRunner.onnx(spec), OrtRunner.tokenizer(spec), spec.pooling(), OrtRunner.onnx(ModelSpec.of(int8)));
    }

    static String row(String label, long bytes, QuantizationReport report) {
        return String.format(Locale.ROOT, "| %s | %.1f | %.4f | %.4f | %.4f | %.4f | %.1f | %.1f |", label, bytes / 1e6,
                report.meanCosine(), report.minCosine(), report.spearmanFp32(), report.spearmanVariant(),
                report.fp32TextsPerSecond(), report.variantTextsPerSecond());
    }
}
