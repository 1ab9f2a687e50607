/**
 * The inference engine of Winnow: one text encoder on ONNX Runtime's Java API, used by every stage that runs a
 * model, on Spark executors or in a single process.
 *
 * <ul>
 *   <li>{@link io.winnow.batchinfer.ModelSpec} / {@link io.winnow.batchinfer.ModelCatalog}: a built-in model
 *       ({@code all-minilm-l6-v2[-int8]}, {@code bge-small-en-v1.5[-int8]}, classpath resources of the application
 *       jar) or a model URI (local path, {@code file:}, {@code hdfs://}, {@code s3a://}), with pooling,
 *       normalisation, max tokens and a precision label.</li>
 *   <li>{@link io.winnow.batchinfer.model.ModelFetcher}: each JVM fetches model files once into a content-addressed
 *       local cache (SHA-256 checked, atomic publish); {@link io.winnow.batchinfer.model.ModelCheck} pins and checks
 *       a model on the driver.</li>
 *   <li>{@link io.winnow.batchinfer.TextEncoder}: texts to vectors in this thread, the model's output or several
 *       (layer, dim) granularities from one pass over a cut graph, with token-budget batching and device placement
 *       ({@link io.winnow.batchinfer.DevicePlacement}; GPU unverified).</li>
 *   <li>{@code graph}: the one place that edits ONNX graphs (layer cuts, quantization's node rewrites).</li>
 *   <li>{@link io.winnow.batchinfer.InferJob} / {@link io.winnow.batchinfer.InferConfig}: the {@code infer} stage.</li>
 * </ul>
 *
 * <p>Every JVM that tokenizes needs {@code OPT_OUT_TRACKING=true} and {@code -Dai.djl.offline=true} (DJL's
 * tokenizers library).
 */
package io.winnow.batchinfer;
