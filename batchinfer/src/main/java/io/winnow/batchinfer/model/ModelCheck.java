package io.winnow.batchinfer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.graph.LayerGraph;
import io.winnow.batchinfer.internal.InferErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's look at a model before any task runs: fetch both files (a missing model, an unreachable file system
 * or a cache without space fails here, once, naming the URI), record their SHA-256 in the spec so every executor
 * checks its copy, parse the graph (a truncated or non-ONNX file is an error, never a JVM crash in ONNX Runtime) and
 * check the tokenizer's ids fit the model's embedding table.
 */
public final class ModelCheck {
    private ModelCheck() {}

    /** {@code spec} pinned to its files' hashes, after the checks above. */
    public static ModelSpec pinAndCheck(ModelSpec spec, Configuration hadoopConfiguration) {
        ModelSpec pinned = spec.pin(hadoopConfiguration);
        Path onnx = ModelFetcher.fetch(pinned.onnxUri(), pinned.onnxSha256(), hadoopConfiguration).path();
        Path tokenizer = ModelFetcher.fetch(pinned.tokenizerUri(), pinned.tokenizerSha256(), hadoopConfiguration).path();
        LayerGraph.Shape shape = LayerGraph.shape(onnx);
        long highestId = highestTokenId(tokenizer, pinned.tokenizerUri());
        if (shape.vocabularyRows() > 0 && highestId >= shape.vocabularyRows()) {
            throw InferErrors.tokenizerDoesNotMatch(pinned.name(), pinned.tokenizerUri(), highestId, shape.vocabularyRows());
        }
        return pinned;
    }

    /** The highest id in a HuggingFace tokenizer.json (its model's vocabulary and its added tokens). */
    static long highestTokenId(Path tokenizerJson, String uri) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(tokenizerJson.toFile());
        } catch (IOException e) {
            throw InferErrors.tokenizerLoadFailed(uri, e);
        }
        long highest = -1;
        JsonNode vocabulary = root.path("model").path("vocab");
        if (vocabulary.isObject()) {
            for (Iterator<JsonNode> ids = vocabulary.elements(); ids.hasNext(); ) {
                highest = Math.max(highest, ids.next().asLong(-1));
            }
        } else if (vocabulary.isArray()) {
            highest = vocabulary.size() - 1L;
        }
        for (JsonNode added : root.path("added_tokens")) {
            highest = Math.max(highest, added.path("id").asLong(-1));
        }
        if (highest < 0) {
            throw InferErrors.tokenizerLoadFailed(uri, new IOException("it has no model.vocab and no added_tokens"));
        }
        return highest;
    }
}
