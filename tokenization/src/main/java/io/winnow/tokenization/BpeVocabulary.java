package io.winnow.tokenization;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained merge list and the HuggingFace {@code tokenizer.json} for any prefix of it. Ids: the
 * special tokens first, then the 256 byte-level characters (in byte order), then one token per
 * merge, so the tokenizer of a smaller size is the larger one with its vocabulary and merges cut,
 * and its ids mean the same tokens.
 */
public final class BpeVocabulary {
    /** The smallest vocabulary a byte-level BPE can have: the specials and the 256 bytes. */
    public static int baseSize(List<String> specialTokens) {
        return specialTokens.size() + 256;
    }

    private final List<String> specialTokens;
    private final List<BpeTrainer.Merge> merges;
    private final List<String> tokens = new ArrayList<>();

    public BpeVocabulary(List<String> specialTokens, List<BpeTrainer.Merge> merges) {
        this.specialTokens = List.copyOf(specialTokens);
        this.merges = List.copyOf(merges);
        List<String> byId = new ArrayList<>(256 + merges.size());
        for (int b = 0; b < 256; b++) {
            byId.add(String.valueOf(ByteLevel.charOf(b)));
        }
        for (BpeTrainer.Merge merge : merges) {
            if (merge.result() == byId.size()) {
                byId.add(byId.get(merge.left()) + byId.get(merge.right()));
            }
        }
        tokens.addAll(specialTokens);
        tokens.addAll(byId);
    }

    public List<BpeTrainer.Merge> merges() {
        return merges;
    }

    /** All tokens in id order (specials, bytes, merges) for the largest size. */
    public List<String> tokens() {
        return List.copyOf(tokens);
    }

    public int maxVocabSize() {
        return tokens.size();
    }

    /** The merge list of the tokenizer with {@code vocabSize} tokens, as "left right" strings. */
    public List<String> mergeStrings(int vocabSize) {
        int count = mergesFor(vocabSize);
        int offset = specialTokens.size();
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BpeTrainer.Merge m = merges.get(i);
            out.add(tokens.get(offset + m.left()) + " " + tokens.get(offset + m.right()));
        }
        return out;
    }

    /** How many merges (a prefix of the list) the tokenizer with {@code vocabSize} tokens has. */
    public int mergesFor(int vocabSize) {
        if (vocabSize < baseSize(specialTokens) || vocabSize > maxVocabSize()) {
            throw new IllegalArgumentException("vocabulary size " + vocabSize + " is outside "
                    + baseSize(specialTokens) + ".." + maxVocabSize());
        }
        int limit = vocabSize - specialTokens.size();
        int count = 0;
        while (count < merges.size() && merges.get(count).result() < limit) {
            count++;
        }
        return count;
    }

    /** The {@code tokenizer.json} document (HuggingFace tokenizers format) for {@code vocabSize} tokens. */
    public Map<String, Object> tokenizerJson(int vocabSize) {
        mergesFor(vocabSize);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1.0");
        root.put("truncation", null);
        root.put("padding", null);
        List<Map<String, Object>> added = new ArrayList<>();
        for (int i = 0; i < specialTokens.size(); i++) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", i);
            t.put("content", specialTokens.get(i));
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", true);
            added.add(t);
        }
        root.put("added_tokens", added);
        root.put("normalizer", null);
        root.put("pre_tokenizer", byteLevel(false, true));
        root.put("post_processor", null);
        root.put("decoder", byteLevel(true, true));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "BPE");
        model.put("dropout", null);
        model.put("unk_token", null);
        model.put("continuing_subword_prefix", null);
        model.put("end_of_word_suffix", null);
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int id = 0; id < vocabSize; id++) {
            vocab.put(tokens.get(id), id);
        }
        model.put("vocab", vocab);
        model.put("merges", mergeStrings(vocabSize));
        root.put("model", model);
        return root;
    }

    /** Writes {@code dir/tokenizer.json} for {@code vocabSize} tokens and returns its path. */
    public Path write(Path dir, int vocabSize) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("tokenizer.json");
        new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), tokenizerJson(vocabSize));
        return file;
    }

    private static Map<String, Object> byteLevel(boolean addPrefixSpace, boolean trimOffsets) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "ByteLevel");
        m.put("add_prefix_space", addPrefixSpace);
        m.put("trim_offsets", trimOffsets);
        m.put("use_regex", true);
        return m;
    }
}
