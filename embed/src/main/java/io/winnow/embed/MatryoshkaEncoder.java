package io.winnow.embed;

import static java.util.Objects.requireNonNull;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.winnow.batchinfer.CountingEncoder;
import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.EncoderStats;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.ModelTokenizer;
import io.winnow.batchinfer.internal.BatchPlanner;
import io.winnow.batchinfer.internal.EncoderTally;
import io.winnow.batchinfer.internal.TokenBatch;
import io.winnow.batchinfer.internal.TokenizedTexts;
import java.io.Serializable;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * 2D-Matryoshka embeddings of texts, in this thread: one forward pass per batch through a graph cut after the
 * deepest requested layer ({@link LayerGraph}) gives every requested layer's hidden states; each layer is pooled
 * once ({@link LayerPooling}) and every requested dim of it is the pooled vector's prefix, L2-normalised.
 *
 * <p>Not thread-safe: one encoder per thread (per Spark task). The ONNX session is shared per JVM
 * ({@link SessionCache}); closing the encoder frees its tokenizer only.
 *
 * <pre>{@code
 * try (MatryoshkaEncoder encoder = MatryoshkaEncoder.open(ModelSpec.of("all-minilm-l6-v2"), LayerPooling.MEAN,
 *         List.of(new Granularity(3, 128), new Granularity(6, 384)), MatryoshkaEncoder.Options.defaults(2))) {
 *     Map<Granularity, float[][]> vectors = encoder.encode(List.of("a sentence", "another one"));
 * }
 * }</pre>
 */
public final class MatryoshkaEncoder implements CountingEncoder {

    /**
     * @param tokenBudget a batch holds at most this many token positions (longest text x texts)
     * @param maxBatchSize a batch holds at most this many texts
     * @param intraOpThreads ONNX Runtime threads
     * @param graphCache folder for the edited (cut) models
     */
    public record Options(int tokenBudget, int maxBatchSize, int intraOpThreads, String graphCache) implements Serializable {
        public Options {
            requireNonNull(graphCache, "graphCache is null");
            if (tokenBudget < 1 || maxBatchSize < 1 || intraOpThreads < 1) {
                throw new IllegalArgumentException("tokenBudget, maxBatchSize and intraOpThreads must be >= 1, got "
                        + tokenBudget + "/" + maxBatchSize + "/" + intraOpThreads);
            }
        }

        public static Options defaults(int intraOpThreads) {
            return new Options(EncoderOptions.DEFAULT_TOKEN_BUDGET, EncoderOptions.DEFAULT_MAX_BATCH_SIZE, intraOpThreads,
                    defaultGraphCache());
        }

        public Options withGraphCache(String folder) {
            return new Options(tokenBudget, maxBatchSize, intraOpThreads, folder);
        }

        public Options withBatching(int newTokenBudget, int newMaxBatchSize) {
            return new Options(newTokenBudget, newMaxBatchSize, intraOpThreads, graphCache);
        }

        /** {@code <java.io.tmpdir>/winnow-layer-graphs}. */
        public static String defaultGraphCache() {
            return Path.of(System.getProperty("java.io.tmpdir"), "winnow-layer-graphs").toString();
        }
    }

    private final ModelSpec spec;
    private final LayerPooling pooling;
    private final List<Granularity> granularities;
    private final Map<Integer, String> layerOutputs;
    private final Options options;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean wantsTypeIds;
    private final EncoderTally tally = new EncoderTally();
    private boolean closed;

    private MatryoshkaEncoder(ModelSpec spec, LayerPooling pooling, List<Granularity> granularities,
            Map<Integer, String> layerOutputs, Options options, OrtSession session, HuggingFaceTokenizer tokenizer) {
        this.spec = spec;
        this.pooling = pooling;
        this.granularities = granularities;
        this.layerOutputs = layerOutputs;
        this.options = options;
        this.session = session;
        this.tokenizer = tokenizer;
        this.wantsTypeIds = session.getInputNames().contains("token_type_ids");
    }

    /** An encoder for {@code granularities} of {@code spec}'s model (checked against its depth and hidden size). */
    public static MatryoshkaEncoder open(ModelSpec spec, LayerPooling pooling, List<Granularity> granularities,
            Options options) {
        requireNonNull(spec, "spec is null");
        List<Granularity> checked = check(spec, granularities);
        SortedSet<Integer> layers = new TreeSet<>();
        checked.forEach(g -> layers.add(g.layer()));
        Path onnx = Path.of(spec.onnxFile());
        int depth = LayerGraph.shape(onnx).depth();
        Path cut = LayerGraph.cached(onnx, layers, Path.of(options.graphCache()));
        Map<Integer, String> outputs = new TreeMap<>();
        layers.forEach(layer -> outputs.put(layer, LayerGraph.outputName(layer, depth)));
        return openOnGraph(spec, pooling, checked, cut, outputs, options);
    }

