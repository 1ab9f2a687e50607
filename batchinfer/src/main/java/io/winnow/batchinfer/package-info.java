/** Batch inference on executors with compressed ONNX models through DJL. Not built yet. */
package io.winnow.batchinfer;
