package io.winnow.batchinfer.internal;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import io.winnow.batchinfer.Pooling;
import java.nio.LongBuffer;
import java.util.List;

/**
 * Pre- and post-processing around the ONNX graph: a padded {@link TokenBatch} in (named int64 inputs,
 * only those the graph declares), pooled vectors out. Batching is done by the caller (token budget),
 * so DJL's batchifier is not used. Arrays live in the predictor context's manager and are freed after
 * each call.
 */
public final class EmbeddingTranslator implements NoBatchifyTranslator<TokenBatch, float[][]> {
    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String TOKEN_TYPE_IDS = "token_type_ids";
    static final String LAST_HIDDEN_STATE = "last_hidden_state";
    private static final String LENGTHS = "winnow.lengths";

    private final List<String> inputNames;
    private final Pooling pooling;
    private final boolean normalize;

    public EmbeddingTranslator(List<String> inputNames, Pooling pooling, boolean normalize) {
        this.inputNames = List.copyOf(requireNonNull(inputNames, "inputNames is null"));
        this.pooling = requireNonNull(pooling, "pooling is null");
        this.normalize = normalize;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, TokenBatch batch) {
        ctx.setAttachment(LENGTHS, batch.lengths());
        NDManager manager = ctx.getNDManager();
        Shape shape = new Shape(batch.size(), batch.width());
        NDList inputs = new NDList(inputNames.size());
        for (String name : inputNames) {
            long[] values = switch (name) {
                case INPUT_IDS -> batch.inputIds();
                case ATTENTION_MASK -> batch.attentionMask();
                case TOKEN_TYPE_IDS -> batch.tokenTypeIds();
                default -> throw new IllegalArgumentException("unsupported model input '" + name
                        + "'; expected input_ids, attention_mask, token_type_ids");
            };
            NDArray array = manager.create(LongBuffer.wrap(values), shape, DataType.INT64);
            array.setName(name);
            inputs.add(array);
        }
        return inputs;
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList outputs) {
        NDArray hidden = outputs.get(LAST_HIDDEN_STATE);
        if (hidden == null) {
            hidden = outputs.get(0);
        }
        int[] lengths = (int[]) ctx.getAttachment(LENGTHS);
        return Pooler.pool(hidden.toFloatArray(), hidden.getShape().getShape(), lengths, pooling, normalize);
    }
}
