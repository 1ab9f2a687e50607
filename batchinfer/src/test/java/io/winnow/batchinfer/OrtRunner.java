package io.winnow.batchinfer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.winnow.batchinfer.internal.SessionCache;
import io.winnow.batchinfer.internal.TokenBatch;
import io.winnow.batchinfer.model.ModelFetcher;
import org.apache.hadoop.conf.Configuration;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test helper: raw named outputs of a graph file for a few texts (one padded batch). */
public final class OrtRunner {
    public static final List<String> SENTENCES = List.of(
            "A man is playing a guitar on the street.",
            "Two dogs run across a snowy field.",
            "The stock market fell sharply after the announcement.",
            "She is slicing tomatoes for a salad.");

    private OrtRunner() {}

    public static TokenBatch batch(ModelSpec spec, List<String> texts) throws Exception {
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(tokenizer(spec))
                .optAddSpecialTokens(true).optTruncation(true).optMaxLength(64).optPadding(false).build()) {
            long[][] ids = new long[texts.size()][];
            long[][] types = new long[texts.size()][];
            int[] order = new int[texts.size()];
            for (int i = 0; i < texts.size(); i++) {
                var encoding = tokenizer.encode(texts.get(i));
                ids[i] = encoding.getIds();
                types[i] = encoding.getTypeIds();
                order[i] = i;
            }
            return TokenBatch.of(ids, types, order);
        }
    }

    public static Map<String, float[]> run(Path graph, TokenBatch batch, Set<String> outputs) throws Exception {
        OrtEnvironment environment = SessionCache.environment();
        long[] shape = {batch.size(), batch.width()};
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = environment.createSession(graph.toString(), options)) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(batch.inputIds()), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(batch.attentionMask()), shape));
            if (session.getInputNames().contains("token_type_ids")) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(batch.tokenTypeIds()), shape));
            }
            try (OrtSession.Result result = session.run(inputs, outputs)) {
                Map<String, float[]> out = new LinkedHashMap<>();
                for (String name : outputs) {
                    FloatBuffer buffer = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
                    float[] values = new float[buffer.remaining()];
                    buffer.get(values);
                    out.put(name, values);
                }
                return out;
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }

    /** The local copy of a spec's ONNX file (fetched into the model cache). */
    public static Path onnx(ModelSpec spec) {
        return ModelFetcher.fetch(spec.onnxUri(), null, new Configuration()).path();
    }

    /** The local copy of a spec's tokenizer.json. */
    public static Path tokenizer(ModelSpec spec) {
        return ModelFetcher.fetch(spec.tokenizerUri(), null, new Configuration()).path();
    }

    public static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
