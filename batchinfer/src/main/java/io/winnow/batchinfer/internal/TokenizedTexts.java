package io.winnow.batchinfer.internal;

import static java.util.Objects.requireNonNull;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import java.util.List;

/**
 * The token ids of one encoder call's texts, as the model will see them (truncated, special tokens
 * included), ready to be cut into padded {@link TokenBatch}es.
 *
 * <p>Tokenizes the whole list in one native call (the Rust tokenizer's batch encode, as a Python
 * {@code tokenizers} user would) and reads back only the ids, type ids and overflow count of each text:
 * DJL's {@code Encoding} objects would also build every token string, word id and character span,
 * which an encoder never reads.
 *
 * @param truncated how many of the texts were cut to the model's max tokens
 */
public record TokenizedTexts(long[][] ids, long[][] typeIds, int[] lengths, int truncated) {

    public static TokenizedTexts of(HuggingFaceTokenizer tokenizer, List<String> input) {
        requireNonNull(input, "input is null");
        int count = input.size();
        String[] texts = new String[count];
        for (int i = 0; i < count; i++) {
            texts[i] = requireNonNull(input.get(i), "text " + i + " is null");
        }
        long[][] ids = new long[count][];
        long[][] typeIds = new long[count][];
        int[] lengths = new int[count];
        int truncated = 0;
        if (count == 0) {
            return new TokenizedTexts(ids, typeIds, lengths, truncated);
        }
        TokenizersLibrary library = TokenizersLibrary.LIB;
        long[] encodings = library.batchEncode(tokenizer.getHandle(), texts, true);
        try {
            for (int i = 0; i < count; i++) {
                ids[i] = library.getTokenIds(encodings[i]);
                typeIds[i] = library.getTypeIds(encodings[i]);
                lengths[i] = ids[i].length;
                if (library.getOverflowCount(encodings[i]) > 0) {
                    truncated++;
                }
            }
        } finally {
            for (long encoding : encodings) {
                library.deleteEncoding(encoding);
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
