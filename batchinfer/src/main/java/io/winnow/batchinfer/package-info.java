/**
 * Batch inference with (compressed) ONNX text-embedding models through DJL and ONNX Runtime, on Spark
 * executors or in a single process.
 *
 * <ul>
 *   <li>{@link io.winnow.batchinfer.ModelSpec} / {@link io.winnow.batchinfer.ModelCatalog}: a built-in model
 *       ({@code all-minilm-l6-v2[-int8]}, {@code bge-small-en-v1.5[-int8]}, unpacked by the build) or a path,
 *       with pooling, normalisation, max tokens and a precision label.</li>
 *   <li>{@link io.winnow.batchinfer.TextEncoder}: texts to vectors in this thread, with token-budget batching
 *       (sort by token length, cut by longest x size, pad to the batch's longest, restore input order).</li>
 *   <li>{@link io.winnow.batchinfer.InferJob} / {@link io.winnow.batchinfer.InferConfig}: the {@code infer}
 *       stage; inference in {@code mapPartitions}, one model per executor JVM, one predictor per task.</li>
 *   <li>{@link io.winnow.batchinfer.DevicePlacement}: CPU, or the task's GPU (choice tested; GPU inference
 *       itself unverified here).</li>
 * </ul>
 *
 * <p>Every JVM that runs a model needs {@code OPT_OUT_TRACKING=true} and {@code -Dai.djl.offline=true}.
 */
package io.winnow.batchinfer;
