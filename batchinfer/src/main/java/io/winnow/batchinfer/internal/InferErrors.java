package io.winnow.batchinfer.internal;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import java.nio.file.Path;
import java.util.List;

/** All user-facing errors of the inference engine, built in one place: what happened, why, how to fix it. */
public final class InferErrors {
    static final String MODEL_HINT = "Name a built-in model, or a model URI (a local path, file:, hdfs:// or s3a://) of a"
            + " folder holding one .onnx file and its tokenizer.json, or of the .onnx file itself";

    private InferErrors() {}

    public static WinnowException builtInModelNotFound(String name, String resource) {
        return new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                "Built-in model '%s' is not on the classpath (resource '%s'). The application jar carries the built-in"
                        + " models: submit jobs/target/winnow-app.jar, or rebuild it with 'mvn -pl jobs -am package"
                        + " -DskipTests'.",
                name, resource));
    }

    public static WinnowException modelNotFound(String uri, List<String> builtIns) {
        return new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                "Model '%s' is neither a built-in model (%s) nor an existing file or folder. %s.",
                uri, String.join(", ", builtIns), MODEL_HINT));
    }

    public static WinnowException noOnnxFile(String directory, List<String> onnxFiles) {
        String found = onnxFiles.isEmpty() ? "none" : String.join(", ", onnxFiles);
        return new WinnowException(onnxFiles.isEmpty() ? ErrorCode.INPUT_NOT_FOUND : ErrorCode.INPUT_INVALID, String.format(
                "Model folder '%s' must hold exactly one .onnx file, found %s. Keep one model per folder,"
                        + " or name the .onnx file itself as the model.",
                directory, found));
    }

    public static WinnowException tokenizerNotFound(String onnxUri, List<String> candidates) {
        return new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                "No tokenizer for model '%s': looked for %s. Put the model's HuggingFace tokenizer.json next to the"
                        + " .onnx file under one of those names.",
                onnxUri, String.join(", ", candidates)));
    }

    public static WinnowException modelFileMissingHere(String uri) {
        return new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                "Model file '%s' cannot be read from this JVM: it was deleted or moved, or this executor does not see"
                        + " the driver's disk. On a cluster every executor must reach the model: put it on hdfs:// or"
                        + " s3a://, use a built-in model, or a path every executor mounts.",
                uri));
    }

    public static WinnowException fileSystemUnreachable(String uri, Throwable cause) {
        return new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                "Cannot reach the file system of model file '%s': %s. Check the URI's scheme and host, that the"
                        + " name node or object store is up and reachable from every executor, and the credentials"
                        + " (for s3a: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the fs.s3a.* settings).",
                uri, firstLine(cause.getMessage())), cause);
    }

    public static WinnowException checksumMismatch(String uri, String expected, String actual) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "Model file '%s' has SHA-256 %s, but %s was expected: the file changed while the job ran, or its"
                        + " copy is corrupt. Do not replace models in place during a run; rerun the stage (the"
                        + " executors fetch the file again), or fix the expected checksum.",
                uri, actual, expected));
    }

    public static WinnowException modelCacheUnwritable(Path folder, Throwable cause) {
        return new WinnowException(ErrorCode.STAGE_FAILED, String.format(
                "Cannot write to the model cache '%s': %s. Give it space and write permission, or point the system"
                        + " property winnow.model.cache (or WINNOW_MODEL_CACHE) at a local folder that has them.",
                folder, firstLine(cause.getMessage())), cause);
    }

    public static WinnowException tokenizerDoesNotMatch(String model, String tokenizerUri, long highestId, long rows) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "Tokenizer '%s' does not match model '%s': it produces token ids up to %d, but the model's embedding"
                        + " table has %d rows. Use the tokenizer.json that was exported with this model.",
                tokenizerUri, model, highestId, rows));
    }

    public static WinnowException modelFileNotFound(Path path) {
        return new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                "ONNX model '%s' does not exist. %s.", path, MODEL_HINT));
    }

    public static WinnowException notAnEncoder(Path path, String why) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "Cannot use '%s' as a text encoder: %s. Winnow needs a BERT-style HuggingFace ONNX export (inputs"
                        + " input_ids, attention_mask[, token_type_ids]; layer outputs named"
                        + " /encoder/layer.K/output/LayerNorm/Add_1_output_0; last output last_hidden_state), like the"
                        + " built-in all-minilm-l6-v2 and bge-small-en-v1.5 models.",
                path, why));
    }

    public static WinnowException layerBeyondDepth(Path path, int layer, int depth) {
        return new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "Layer %d was requested but model '%s' has only %d layers. Use layers 1..%d (embed.granularities,"
                        + " embed.layers), or pick a deeper model.",
                layer, path.getFileName(), depth, depth));
    }

    public static WinnowException dimBeyondHidden(String model, int dim, int hidden) {
        return new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "Dimension %d was requested but model '%s' gives %d-dimensional hidden states. Use dims up to %d"
                        + " (embed.granularities, embed.dims).",
                dim, model, hidden, hidden));
    }

    public static WinnowException badGranularity(String value) {
        return new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "Granularity '%s' is not 'layer:dim' with positive whole numbers. Write e.g. '6:384' (layer 6 of the"
                        + " model, first 384 values), layers counted from 1.",
                value));
    }

    public static WinnowException unreadable(Path path, Exception cause) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "Cannot read '%s': %s. Check the file exists and is readable.", path, cause.getMessage()), cause);
    }

    public static WinnowException cannotWrite(Path path, Exception cause) {
        return new WinnowException(ErrorCode.STAGE_FAILED, String.format(
                "Cannot write the model file '%s': %s. Check the folder is writable and has space, or point the"
                        + " system property winnow.model.cache at another folder.", path, cause.getMessage()), cause);
    }

    public static WinnowException sessionFailed(Path file, Throwable cause) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "ONNX Runtime cannot load '%s': %s. Check the file is a complete ONNX model; delete it from the model"
                        + " cache to have it fetched (or cut) again.",
                file, firstLine(cause.getMessage())), cause);
    }

    public static WinnowException tokenizerLoadFailed(String tokenizerFile, Throwable cause) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "Cannot read tokenizer '%s': %s. It must be a HuggingFace tokenizer.json (the fast-tokenizer format).",
                tokenizerFile, firstLine(cause.getMessage())), cause);
    }

    public static WinnowException inferenceFailed(String model, Throwable cause) {
        return new WinnowException(ErrorCode.STAGE_FAILED, String.format(
                "Inference with model '%s' failed: %s. Check the model takes input_ids/attention_mask(/token_type_ids)"
                        + " as int64 and gives [batch, tokens, hidden] states (last_hidden_state).",
                model, firstLine(cause.getMessage())), cause);
    }

    public static WinnowException gpuRequestedButAbsent(List<String> taskResources) {
        return new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "device is gpu but this Spark task holds no GPU (its resources: %s). Request one with"
                        + " spark.executor.resource.gpu.amount=1 and spark.task.resource.gpu.amount=1 (plus a discovery"
                        + " script), or set the device to auto or cpu.",
                taskResources.isEmpty() ? "none" : String.join(", ", taskResources)));
    }

    public static WinnowException gpuProviderMissing(int gpu, Throwable cause) {
        return new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "device is gpu and the task holds GPU %d, but ONNX Runtime's CUDA provider cannot start: %s. Put ONNX"
                        + " Runtime's GPU build (com.microsoft.onnxruntime:onnxruntime_gpu) and CUDA/cuDNN on the"
                        + " executors, or set the device to auto (falls back to the CPU, and says so) or cpu.",
                gpu, firstLine(cause.getMessage())), cause);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
