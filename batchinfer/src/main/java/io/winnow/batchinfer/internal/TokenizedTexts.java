package io.winnow.batchinfer.internal;

import static java.util.Objects.requireNonNull;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.util.List;

/**
 * The token ids of one encoder call's texts, as the model will see them (truncated, special tokens
 * included), ready to be cut into padded {@link TokenBatch}es.
 *
 * @param truncated how many of the texts were cut to the model's max tokens
 */
public record TokenizedTexts(long[][] ids, long[][] typeIds, int[] lengths, int truncated) {

    public static TokenizedTexts of(HuggingFaceTokenizer tokenizer, List<String> input) {
        requireNonNull(input, "input is null");
        int count = input.size();
        long[][] ids = new long[count][];
        long[][] typeIds = new long[count][];
        int[] lengths = new int[count];
        int truncated = 0;
        for (int i = 0; i < count; i++) {
            String text = requireNonNull(input.get(i), "text " + i + " is null");
            Encoding encoding = tokenizer.encode(text);
            ids[i] = encoding.getIds();
            typeIds[i] = encoding.getTypeIds();
            lengths[i] = ids[i].length;
            if (encoding.exceedMaxLength()) {
                truncated++;
            }
        }
        return new TokenizedTexts(ids, typeIds, lengths, truncated);
    }

    public int size() {
        return lengths.length;
    }

    /** The padded batch of the given row indexes. */
    public TokenBatch batch(int[] rows) {
        return TokenBatch.of(ids, typeIds, rows);
    }
}