    /**
     * An encoder over a given graph file whose outputs {@code layerOutputs} (layer to tensor name) hold the layers'
     * hidden states; benchmarks use it to run the original, uncut model.
     */
    public static MatryoshkaEncoder openOnGraph(ModelSpec spec, LayerPooling pooling, List<Granularity> granularities,
            Path graphFile, Map<Integer, String> layerOutputs, Options options) {
        requireNonNull(spec, "spec is null");
        requireNonNull(pooling, "pooling is null");
        requireNonNull(options, "options is null");
        List<Granularity> ordered = List.copyOf(new LinkedHashSet<>(granularities));
        for (Granularity granularity : ordered) {
            if (!layerOutputs.containsKey(granularity.layer())) {
                throw new IllegalArgumentException("no output for layer " + granularity.layer() + " in " + layerOutputs);
            }
        }
        OrtSession session = SessionCache.get(graphFile, options.intraOpThreads());
        HuggingFaceTokenizer tokenizer = ModelTokenizer.open(spec);
        return new MatryoshkaEncoder(spec, pooling, ordered, Map.copyOf(layerOutputs), options, session, tokenizer);
    }

    /**
     * {@code granularities} without repeats, in the given order, after checking every layer and dim fits the
     * model; fails with the fix otherwise.
     */
    public static List<Granularity> check(ModelSpec spec, List<Granularity> granularities) {
        requireNonNull(granularities, "granularities is null");
        if (granularities.isEmpty()) {
            throw new IllegalArgumentException("granularities must not be empty");
        }
        Path onnx = Path.of(spec.onnxFile());
        LayerGraph.Shape shape = LayerGraph.shape(onnx);
        for (Granularity granularity : granularities) {
            if (granularity.layer() > shape.depth()) {
                throw EmbedErrors.layerBeyondDepth(onnx, granularity.layer(), shape.depth());
            }
            if (shape.hidden() > 0 && granularity.dim() > shape.hidden()) {
                throw EmbedErrors.dimBeyondHidden(spec.name(), granularity.dim(), shape.hidden());
            }
        }
        return List.copyOf(new LinkedHashSet<>(granularities));
    }

    public ModelSpec spec() {
        return spec;
    }

    public LayerPooling pooling() {
        return pooling;
    }

    public List<Granularity> granularities() {
        return granularities;
    }

    /** For every granularity (in {@link #granularities()} order), one unit vector of {@code dim} values per text. */
    public Map<Granularity, float[][]> encode(List<String> input) {
        requireNonNull(input, "input is null");
        if (closed) {
            throw new IllegalStateException("encoder is closed");
        }
        TokenizedTexts tokenized = TokenizedTexts.of(tokenizer, input);
        int count = tokenized.size();
        Map<Granularity, float[][]> out = new LinkedHashMap<>();
        for (Granularity granularity : granularities) {
            out.put(granularity, new float[count][]);
        }
        List<int[]> plan = BatchPlanner.plan(tokenized.lengths(), options.tokenBudget(), options.maxBatchSize());
        for (int[] batch : plan) {
            Map<Integer, float[][]> pooled = forward(tokenized.batch(batch));
            for (Granularity granularity : granularities) {
                float[][] layer = pooled.get(granularity.layer());
                float[][] target = out.get(granularity);
                for (int row = 0; row < batch.length; row++) {
                    target[batch[row]] = Matryoshka.truncate(layer[row], granularity.dim());
                }
            }
        }
        tally.add(tokenized, plan);
        return out;
    }

    /** One forward pass: every requested layer's pooled (full-width, unnormalised) vectors for the batch's rows. */
    private Map<Integer, float[][]> forward(TokenBatch batch) {
        OrtEnvironment environment = SessionCache.environment();
        long[] shape = {batch.size(), batch.width()};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(batch.inputIds()), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(batch.attentionMask()), shape));
            if (wantsTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(batch.tokenTypeIds()), shape));
            }
            Map<Integer, float[][]> pooled = new HashMap<>();
            try (OrtSession.Result result = session.run(inputs, new LinkedHashSet<>(layerOutputs.values()))) {
                for (Map.Entry<Integer, String> entry : layerOutputs.entrySet()) {
                    OnnxValue value = result.get(entry.getValue()).orElseThrow();
                    OnnxTensor tensor = (OnnxTensor) value;
                    long[] dims = tensor.getInfo().getShape();
                    FloatBuffer buffer = tensor.getFloatBuffer();
                    float[] data = new float[buffer.remaining()];
                    buffer.get(data);
                    pooled.put(entry.getKey(), Matryoshka.pool(data, (int) dims[0], (int) dims[1], (int) dims[2],
                            batch.lengths(), pooling));
                }
            }
            return pooled;
        } catch (OrtException | RuntimeException e) {
            throw EmbedErrors.inferenceFailed(spec.name(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    public EncoderStats stats() {
        return tally.stats();
    }

    /** The layers this encoder computes, deepest last. */
    public List<Integer> layers() {
        return new ArrayList<>(new TreeSet<>(layerOutputs.keySet()));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            tokenizer.close();
        }
    }
}
