/**
 * Implementation of {@code io.winnow.batchinfer}: the per-JVM model cache, batch planning, pre/post-processing
 * around the ONNX graph, the executor-side partition function and the module's errors. Not a stable API.
 */
package io.winnow.batchinfer.internal;
