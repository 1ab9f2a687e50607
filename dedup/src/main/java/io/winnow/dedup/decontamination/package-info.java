/**
 * Stage {@code decontaminate}: removes evaluation-set text (GSM8K, MMLU, BIG-Bench-Hard, HumanEval,
 * any JSONL set) from the corpus with the MT-NLG / Megatron-LM / NeMo Curator task-decontamination
 * rule: 13-word task n-grams (whole texts of 8-12 words), n-grams found 10 or more times in the
 * corpus treated as common and kept, each other match cut out with 200 characters on each side,
 * pieces under 200 characters dropped, documents needing more than 10 cuts dropped whole.
 *
 * <p>{@link io.winnow.dedup.decontamination.EvaluationTasks} loads the eval sets,
 * {@link io.winnow.dedup.decontamination.TaskNgrams} holds their n-gram hashes,
 * {@link io.winnow.dedup.decontamination.DocumentDecontaminator} applies the rule to one text
 * (plain Java), and {@link io.winnow.dedup.decontamination.DecontaminateJob} runs the two Spark
 * passes and writes the kept documents, the contamination report and the quarantine.
 */
package io.winnow.dedup.decontamination;
