package io.winnow.batchinfer.internal;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import java.util.List;

/** All user-facing errors of the batchinfer module, built in one place: problem, cause, fix. */
public final class InferErrors {
    static final String INSTALL_HINT = "Run 'mvn -pl batchinfer -am install -DskipTests' to unpack the built-in models,"
            + " or set infer.model to a directory holding one .onnx file and its tokenizer.json";

    private InferErrors() {}

    public static WinnowException builtInModelNotFound(String name, String expectedFile, List<String> lookedIn) {
        return new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                "Built-in model '%s' not found: looked for '%s' in %s. %s (or point the system property"
                        + " winnow.models.dir at the folder holding the unpacked models).",
                name, expectedFile, String.join(", ", lookedIn), INSTALL_HINT));
    }

    public static WinnowException modelPathNotFound(String path, List<String> builtIns) {
        return new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                "Model '%s' is neither a built-in model (%s) nor an existing file or directory. %s.",
                path, String.join(", ", builtIns), INSTALL_HINT));
    }

    public static WinnowException noOnnxFile(String directory, List<String> onnxFiles) {
        String found = onnxFiles.isEmpty() ? "none" : String.join(", ", onnxFiles);
        return new WinnowException(onnxFiles.isEmpty() ? ErrorCode.INPUT_NOT_FOUND : ErrorCode.INPUT_INVALID, String.format(
                "Model directory '%s' must hold exactly one .onnx file, found %s. Keep one model per directory,"
                        + " or name the .onnx file itself as the model.",
                directory, found));
    }

    public static WinnowException tokenizerNotFound(String onnxFile, List<String> candidates) {
        return new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                "No tokenizer for model '%s': looked for %s. Put the model's HuggingFace tokenizer.json next to the"
                        + " .onnx file under one of those names.",
                onnxFile, String.join(", ", candidates)));
    }

    public static WinnowException modelLoadFailed(String onnxFile, Throwable cause) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "Cannot load ONNX model '%s' with ONNX Runtime: %s. Check the file is a complete ONNX model (re-run"
                        + " 'mvn -pl batchinfer -am install -DskipTests' for the built-in ones).",
                onnxFile, firstLine(cause.getMessage())), cause);
    }

    public static WinnowException tokenizerLoadFailed(String tokenizerFile, Throwable cause) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "Cannot read tokenizer '%s': %s. It must be a HuggingFace tokenizer.json (the fast-tokenizer format).",
                tokenizerFile, firstLine(cause.getMessage())), cause);
    }

    public static WinnowException inferenceFailed(String model, Throwable cause) {
        return new WinnowException(ErrorCode.STAGE_FAILED, String.format(
                "Inference with model '%s' failed: %s. Check the model takes input_ids/attention_mask(/token_type_ids)"
                        + " and gives last_hidden_state, or set infer.pooling to none for other outputs.",
                model, firstLine(cause.getMessage())), cause);
    }

    public static WinnowException gpuRequestedButAbsent(List<String> taskResources) {
        return new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "infer.device is gpu but this Spark task holds no GPU (its resources: %s). Request one with"
                        + " spark.executor.resource.gpu.amount=1 and spark.task.resource.gpu.amount=1 (plus a discovery"
                        + " script), or set infer.device to auto or cpu.",
                taskResources.isEmpty() ? "none" : String.join(", ", taskResources)));
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
