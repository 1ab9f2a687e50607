package io.winnow.dedup.decontamination;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One evaluation set: its name (e.g. {@code gsm8k}, {@code mmlu/abstract_algebra}) and the texts
 * whose n-grams must not appear in training data.
 *
 * @param name task name reported in the contamination table
 * @param texts questions, prompts or other eval texts, each turned into n-grams on its own
 */
public record EvaluationTask(String name, List<String> texts) {
    public EvaluationTask {
        requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        texts = List.copyOf(requireNonNull(texts, "texts is null"));
    }
}
