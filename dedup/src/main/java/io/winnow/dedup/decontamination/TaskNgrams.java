package io.winnow.dedup.decontamination;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The n-grams of all evaluation tasks, by 64-bit hash, and the lookup of their occurrences in a
 * document. Broadcast to the executors, so it holds hashes and task indexes only, not n-gram text.
 *
 * <p>As in Megatron-LM and NeMo Curator: every {@code maxNgram}-word window of a task text is a task
 * n-gram; a text with fewer words is used whole when it has at least {@code minNgram} words, and
 * ignored otherwise (too short to say anything about contamination).
 */
public final class TaskNgrams implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> tasks;
    private final Map<Long, int[]> taskIdsByHash;
    private final int[] lengths;

    private TaskNgrams(List<String> tasks, Map<Long, int[]> taskIdsByHash, int[] lengths) {
        this.tasks = tasks;
        this.taskIdsByHash = taskIdsByHash;
        this.lengths = lengths;
    }

    public static TaskNgrams build(List<EvaluationTask> evaluationTasks, int maxNgram, int minNgram) {
        if (minNgram < 1 || minNgram > maxNgram) {
            throw new IllegalArgumentException("need 1 <= minNgram <= maxNgram, got " + minNgram + " and " + maxNgram);
        }
        List<String> names = new ArrayList<>();
        Map<Long, int[]> byHash = new HashMap<>();
        TreeSet<Integer> lengths = new TreeSet<>();
        for (EvaluationTask task : evaluationTasks) {
            int taskId = names.size();
            names.add(task.name());
            for (String text : task.texts()) {
                Words words = Words.of(text);
                int count = words.size();
                if (count < minNgram) {
                    continue;
                }
                int length = Math.min(count, maxNgram);
                lengths.add(length);
                long[] wordHashes = NgramHash.words(words);
                for (int from = 0; from + length <= count; from++) {
                    byHash.merge(NgramHash.ngram(wordHashes, from, from + length), new int[] {taskId}, TaskNgrams::union);
                }
            }
        }
        int[] descending = lengths.descendingSet().stream().mapToInt(Integer::intValue).toArray();
        return new TaskNgrams(List.copyOf(names), byHash, descending);
    }

    private static int[] union(int[] existing, int[] added) {
        for (int id : existing) {
            if (id == added[0]) {
                return existing;
            }
        }
        int[] merged = Arrays.copyOf(existing, existing.length + 1);
        merged[existing.length] = added[0];
        return merged;
    }

    public List<String> tasks() {
        return tasks;
    }

    public int size() {
        return taskIdsByHash.size();
    }

    /** The distinct n-gram lengths of the task set, longest first. */
    public int[] lengths() {
        return lengths.clone();
    }

    public boolean contains(long hash) {
        return taskIdsByHash.containsKey(hash);
    }

    /** Every occurrence of every task n-gram in the text, ordered by start then end. */
    public List<NgramMatch> find(Words words) {
        List<NgramMatch> matches = new ArrayList<>();
        if (taskIdsByHash.isEmpty() || words.size() == 0) {
            return matches;
        }
        long[] wordHashes = NgramHash.words(words);
        for (int length : lengths) {
            for (int from = 0; from + length <= words.size(); from++) {
                long hash = NgramHash.ngram(wordHashes, from, from + length);
                int[] taskIds = taskIdsByHash.get(hash);
                if (taskIds != null) {
                    matches.add(new NgramMatch(hash, words.join(from, from + length), words.start(from),
                            words.end(from + length - 1), taskIds));
                }
            }
        }
        matches.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(a.end(), b.end()));
        return matches;
    }
}
