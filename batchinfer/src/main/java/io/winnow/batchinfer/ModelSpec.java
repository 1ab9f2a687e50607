package io.winnow.batchinfer;

import static java.util.Objects.requireNonNull;

import io.winnow.batchinfer.model.ModelFetcher;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * One text-embedding model and how its output becomes a vector. The files are URIs, so the spec travels to
 * executors as is and every executor fetches them itself ({@link ModelFetcher}): {@code classpath:NAME} (a built-in
 * model inside the application jar), {@code file:}, {@code hdfs://}, {@code s3a://} or any other Hadoop file system.
 *
 * <p>A spec is <em>pinned</em> once the driver has fetched the files and recorded their SHA-256 ({@link #pin}):
 * executors then check their copies against those hashes, and the local cache is keyed by them.
 *
 * @param name label written to every output row (the built-in name, or the .onnx file name)
 * @param onnxUri the ONNX graph (inputs input_ids, attention_mask[, token_type_ids] as int64)
 * @param tokenizerUri the model's HuggingFace {@code tokenizer.json}
 * @param onnxSha256 the graph's SHA-256 (lower-case hex), null until pinned
 * @param tokenizerSha256 the tokenizer's SHA-256, null until pinned
 * @param precision the weights' variant (fp32, int8 ...), informational, recorded in outputs
 * @param maxTokens longer inputs are truncated to this many tokens (special tokens included)
 * @param pooling how token states become one vector
 * @param normalize scale every vector of the model's last layer to unit L2 length (layer cuts always are)
 */
public record ModelSpec(
        String name,
        String onnxUri,
        String tokenizerUri,
        String onnxSha256,
        String tokenizerSha256,
        Precision precision,
        int maxTokens,
        Pooling pooling,
        boolean normalize) implements Serializable {

    public static final int DEFAULT_MAX_TOKENS = 256;

    public ModelSpec {
        requireNonNull(name, "name is null");
        requireNonNull(onnxUri, "onnxUri is null");
        requireNonNull(tokenizerUri, "tokenizerUri is null");
        requireNonNull(precision, "precision is null");
        requireNonNull(pooling, "pooling is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (maxTokens < 2) {
            throw new IllegalArgumentException("maxTokens must be >= 2, got " + maxTokens);
        }
    }

    /** A built-in name ({@link ModelCatalog#BUILT_IN}) or a model URI, resolved with a default Hadoop configuration. */
    public static ModelSpec of(String nameOrUri) {
        return ModelCatalog.resolve(nameOrUri, new Configuration());
    }

    public boolean pinned() {
        return onnxSha256 != null && tokenizerSha256 != null;
    }

    /** This spec with the SHA-256 of both files, fetching them into this JVM's model cache if needed. */
    public ModelSpec pin(Configuration hadoopConfiguration) {
        if (pinned()) {
            return this;
        }
        String onnxHash = ModelFetcher.fetch(onnxUri, null, hadoopConfiguration).sha256();
        String tokenizerHash = ModelFetcher.fetch(tokenizerUri, null, hadoopConfiguration).sha256();
        return new ModelSpec(name, onnxUri, tokenizerUri, onnxHash, tokenizerHash, precision, maxTokens, pooling, normalize);
    }

    public ModelSpec withPooling(Pooling newPooling) {
        return new ModelSpec(name, onnxUri, tokenizerUri, onnxSha256, tokenizerSha256, precision, maxTokens, newPooling,
                normalize);
    }

    public ModelSpec withNormalize(boolean newNormalize) {
        return new ModelSpec(name, onnxUri, tokenizerUri, onnxSha256, tokenizerSha256, precision, maxTokens, pooling,
                newNormalize);
    }

    public ModelSpec withMaxTokens(int newMaxTokens) {
        return new ModelSpec(name, onnxUri, tokenizerUri, onnxSha256, tokenizerSha256, precision, newMaxTokens, pooling,
                normalize);
    }

    public ModelSpec withPrecision(Precision newPrecision) {
        return new ModelSpec(name, onnxUri, tokenizerUri, onnxSha256, tokenizerSha256, newPrecision, maxTokens, pooling,
                normalize);
    }

    public ModelSpec withName(String newName) {
        return new ModelSpec(newName, onnxUri, tokenizerUri, onnxSha256, tokenizerSha256, precision, maxTokens, pooling,
                normalize);
    }

    /** The same model with another graph file (a quantized variant) sharing this spec's tokenizer. */
    public ModelSpec withOnnx(String newName, String newOnnxUri, Precision newPrecision) {
        return new ModelSpec(newName, newOnnxUri, tokenizerUri, null, tokenizerSha256, newPrecision, maxTokens, pooling,
                normalize);
    }
}
