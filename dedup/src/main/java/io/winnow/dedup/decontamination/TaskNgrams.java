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
 * document. Broadcast to the executors, so it holds hashes and task indexes only, not n-gram text,
 * in a primitive open-addressing table (about 30 bytes per n-gram rather than ~100 for a boxed map:
 * the full GSM8K + MMLU + BBH + HumanEval sets give 1.7 million n-grams).
 *
 * <p>As in Megatron-LM and NeMo Curator: every {@code maxNgram}-word window of a task text is a task
 * n-gram; a text with fewer words is used whole when it has at least {@code minNgram} words, and
 * ignored otherwise (too short to say anything about contamination).
 */
public final class TaskNgrams implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> tasks;
    private final int[] lengths;
    /** Hash per slot, 0 for an empty slot (NgramHash never returns 0). */
    private final long[] slots;
    /** Per slot: the task id when one task has the n-gram, else {@code -(index into sharedTaskIds) - 1}. */
    private final int[] taskBySlot;
    private final int[][] sharedTaskIds;
    private final int[][] singleTask;
    private final int size;

    private TaskNgrams(List<String> tasks, Map<Long, int[]> taskIdsByHash, int[] lengths) {
        this.tasks = tasks;
        this.lengths = lengths;
        this.size = taskIdsByHash.size();
        int capacity = Integer.highestOneBit(Math.max(2, size * 2 - 1)) << 1;
        this.slots = new long[capacity];
        this.taskBySlot = new int[capacity];
        this.singleTask = new int[tasks.size()][];
        for (int id = 0; id < singleTask.length; id++) {
            singleTask[id] = new int[] {id};
        }
        List<int[]> shared = new ArrayList<>();
        for (Map.Entry<Long, int[]> entry : taskIdsByHash.entrySet()) {
            int slot = slot(entry.getKey());
            while (slots[slot] != 0) {
                slot = (slot + 1) & (capacity - 1);
            }
            slots[slot] = entry.getKey();
            int[] ids = entry.getValue();
            if (ids.length == 1) {
                taskBySlot[slot] = ids[0];
            } else {
                taskBySlot[slot] = -shared.size() - 1;
                shared.add(ids);
            }
        }
        this.sharedTaskIds = shared.toArray(int[][]::new);
    }

    private int slot(long hash) {
        return (int) (hash ^ (hash >>> 32)) & (slots.length - 1);
    }

    /** The ids of the tasks that have this n-gram, or null. */
    private int[] taskIds(long hash) {
        int slot = slot(hash);
        while (slots[slot] != 0) {
            if (slots[slot] == hash) {
                int task = taskBySlot[slot];
                return task >= 0 ? singleTask[task] : sharedTaskIds[-task - 1];
            }
            slot = (slot + 1) & (slots.length - 1);
        }
        return null;
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
                NgramHash hashes = NgramHash.of(words, length);
                for (int from = 0; from + length <= count; from++) {
                    byHash.merge(hashes.ngram(from, from + length), new int[] {taskId}, TaskNgrams::union);
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
        return size;
    }

    /** The distinct n-gram lengths of the task set, longest first. */
    public int[] lengths() {
        return lengths.clone();
    }

    public boolean contains(long hash) {
        return taskIds(hash) != null;
    }

    /** Every occurrence of every task n-gram in the text, ordered by start then end. */
    public List<NgramMatch> find(Words words) {
        List<NgramMatch> matches = new ArrayList<>();
        if (size == 0 || words.size() == 0) {
            return matches;
        }
        NgramHash hashes = NgramHash.of(words, lengths[0]);
        for (int length : lengths) {
            for (int from = 0; from + length <= words.size(); from++) {
                long hash = hashes.ngram(from, from + length);
                int[] taskIds = taskIds(hash);
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
