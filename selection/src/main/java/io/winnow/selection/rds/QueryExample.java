package io.winnow.selection.rds;

import static java.util.Objects.requireNonNull;

/**
 * One target-task example used as an RDS+ query.
 *
 * @param task the task name
 * @param queryId {@code <file name>#<position>}
 * @param prompt the user prompt
 * @param answerPrefix "Answer:" (GSM8K, MMLU), "A:" (BBH) or empty
 * @param label the answer (GSM8K's worked answer, BBH's target, MMLU's letter, HumanEval's solution)
 */
public record QueryExample(String task, String queryId, String prompt, String answerPrefix, String label) {
    public QueryExample {
        requireNonNull(task, "task is null");
        requireNonNull(queryId, "queryId is null");
        requireNonNull(prompt, "prompt is null");
        requireNonNull(answerPrefix, "answerPrefix is null");
        requireNonNull(label, "label is null");
    }

    /** The text to embed, in Tulu format ({@link TuluFormat#queryText}). */
    public String text() {
        return TuluFormat.queryText(prompt, answerPrefix, label);
    }
}
