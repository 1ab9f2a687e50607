package io.winnow.tokenization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Exact byte-level BPE merges over a table of pre-token counts, on the driver. Incremental: pair
 * counts are kept in a map together with the words each pair occurs in, and a lazy max-heap picks
 * the next pair, so one merge costs time in proportion to the words that hold the merged pair, not
 * to the whole table. Ties go to the pair with the smaller (left, right) token ids.
 */
public final class BpeTrainer {
    private BpeTrainer() {}

    /**
     * One merge: the tokens {@code left} and {@code right} (ids: 0..255 the bytes, then the tokens
     * made by earlier merges) make token {@code result}. A merge can make a token an earlier merge
     * already made (a+bc after ab+c); it then reuses that id and the vocabulary does not grow.
     */
    public record Merge(int left, int right, int result, long count) {}

    private static final class PairStat {
        long count;
        int[] words = new int[4];
        int size;

        void addWord(int word) {
            if (size == words.length) {
                words = java.util.Arrays.copyOf(words, size * 2);
            }
            words[size++] = word;
        }
    }

    private record HeapEntry(long count, long pair) {}

    /**
     * Learns merges until the vocabulary holds {@code maxTokens} tokens (256 bytes included). Token
     * ids: 0..255 are the bytes, each new token takes the next id. Stops early only when no adjacent
     * pair is left in any pre-token.
     *
     * @param preTokenCounts byte-level pre-tokens (see {@link ByteLevel}) and how often each occurs
     */
    public static List<Merge> train(Map<String, Long> preTokenCounts, int maxTokens) {
        List<String> tokenStrings = new ArrayList<>();
        Map<String, Integer> tokenIds = new HashMap<>();
        for (int b = 0; b < 256; b++) {
            tokenStrings.add(String.valueOf(ByteLevel.charOf(b)));
            tokenIds.put(tokenStrings.get(b), b);
        }
        int n = preTokenCounts.size();
        int[][] words = new int[n][];
        int[] lengths = new int[n];
        long[] counts = new long[n];
        int w = 0;
        for (Map.Entry<String, Long> e : preTokenCounts.entrySet()) {
            String s = e.getKey();
            int[] symbols = new int[s.length()];
            for (int i = 0; i < symbols.length; i++) {
                symbols[i] = ByteLevel.byteOf(s.charAt(i));
            }
            words[w] = symbols;
            lengths[w] = symbols.length;
            counts[w] = e.getValue();
            w++;
        }

        Map<Long, PairStat> stats = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int[] s = words[i];
            for (int j = 0; j + 1 < lengths[i]; j++) {
                PairStat stat = stats.computeIfAbsent(pair(s[j], s[j + 1]), k -> new PairStat());
                stat.count += counts[i];
                if (stat.size == 0 || stat.words[stat.size - 1] != i) {
                    stat.addWord(i);
                }
            }
        }
        PriorityQueue<HeapEntry> heap = new PriorityQueue<>(Math.max(16, stats.size()), (x, y) -> {
            int byCount = Long.compare(y.count, x.count);
            return byCount != 0 ? byCount : Long.compare(x.pair, y.pair);
        });
        stats.forEach((p, stat) -> heap.add(new HeapEntry(stat.count, p)));

        List<Merge> merges = new ArrayList<>();
        int[] stamp = new int[n];
        java.util.Arrays.fill(stamp, -1);
        Map<Long, Long> delta = new HashMap<>();
        while (tokenStrings.size() < maxTokens) {
            HeapEntry top = heap.poll();
            if (top == null) {
                break;
            }
            PairStat stat = stats.get(top.pair);
            if (stat == null || stat.count <= 0) {
                continue;
            }
            if (stat.count != top.count) {
                heap.add(new HeapEntry(stat.count, top.pair));
                continue;
            }
            int left = (int) (top.pair >>> 32);
            int right = (int) top.pair;
            String mergedString = tokenStrings.get(left) + tokenStrings.get(right);
            Integer existing = tokenIds.get(mergedString);
            int merged;
            if (existing == null) {
                merged = tokenStrings.size();
                tokenStrings.add(mergedString);
                tokenIds.put(mergedString, merged);
            } else {
                merged = existing;
            }
            merges.add(new Merge(left, right, merged, stat.count));
            stats.remove(top.pair);
            delta.clear();
            int step = merges.size() - 1;
            for (int k = 0; k < stat.size; k++) {
                int word = stat.words[k];
                if (stamp[word] == step) {
                    continue;
                }
                stamp[word] = step;
                mergeWord(words, lengths, counts, word, left, right, merged, delta, stats);
            }
            for (Map.Entry<Long, Long> d : delta.entrySet()) {
                long change = d.getValue();
                if (change == 0 || d.getKey() == top.pair) {
                    continue;
                }
                PairStat s = stats.get(d.getKey());
                if (s == null) {
                    continue;
                }
                s.count += change;
                if (s.count <= 0) {
                    stats.remove(d.getKey());
                } else if (change > 0) {
                    heap.add(new HeapEntry(s.count, d.getKey()));
                }
            }
        }
        return merges;
    }

    private static void mergeWord(int[][] words, int[] lengths, long[] counts, int word, int left, int right, int merged,
            Map<Long, Long> delta, Map<Long, PairStat> stats) {
        int[] s = words[word];
        int len = lengths[word];
        boolean found = false;
        for (int j = 0; j + 1 < len; j++) {
            if (s[j] == left && s[j + 1] == right) {
                found = true;
                break;
            }
        }
        if (!found) {
            return;
        }
        long c = counts[word];
        for (int j = 0; j + 1 < len; j++) {
            delta.merge(pair(s[j], s[j + 1]), -c, Long::sum);
        }
        int out = 0;
        for (int j = 0; j < len; j++) {
            if (j + 1 < len && s[j] == left && s[j + 1] == right) {
                s[out++] = merged;
                j++;
            } else {
                s[out++] = s[j];
            }
        }
        lengths[word] = out;
        for (int j = 0; j + 1 < out; j++) {
            long p = pair(s[j], s[j + 1]);
            delta.merge(p, c, Long::sum);
            if (s[j] == merged || s[j + 1] == merged) {
                PairStat stat = stats.computeIfAbsent(p, k -> new PairStat());
                if (stat.size == 0 || stat.words[stat.size - 1] != word) {
                    stat.addWord(word);
                }
            }
        }
    }

    private static long pair(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }
}
