package io.winnow.batchinfer.quantize;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import java.nio.file.Path;

/** The user-facing errors of model quantization: what happened, why, how to fix it. */
final class QuantizeErrors {
    private QuantizeErrors() {}

    static WinnowException modelNotFound(Path path) {
        return new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                "ONNX model '%s' does not exist. Pass a built-in model name (all-minilm-l6-v2, bge-small-en-v1.5) or the"
                        + " path or URI of an fp32 .onnx file.",
                path));
    }

    static WinnowException notAnOnnxModel(Path path, String why, Throwable cause) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "File '%s' is not an ONNX model: %s. Pass an .onnx file (an ONNX ModelProto, as written by torch.onnx.export or optimum).",
                path, why), cause);
    }

    static WinnowException externalData(Path path, String tensor) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "ONNX model '%s' keeps tensor '%s' in an external data file, which the quantizer does not read. "
                        + "Save the model with all tensors inside the .onnx file (onnx.save_model(..., save_as_external_data=False)) and run again.",
                path, tensor));
    }

    static WinnowException nothingToQuantize(Path path, QuantizationVariant variant) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "ONNX model '%s' has no MatMul whose weight is a 2-D float initializer, so there is nothing to compress to %s. "
                        + "It is probably already quantized (MatMulInteger / MatMulNBits) or keeps its weights as graph inputs: "
                        + "pass the fp32 model it was made from.",
                path, variant.cliName()));
    }

    static WinnowException nothingToConvert(Path path) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "ONNX model '%s' has no float initializers, so there is nothing to store as float16. Pass the fp32 model.",
                path));
    }

    static WinnowException opsetTooOld(Path path, long version) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "ONNX model '%s' uses operator set %d, but int8 quantization needs DynamicQuantizeLinear (operator set 11). "
                        + "Re-export the model with opset_version=11 or later and run again.",
                path, version));
    }

    static WinnowException tokenizerNotFound(Path path) {
        return new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                "Tokenizer file '%s' does not exist. Put the model's HuggingFace tokenizer.json beside the .onnx file"
                        + " (<name>-tokenizer.json or tokenizer.json), or turn the evaluation off.",
                path));
    }

    static WinnowException unreadable(Path path, String what, Throwable cause) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "Cannot read %s '%s': %s. Check that the file is complete and readable.",
                what, path, firstLine(cause.getMessage())), cause);
    }


    static WinnowException runtimeRejected(Path path, Throwable cause) {
        return new WinnowException(ErrorCode.STAGE_FAILED, String.format(
                "ONNX Runtime cannot load or run model '%s': %s. If this is a model the quantizer wrote, report it as a Winnow bug "
                        + "with the model's source; meanwhile use the int8 variant.",
                path, firstLine(cause.getMessage())), cause);
    }

    static WinnowException badStsLine(Path path, int line, String text) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "Line %d of STS file '%s' is not 'sentence1,sentence2,score' (score 0-5): '%s'. "
                        + "Use the stsb_multi_mt CSV layout (no header, quotes around fields containing commas).",
                line, path, text.length() > 200 ? text.substring(0, 200) + "..." : text));
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
