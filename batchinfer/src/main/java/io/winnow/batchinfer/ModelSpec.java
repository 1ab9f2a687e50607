package io.winnow.batchinfer;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * One text-embedding model and how its output becomes a vector. Paths are absolute strings so the
 * spec travels to executors as is; on a cluster they must be readable there (shared file system, or
 * files shipped with {@code --files}/{@code --archives}).
 *
 * @param name label written to every output row (the built-in name, or the .onnx file name)
 * @param onnxFile the ONNX graph (inputs input_ids, attention_mask[, token_type_ids] as int64)
 * @param tokenizerFile the model's HuggingFace {@code tokenizer.json}, read offline
 * @param engine the DJL engine; only {@code OnnxRuntime} is tested
 * @param precision the weights' variant (fp32, int8 ...), informational, recorded in outputs
 * @param maxTokens longer inputs are truncated to this many tokens (special tokens included)
 * @param pooling how token vectors become one vector
 * @param normalize scale every vector to unit L2 length
 */
public record ModelSpec(
        String name,
        String onnxFile,
        String tokenizerFile,
        String engine,
        Precision precision,
        int maxTokens,
        Pooling pooling,
        boolean normalize) implements Serializable {

    public static final String ONNX_RUNTIME = "OnnxRuntime";
    public static final int DEFAULT_MAX_TOKENS = 256;

    public ModelSpec {
        requireNonNull(name, "name is null");
        requireNonNull(onnxFile, "onnxFile is null");
        requireNonNull(tokenizerFile, "tokenizerFile is null");
        requireNonNull(engine, "engine is null");
        requireNonNull(precision, "precision is null");
        requireNonNull(pooling, "pooling is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (maxTokens < 2) {
            throw new IllegalArgumentException("maxTokens must be >= 2, got " + maxTokens);
        }
        onnxFile = Path.of(onnxFile).toAbsolutePath().normalize().toString();
        tokenizerFile = Path.of(tokenizerFile).toAbsolutePath().normalize().toString();
    }

    /** A built-in name ({@link ModelCatalog#BUILT_IN}) or a path, resolved through {@link ModelCatalog#locate()}. */
    public static ModelSpec of(String nameOrPath) {
        return ModelCatalog.locate().resolve(nameOrPath);
    }

    /** An explicit .onnx file and tokenizer: fp32, mean pooling, normalised, 256 tokens (change with the {@code with*} methods). */
    public static ModelSpec fromFiles(Path onnxFile, Path tokenizerFile) {
        String fileName = onnxFile.getFileName().toString();
        String name = fileName.endsWith(".onnx") ? fileName.substring(0, fileName.length() - 5) : fileName;
        return new ModelSpec(name, onnxFile.toString(), tokenizerFile.toString(), ONNX_RUNTIME, Precision.FP32,
                DEFAULT_MAX_TOKENS, Pooling.MEAN, true);
    }

    public ModelSpec withPooling(Pooling newPooling) {
        return new ModelSpec(name, onnxFile, tokenizerFile, engine, precision, maxTokens, newPooling, normalize);
    }

    public ModelSpec withNormalize(boolean newNormalize) {
        return new ModelSpec(name, onnxFile, tokenizerFile, engine, precision, maxTokens, pooling, newNormalize);
    }

    public ModelSpec withMaxTokens(int newMaxTokens) {
        return new ModelSpec(name, onnxFile, tokenizerFile, engine, precision, newMaxTokens, pooling, normalize);
    }

    public ModelSpec withPrecision(Precision newPrecision) {
        return new ModelSpec(name, onnxFile, tokenizerFile, engine, newPrecision, maxTokens, pooling, normalize);
    }

    public ModelSpec withName(String newName) {
        return new ModelSpec(newName, onnxFile, tokenizerFile, engine, precision, maxTokens, pooling, normalize);
    }
}
