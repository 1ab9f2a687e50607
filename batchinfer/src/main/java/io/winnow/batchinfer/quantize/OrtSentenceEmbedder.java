package io.winnow.batchinfer.quantize;

import io.winnow.batchinfer.Pooling;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Just enough sentence embedding to measure a quantized model: ONNX Runtime session + HuggingFace
 * tokenizer, length-sorted batches, mean or CLS pooling, L2 normalisation. Internal to the
 * quantization report; general inference lives elsewhere.
 */
final class OrtSentenceEmbedder implements AutoCloseable {
    static final int BATCH_SIZE = 32;
    static final int THREADS = 2;
    static final int MAX_TOKENS = 256;

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final Pooling pooling;
    private final boolean wantsTypeIds;
    private final String output;

    OrtSentenceEmbedder(Path model, Pooling pooling) throws OrtException {
        this.pooling = pooling;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(THREADS);
            options.setInterOpNumThreads(1);
            this.session = environment.createSession(model.toString(), options);
        }
        this.wantsTypeIds = session.getInputNames().contains("token_type_ids");
        this.output = session.getOutputNames().contains("last_hidden_state")
                ? "last_hidden_state" : session.getOutputNames().iterator().next();
    }

    static HuggingFaceTokenizer tokenizer(Path tokenizerJson) throws IOException {
        return HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
                "padding", "false", "truncation", "true", "maxLength", String.valueOf(MAX_TOKENS)));
    }

    /** Tokenizes once; the encodings can be embedded by several models sharing the vocabulary. */
    static Encoding[] encode(HuggingFaceTokenizer tokenizer, List<String> texts) {
        return texts.stream().map(tokenizer::encode).toArray(Encoding[]::new);
    }

    /** One L2-normalised vector per encoding, in input order. */
    float[][] embed(Encoding[] encodings) throws OrtException {
        float[][] vectors = new float[encodings.length][];
        for (int[] batch : batches(encodings)) {
            embedInto(batch, encodings, vectors);
        }
        return vectors;
    }

    /** Indices of {@code encodings} sorted by token count, cut into batches of {@link #BATCH_SIZE}. */
    static List<int[]> batches(Encoding[] encodings) {
        int[] order = IntStream.range(0, encodings.length).boxed()
                .sorted(Comparator.comparingInt(i -> encodings[i].getIds().length))
                .mapToInt(Integer::intValue).toArray();
        List<int[]> batches = new java.util.ArrayList<>();
        for (int start = 0; start < order.length; start += BATCH_SIZE) {
            batches.add(Arrays.copyOfRange(order, start, Math.min(order.length, start + BATCH_SIZE)));
        }
        return batches;
    }

    /** Embeds one batch and stores each vector at its encoding's index in {@code vectors}. */
    void embedInto(int[] batch, Encoding[] encodings, float[][] vectors) throws OrtException {
        float[][] pooled = embedBatch(batch, encodings);
        for (int i = 0; i < batch.length; i++) {
            vectors[batch[i]] = pooled[i];
        }
    }

    private float[][] embedBatch(int[] batch, Encoding[] encodings) throws OrtException {
        int rows = batch.length;
        int length = 0;
        for (int index : batch) {
            length = Math.max(length, encodings[index].getIds().length);
        }
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        long[] types = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            Encoding encoding = encodings[batch[r]];
            long[] tokenIds = encoding.getIds();
            long[] attention = encoding.getAttentionMask();
            long[] typeIds = encoding.getTypeIds();
            System.arraycopy(tokenIds, 0, ids, r * length, tokenIds.length);
            System.arraycopy(attention, 0, mask, r * length, attention.length);
            System.arraycopy(typeIds, 0, types, r * length, typeIds.length);
        }
        long[] shape = {rows, length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (wantsTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(inputs, java.util.Set.of(output))) {
                OnnxValue value = result.get(output).orElseThrow();
                FloatBuffer hidden = ((OnnxTensor) value).getFloatBuffer();
                int dim = hidden.remaining() / (rows * length);
                float[] all = new float[hidden.remaining()];
                hidden.get(all);
                float[][] pooled = new float[rows][];
                for (int r = 0; r < rows; r++) {
                    pooled[r] = normalize(pool(all, mask, r, length, dim));
                }
                return pooled;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[] pool(float[] hidden, long[] mask, int row, int length, int dim) {
        float[] vector = new float[dim];
        int rowBase = row * length * dim;
        if (pooling == Pooling.CLS) {
            System.arraycopy(hidden, rowBase, vector, 0, dim);
            return vector;
        }
        int kept = 0;
        for (int t = 0; t < length; t++) {
            if (mask[row * length + t] == 0) {
                continue;
            }
            kept++;
            int base = rowBase + t * dim;
            for (int d = 0; d < dim; d++) {
                vector[d] += hidden[base + d];
            }
        }
        for (int d = 0; d < dim; d++) {
            vector[d] /= Math.max(1, kept);
        }
        return vector;
    }

    static float[] normalize(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += (double) v * v;
        }
        double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] * scale);
        }
        return vector;
    }

    /** Cosine of two L2-normalised vectors. */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
