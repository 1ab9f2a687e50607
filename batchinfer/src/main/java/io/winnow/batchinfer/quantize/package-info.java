/**
 * Compressing fp32 ONNX encoders (int8 dynamic quantization, experimental int4 MatMulNBits, fp16)
 * and measuring what the compression costs against the fp32 source on real text. Entry point:
 * {@link io.winnow.batchinfer.quantize.OnnxQuantizer#quantize(io.winnow.batchinfer.quantize.QuantizeRequest)}.
 */
package io.winnow.batchinfer.quantize;
