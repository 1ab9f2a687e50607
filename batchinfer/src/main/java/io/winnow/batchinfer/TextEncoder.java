package io.winnow.batchinfer;

import static java.util.Objects.requireNonNull;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.winnow.batchinfer.internal.BatchPlanner;
import io.winnow.batchinfer.internal.EmbeddingTranslator;
import io.winnow.batchinfer.internal.EncoderTally;
import io.winnow.batchinfer.internal.InferErrors;
import io.winnow.batchinfer.internal.ModelCache;
import io.winnow.batchinfer.internal.TokenBatch;
import io.winnow.batchinfer.internal.TokenizedTexts;
import java.util.List;

/**
 * Turns texts into vectors with one model, in this thread. Not thread-safe: one encoder per thread (per
 * Spark task). The model itself is loaded once per JVM and shared ({@code ModelCache}); closing an encoder
 * frees its predictor and tokenizer, not the model.
 *
 * <pre>{@code
 * try (TextEncoder encoder = TextEncoder.open(ModelSpec.of("all-minilm-l6-v2"), EncoderOptions.defaults(2))) {
 *     float[][] vectors = encoder.encode(List.of("a sentence", "another one"));
 * }
 * }</pre>
 */
public final class TextEncoder implements CountingEncoder {
    private final ModelSpec spec;
    private final EncoderOptions options;
    private final HuggingFaceTokenizer tokenizer;
    private final Predictor<TokenBatch, float[][]> predictor;
    private final EncoderTally tally = new EncoderTally();
    private boolean closed;

    private TextEncoder(ModelSpec spec, EncoderOptions options, HuggingFaceTokenizer tokenizer,
            Predictor<TokenBatch, float[][]> predictor) {
        this.spec = spec;
        this.options = options;
        this.tokenizer = tokenizer;
        this.predictor = predictor;
    }

    public static TextEncoder open(ModelSpec spec, EncoderOptions options) {
        requireNonNull(spec, "spec is null");
        requireNonNull(options, "options is null");
        ZooModel<NDList, NDList> model = ModelCache.get(ModelCache.Key.of(spec.onnxFile(), spec.engine(), options.device(),
                options.intraOpThreads(), options.interOpThreads()));
        HuggingFaceTokenizer tokenizer = ModelTokenizer.open(spec);
        try {
            List<String> inputNames = model.describeInput().keys();
            Predictor<TokenBatch, float[][]> predictor = model.newPredictor(
                    new EmbeddingTranslator(inputNames, spec.pooling(), spec.normalize()), options.device());
            return new TextEncoder(spec, options, tokenizer, predictor);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    public ModelSpec spec() {
        return spec;
    }

    public EncoderOptions options() {
        return options;
    }

    /** One vector per text, in input order. */
    public float[][] encode(List<String> input) {
        requireNonNull(input, "input is null");
        if (closed) {
            throw new IllegalStateException("encoder is closed");
        }
        TokenizedTexts tokenized = TokenizedTexts.of(tokenizer, input);
        int count = tokenized.size();
        List<int[]> plan = options.sortByLength()
                ? BatchPlanner.plan(tokenized.lengths(), options.tokenBudget(), options.maxBatchSize())
                : BatchPlanner.fixedSize(count, options.maxBatchSize());
        float[][] out = new float[count][];
        for (int[] batch : plan) {
            float[][] vectors;
            try {
                vectors = predictor.predict(tokenized.batch(batch));
            } catch (TranslateException | RuntimeException e) {
                throw InferErrors.inferenceFailed(spec.name(), e);
            }
            for (int row = 0; row < batch.length; row++) {
                out[batch[row]] = vectors[row];
            }
        }
        tally.add(tokenized, plan);
        return out;
    }

    /** Token lengths as the model will see them (truncated, special tokens included). */
    public int[] tokenLengths(List<String> input) {
        int[] lengths = new int[input.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = tokenizer.encode(requireNonNull(input.get(i), "text " + i + " is null")).getIds().length;
        }
        return lengths;
    }

    public EncoderStats stats() {
        return tally.stats();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                predictor.close();
            } finally {
                tokenizer.close();
            }
        }
    }
}
