package io.winnow.tokenization;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One DJL {@link HuggingFaceTokenizer} per tokenizer per JVM (driver or executor), kept for the
 * life of the JVM. Keyed by the tokenizer's path; the JSON travels with the task (a broadcast), so
 * executors need no shared file system.
 */
public final class TokenizerCache {
    /** No truncation, no padding, no special tokens added: counts must cover the whole document. */
    static final Map<String, String> OPTIONS = Map.of(
            "truncation", "false", "padding", "false", "addSpecialTokens", "false");

    private static final Map<String, HuggingFaceTokenizer> CACHE = new ConcurrentHashMap<>();

    private TokenizerCache() {}

    /** The tokenizer from {@code json}, loaded once per JVM under {@code key}. */
    public static HuggingFaceTokenizer get(String key, String json) {
        return CACHE.computeIfAbsent(key, k -> {
            try {
                return HuggingFaceTokenizer.newInstance(
                        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), OPTIONS);
            } catch (IOException | RuntimeException e) {
                throw new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                        "Cannot load tokenizer '%s' with DJL: %s. Point at a HuggingFace tokenizer.json (as written by train-tokenizers).",
                        k, e.getMessage()), e);
            }
        });
    }

    /** Loads a tokenizer file (a tokenizer.json, or a directory holding one) on the driver. */
    public static HuggingFaceTokenizer load(Path path) {
        return get(path.toAbsolutePath().normalize().toString(), readJson(path));
    }

    /** The text of a tokenizer.json (or of {@code dir/tokenizer.json}). */
    public static String readJson(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve("tokenizer.json") : path;
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                    "Tokenizer file '%s' cannot be read (%s). Run train-tokenizers first or fix the tokenizer path.",
                    file, e.getMessage()), e);
        }
    }

    /** Number of tokens of {@code text}, no special tokens added. */
    public static int countTokens(HuggingFaceTokenizer tokenizer, String text) {
        return tokenizer.encode(text, false, false).getIds().length;
    }
}
