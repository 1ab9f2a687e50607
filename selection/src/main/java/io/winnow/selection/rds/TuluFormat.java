package io.winnow.selection.rds;

import java.util.List;

/**
 * The Tulu chat format RDS+ embeds (reference 1.2, {@code encode_with_messages_format} and
 * {@code create_prompt_with_tulu_chat_format}). Our sentence-embedding tokenizers have no EOS text (BERT's
 * {@code [SEP]} is added by the tokenizer itself), so no EOS string is appended after assistant turns.
 */
public final class TuluFormat {
    private TuluFormat() {}

    /**
     * A pool item: every turn as {@code <|role|>\n + stripped content + \n}, concatenated, then stripped (so the last
     * newline goes).
     */
    public static String poolText(List<ChatTurn> turns) {
        StringBuilder text = new StringBuilder();
        for (ChatTurn turn : turns) {
            text.append("<|").append(turn.role()).append("|>\n").append(turn.content().strip()).append('\n');
        }
        return text.toString().strip();
    }

    /**
     * A query: {@code <|user|>\n + prompt + \n<|assistant|>\n} (prompt not stripped), then the task's answer prefix
     * ("Answer:" for GSM8K and MMLU, "A:" for BBH; empty for code) and the label, separated by one space when both
     * are present.
     */
    public static String queryText(String prompt, String answerPrefix, String label) {
        StringBuilder text = new StringBuilder("<|user|>\n").append(prompt).append("\n<|assistant|>\n");
        text.append(answerPrefix);
        if (!answerPrefix.isEmpty() && !label.isEmpty()) {
            text.append(' ');
        }
        return text.append(label).toString();
    }
}
