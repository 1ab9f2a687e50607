package io.winnow.embed;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import java.nio.file.Path;
import java.util.List;

/** All user-facing errors of the embed module, built in one place: what happened, why, how to fix it. */
final class EmbedErrors {
    private EmbedErrors() {}

    static WinnowException modelFileNotFound(Path path) {
        return new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                "ONNX model '%s' does not exist. Run 'mvn -pl batchinfer -am install -DskipTests' to unpack the built-in"
                        + " models, or set embed.model to a directory holding one .onnx file and its tokenizer.json.",
                path));
    }

    static WinnowException notAnEncoder(Path path, String why) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "Cannot cut '%s' into layers: %s. Layer embeddings need a BERT-style HuggingFace ONNX export whose layer"
                        + " outputs are named /encoder/layer.K/output/LayerNorm/Add_1_output_0 and whose last output is"
                        + " last_hidden_state (like the built-in all-minilm-l6-v2 and bge-small-en-v1.5 models).",
                path, why));
    }

    static WinnowException layerBeyondDepth(Path path, int layer, int depth) {
        return new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "Layer %d was requested but model '%s' has only %d layers. Use layers 1..%d (embed.granularities,"
                        + " embed.layers), or pick a deeper model.",
                layer, path, depth, depth));
    }

    static WinnowException dimBeyondHidden(String model, int dim, int hidden) {
        return new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "Dimension %d was requested but model '%s' gives %d-dimensional hidden states. Use dims up to %d"
                        + " (embed.granularities, embed.dims).",
                dim, model, hidden, hidden));
    }

    static WinnowException badGranularity(String value) {
        return new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "Granularity '%s' is not 'layer:dim' with positive whole numbers. Write e.g. '6:384' (layer 6 of the"
                        + " model, first 384 values), layers counted from 1.",
                value));
    }

    static WinnowException conflictingGranularities(List<String> given) {
        return new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "embed sets %s, but only one way of choosing (layer, dim) pairs may be used. Set either"
                        + " embed.granularities (a list of 'layer:dim'), or embed.layers and/or embed.dims (a grid), or"
                        + " embed.preset: starbucks.",
                String.join(" and ", given)));
    }

    static WinnowException unreadable(Path path, Exception cause) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "Cannot read '%s': %s. Check the file exists and is readable.", path, cause.getMessage()), cause);
    }

    static WinnowException cannotWrite(Path path, Exception cause) {
        return new WinnowException(ErrorCode.STAGE_FAILED, String.format(
                "Cannot write the edited model '%s': %s. Check the folder is writable and has space, or point"
                        + " embed.graph-cache at another folder.", path, cause.getMessage()), cause);
    }

    static WinnowException inferenceFailed(String model, Exception cause) {
        return new WinnowException(ErrorCode.STAGE_FAILED, String.format(
                "Layer inference with model '%s' failed: %s. Check the model takes input_ids/attention_mask"
                        + "(/token_type_ids) as int64 and that the texts fit embed.max-tokens.",
                model, firstLine(cause.getMessage())), cause);
    }

    static WinnowException sessionFailed(Path file, Exception cause) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "ONNX Runtime cannot load '%s': %s. Delete the file to have it re-cut from the original model.",
                file, firstLine(cause.getMessage())), cause);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
