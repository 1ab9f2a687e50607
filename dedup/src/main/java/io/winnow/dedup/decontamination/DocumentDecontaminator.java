package io.winnow.dedup.decontamination;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-document rule, without Spark: find the task n-grams in a text, cut each match out with
 * {@code removeCharsEachSide} characters on either side, keep the pieces that are long enough.
 *
 * <p>Overlaps: Megatron-LM handles matches left to right, re-scanning the text left after each cut,
 * so a match starting inside the previous cut is never seen. Here all matches are found on the
 * original text first and removal windows that overlap or touch are merged, each merged window
 * counting as one split. The result removes at least what Megatron removes (a long eval text that
 * produces many overlapping 13-grams goes as one window, whatever its length) and does not depend on
 * the order the n-gram lengths are tried in.
 */
public final class DocumentDecontaminator {
    private final TaskNgrams taskNgrams;
    private final Set<Long> commonNgrams;
    private final RemovalRule rule;

    /**
     * @param commonNgrams hashes of task n-grams so frequent in the corpus that they are kept
     *     (Megatron's and NeMo's {@code max_matches}): boilerplate such as licence text, not leakage
     */
    public DocumentDecontaminator(TaskNgrams taskNgrams, Set<Long> commonNgrams, RemovalRule rule) {
        this.taskNgrams = requireNonNull(taskNgrams, "taskNgrams is null");
        this.commonNgrams = requireNonNull(commonNgrams, "commonNgrams is null");
        this.rule = requireNonNull(rule, "rule is null");
    }

    /** A removed character range and the task n-gram matches that caused it. */
    public record RemovalWindow(int start, int end, List<NgramMatch> matches) {}

    /** A kept part of a split document, {@code [start, end)} of the original text. */
    public record Piece(int start, int end, String text) {}

    /** One row of the contamination table, before the doc_id is attached. */
    public record Contamination(String task, String ngram, int start, int end, int removedStart, int removedEnd,
            int matchedNgrams, String action) {}

    public record Result(DocumentOutcome outcome, List<Piece> pieces, List<RemovalWindow> windows,
            List<Contamination> contaminations) {}

    public Result apply(String text) {
        List<NgramMatch> matches = new ArrayList<>();
        for (NgramMatch match : taskNgrams.find(Words.of(text))) {
            if (!commonNgrams.contains(match.hash())) {
                matches.add(match);
            }
        }
        if (matches.isEmpty()) {
            return new Result(DocumentOutcome.UNCHANGED, List.of(), List.of(), List.of());
        }
        List<RemovalWindow> windows = removalWindows(matches, text.length());
        List<Piece> pieces = new ArrayList<>();
        DocumentOutcome outcome;
        if (windows.size() > rule.maxSplits()) {
            outcome = DocumentOutcome.DROPPED_TOO_MANY_SPLITS;
        } else {
            int from = 0;
            for (RemovalWindow window : windows) {
                addPiece(text, from, window.start(), pieces);
                from = window.end();
            }
            addPiece(text, from, text.length(), pieces);
            outcome = pieces.isEmpty() ? DocumentOutcome.DROPPED_NO_PIECE_LONG_ENOUGH : DocumentOutcome.SPLIT;
        }
        return new Result(outcome, List.copyOf(pieces), windows, contaminations(windows, outcome));
    }

    private List<RemovalWindow> removalWindows(List<NgramMatch> matches, int textLength) {
        List<RemovalWindow> windows = new ArrayList<>();
        int start = -1;
        int end = -1;
        List<NgramMatch> current = new ArrayList<>();
        for (NgramMatch match : matches) {
            int matchStart = Math.max(0, match.start() - rule.removeCharsEachSide());
            int matchEnd = (int) Math.min(textLength, (long) match.end() + rule.removeCharsEachSide());
            if (!current.isEmpty() && matchStart > end) {
                windows.add(new RemovalWindow(start, end, List.copyOf(current)));
                current.clear();
            }
            if (current.isEmpty()) {
                start = matchStart;
                end = matchEnd;
            } else {
                end = Math.max(end, matchEnd);
            }
            current.add(match);
        }
        windows.add(new RemovalWindow(start, end, List.copyOf(current)));
        return windows;
    }

    private void addPiece(String text, int start, int end, List<Piece> pieces) {
        if (end > start && end - start >= rule.minPieceChars()) {
            pieces.add(new Piece(start, end, text.substring(start, end)));
        }
    }

    /** One record per window and task: the first n-gram of that task, its matched span and the match count. */
    private List<Contamination> contaminations(List<RemovalWindow> windows, DocumentOutcome outcome) {
        List<Contamination> records = new ArrayList<>();
        for (RemovalWindow window : windows) {
            Map<Integer, List<NgramMatch>> byTask = new LinkedHashMap<>();
            for (NgramMatch match : window.matches()) {
                for (int taskId : match.taskIds()) {
                    byTask.computeIfAbsent(taskId, id -> new ArrayList<>()).add(match);
                }
            }
            for (Map.Entry<Integer, List<NgramMatch>> entry : byTask.entrySet()) {
                List<NgramMatch> taskMatches = entry.getValue();
                int start = taskMatches.stream().mapToInt(NgramMatch::start).min().orElseThrow();
                int end = taskMatches.stream().mapToInt(NgramMatch::end).max().orElseThrow();
                records.add(new Contamination(taskNgrams.tasks().get(entry.getKey()), taskMatches.get(0).ngram(),
                        start, end, window.start(), window.end(), taskMatches.size(), outcome.action()));
            }
        }
        return records;
    }

    /** Occurrences of each task n-gram in the text, for the corpus-wide count of common n-grams. */
    public static Map<Long, Long> countMatches(TaskNgrams taskNgrams, String text, Map<Long, Long> counts) {
        for (NgramMatch match : taskNgrams.find(Words.of(text))) {
            counts.merge(match.hash(), 1L, Long::sum);
        }
        return counts;
    }
}
