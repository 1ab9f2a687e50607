package io.winnow.batchinfer;

import static java.util.Objects.requireNonNull;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.winnow.batchinfer.graph.LayerGraph;
import io.winnow.batchinfer.internal.BatchPlanner;
import io.winnow.batchinfer.internal.EncoderTally;
import io.winnow.batchinfer.internal.InferErrors;
import io.winnow.batchinfer.internal.SessionCache;
import io.winnow.batchinfer.internal.TokenBatch;
import io.winnow.batchinfer.internal.TokenizedTexts;
import io.winnow.batchinfer.model.ExecutorHadoopConfiguration;
import io.winnow.batchinfer.model.ModelFetcher;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one text encoder of Winnow: texts in, vectors out, in this thread, for every stage that runs a model (infer,
 * embed, select, sts-eval, quantize's quality check, notebooks). Built on ONNX Runtime's Java API with DJL's
 * HuggingFace tokenizer.
 *
 * <p>What it returns is set by {@link EncoderOptions#granularities()}: empty gives the model's output
 * ({@code last_hidden_state}) pooled as the spec says, optionally normalised (the {@code infer} stage); (layer, dim)
 * pairs give 2D-Matryoshka vectors from one forward pass per batch through the graph cut after the deepest requested
 * layer ({@link LayerGraph}), each layer pooled once and each dim a normalised prefix of it.
 *
 * <p>The model files come through {@link ModelFetcher} (classpath, local, HDFS, S3; checked against the spec's
 * SHA-256 when pinned), the ONNX session from the per-JVM {@link SessionCache}; texts are sorted by token length and
 * cut into batches by token budget ({@link BatchPlanner}). Not thread-safe: one encoder per thread (per Spark task);
 * closing it frees its tokenizer, never the shared session.
 *
 * <pre>{@code
 * try (TextEncoder encoder = TextEncoder.open(ModelSpec.of("all-minilm-l6-v2"), EncoderOptions.defaults(2))) {
 *     float[][] vectors = encoder.encode(List.of("a sentence", "another one"));
 * }
 * }</pre>
 */
public final class TextEncoder implements CountingEncoder {
    private static final Logger LOG = LoggerFactory.getLogger(TextEncoder.class);
    /** The layer key of the model's own output (no cut). */
    private static final int MODEL_OUTPUT = 0;

    private final ModelSpec spec;
    private final EncoderOptions options;
    private final SessionCache.CachedSession session;
    private final Map<Integer, String> outputs;
    private final Set<String> outputNames;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean wantsTypeIds;
    private final EncoderTally tally;
    private boolean closed;

    private TextEncoder(ModelSpec spec, EncoderOptions options, SessionCache.CachedSession session,
            Map<Integer, String> outputs, HuggingFaceTokenizer tokenizer, boolean fellBack) {
        this.spec = spec;
        this.options = options;
        this.session = session;
        this.outputs = Map.copyOf(outputs);
        this.outputNames = new LinkedHashSet<>(outputs.values());
        this.tokenizer = tokenizer;
        this.wantsTypeIds = session.inputNames().contains("token_type_ids");
        this.tally = new EncoderTally(session.gpu() >= 0, fellBack);
    }

    /** An encoder of {@code spec}'s model as {@code options} say; fetches the files into this JVM's model cache first. */
    public static TextEncoder open(ModelSpec spec, EncoderOptions options) {
        requireNonNull(spec, "spec is null");
        requireNonNull(options, "options is null");
        Configuration hadoop = ExecutorHadoopConfiguration.current();
        Path onnx = ModelFetcher.fetch(spec.onnxUri(), spec.onnxSha256(), hadoop).path();
        Path tokenizerFile = ModelFetcher.fetch(spec.tokenizerUri(), spec.tokenizerSha256(), hadoop).path();
        Path graph = onnx;
        Map<Integer, String> outputs = new TreeMap<>();
        if (!options.granularities().isEmpty()) {
            LayerGraph.Shape shape = LayerGraph.shape(onnx);
            checkGranularities(spec, onnx, shape, options.granularities());
            SortedSet<Integer> layers = new TreeSet<>();
            options.granularities().forEach(g -> layers.add(g.layer()));
            graph = LayerGraph.cached(onnx, layers, onnx.getParent());
            layers.forEach(layer -> outputs.put(layer, LayerGraph.outputName(layer, shape.depth())));
        }
        boolean fellBack = false;
        SessionCache.CachedSession session;
        try {
            session = SessionCache.get(graph, options.intraOpThreads(), options.gpu());
        } catch (SessionCache.GpuUnavailable e) {
            if (options.device() == DeviceMode.GPU) {
                throw InferErrors.gpuProviderMissing(options.gpu(), e.getCause());
            }
            LOG.warn("GPU {} was assigned but ONNX Runtime's CUDA provider cannot start ({}); running {} on the CPU",
                    options.gpu(), e.getMessage(), spec.name());
            fellBack = true;
            session = SessionCache.get(graph, options.intraOpThreads(), -1);
        }
        if (outputs.isEmpty()) {
            Set<String> names = session.outputNames();
            outputs.put(MODEL_OUTPUT, names.contains(LayerGraph.LAST_HIDDEN_STATE)
                    ? LayerGraph.LAST_HIDDEN_STATE : names.iterator().next());
        }
        HuggingFaceTokenizer tokenizer = ModelTokenizer.open(tokenizerFile, spec.maxTokens());
        return new TextEncoder(spec, options, session, outputs, tokenizer, fellBack);
    }

    /** Fails with the fix when a granularity's layer or dim does not fit the model. */
    public static void checkGranularities(ModelSpec spec, Path onnx, LayerGraph.Shape shape, List<Granularity> granularities) {
        if (granularities.isEmpty()) {
            throw new IllegalArgumentException("granularities must not be empty");
        }
        for (Granularity granularity : granularities) {
            if (granularity.layer() > shape.depth()) {
                throw InferErrors.layerBeyondDepth(onnx, granularity.layer(), shape.depth());
            }
            if (shape.hidden() > 0 && granularity.dim() > shape.hidden()) {
                throw InferErrors.dimBeyondHidden(spec.name(), granularity.dim(), shape.hidden());
            }
        }
    }

    public ModelSpec spec() {
        return spec;
    }

    public EncoderOptions options() {
        return options;
    }

    /**
     * One vector per text, in input order: the model's output, or the one requested granularity. With several
     * granularities use {@link #encodeGranularities}.
     */
    public float[][] encode(List<String> input) {
        if (options.granularities().size() > 1) {
            throw new IllegalStateException("this encoder returns " + options.granularities().size()
                    + " granularities; call encodeGranularities");
        }
        Map<Integer, float[][]> pooled = run(input);
        if (options.granularities().isEmpty()) {
            float[][] vectors = pooled.get(MODEL_OUTPUT);
            if (spec.normalize()) {
                for (int i = 0; i < vectors.length; i++) {
                    vectors[i] = Matryoshka.truncate(vectors[i], vectors[i].length);
                }
            }
            return vectors;
        }
        return prefixes(pooled, options.granularities().get(0));
    }

    /** For every requested granularity (in the options' order), one unit vector of {@code dim} values per text. */
    public Map<Granularity, float[][]> encodeGranularities(List<String> input) {
        if (options.granularities().isEmpty()) {
            throw new IllegalStateException("this encoder returns the model output; call encode");
        }
        Map<Integer, float[][]> pooled = run(input);
        Map<Granularity, float[][]> out = new LinkedHashMap<>();
        for (Granularity granularity : options.granularities()) {
            out.put(granularity, prefixes(pooled, granularity));
        }
        return out;
    }

    private static float[][] prefixes(Map<Integer, float[][]> pooled, Granularity granularity) {
        float[][] layer = pooled.get(granularity.layer());
        float[][] out = new float[layer.length][];
        for (int i = 0; i < layer.length; i++) {
            out[i] = Matryoshka.truncate(layer[i], granularity.dim());
        }
        return out;
    }

    /** Pooled, full-width, unnormalised vectors per layer key for every text, in input order. */
    private Map<Integer, float[][]> run(List<String> input) {
        requireNonNull(input, "input is null");
        if (closed) {
            throw new IllegalStateException("encoder is closed");
        }
        TokenizedTexts tokenized = TokenizedTexts.of(tokenizer, input);
        int count = tokenized.size();
        Map<Integer, float[][]> out = new HashMap<>();
        for (int layer : outputs.keySet()) {
            out.put(layer, new float[count][]);
        }
        List<int[]> plan = options.sortByLength()
                ? BatchPlanner.plan(tokenized.lengths(), options.tokenBudget(), options.maxBatchSize())
                : BatchPlanner.fixedSize(count, options.maxBatchSize());
        for (int[] batch : plan) {
            Map<Integer, float[][]> pooled = forward(tokenized.batch(batch));
            for (Map.Entry<Integer, float[][]> entry : pooled.entrySet()) {
                float[][] target = out.get(entry.getKey());
                for (int row = 0; row < batch.length; row++) {
                    target[batch[row]] = entry.getValue()[row];
                }
            }
        }
        tally.add(tokenized, plan);
        return out;
    }

    /** One forward pass: every requested layer's pooled vectors for the batch's rows. */
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
            try (OrtSession.Result result = session.run(inputs, outputNames)) {
                for (Map.Entry<Integer, String> entry : outputs.entrySet()) {
                    OnnxTensor tensor = (OnnxTensor) result.get(entry.getValue()).orElseThrow();
                    long[] dims = tensor.getInfo().getShape();
                    FloatBuffer buffer = tensor.getFloatBuffer();
                    pooled.put(entry.getKey(), dims.length == 2
                            ? Matryoshka.rows(buffer, (int) dims[0], (int) dims[1])
                            : Matryoshka.pool(buffer, (int) dims[0], (int) dims[1], (int) dims[2], batch.lengths(),
                                    spec.pooling()));
                }
            }
            return pooled;
        } catch (OrtException | RuntimeException e) {
            throw InferErrors.inferenceFailed(spec.name(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Token lengths as the model will see them (truncated, special tokens included). */
    public int[] tokenLengths(List<String> input) {
        return TokenizedTexts.of(tokenizer, input).lengths();
    }

    @Override
    public EncoderStats stats() {
        return tally.stats();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            tokenizer.close();
        }
    }
}
