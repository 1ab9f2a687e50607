package io.winnow.batchinfer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.winnow.batchinfer.internal.InferErrors;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens a model's HuggingFace tokenizer the way every encoder needs it: special tokens added, truncated to the spec's
 * max tokens, no padding (batches pad themselves to their longest text).
 */
public final class ModelTokenizer {
    private ModelTokenizer() {}

    public static HuggingFaceTokenizer open(Path tokenizerFile, int maxTokens) {
        try {
            return HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerFile)
                    .optAddSpecialTokens(true)
                    .optTruncation(true)
                    .optMaxLength(maxTokens)
                    .optPadding(false)
                    .build();
        } catch (IOException | RuntimeException e) {
            throw InferErrors.tokenizerLoadFailed(tokenizerFile.toString(), e);
        }
    }
}
