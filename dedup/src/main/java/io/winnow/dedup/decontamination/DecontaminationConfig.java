package io.winnow.dedup.decontamination;

import static java.util.Objects.requireNonNull;

import io.winnow.core.config.ConfigSection;
import io.winnow.core.table.Tables;
import java.io.Serializable;

/**
 * Config of the {@code decontaminate} stage (YAML section {@code decontaminate}). Defaults are
 * NeMo Curator's TaskDecontamination ones (Megatron-LM's rule from the MT-NLG paper).
 *
 * @param input documents table to decontaminate
 * @param output table of kept documents and pieces
 * @param contamination table of which task n-grams were found where, and what was done
 * @param quarantine table for rows without doc_id or text
 * @param tasks eval file or directory of eval files (driver-local path)
 * @param textField text field of generic JSONL eval files (GSM8K, HumanEval use their own)
 * @param maxNgram n-gram length taken from eval texts (13)
 * @param minNgram an eval text shorter than maxNgram is used whole when it has this many words (8)
 * @param maxMatches a task n-gram found this many times in the corpus is common and not removed (10)
 * @param removeCharsEachSide characters removed on each side of a match (200)
 * @param minPieceChars pieces of a split document shorter than this are dropped (200)
 * @param maxSplits a document needing more removals than this is dropped whole (10)
 */
public record DecontaminationConfig(
        String input,
        String output,
        String contamination,
        String quarantine,
        String tasks,
        String textField,
        int maxNgram,
        int minNgram,
        int maxMatches,
        int removeCharsEachSide,
        int minPieceChars,
        int maxSplits) implements Serializable {

    public static final String SECTION = "decontaminate";
    public static final String DEFAULT_INPUT = "quality_filtered";
    public static final String DEFAULT_OUTPUT = "curated";
    public static final String DEFAULT_CONTAMINATION = "contamination";
    public static final String DEFAULT_TASKS = "data/demo/eval";

    public DecontaminationConfig {
        requireNonNull(input, "input is null");
        requireNonNull(output, "output is null");
        requireNonNull(contamination, "contamination is null");
        requireNonNull(quarantine, "quarantine is null");
        requireNonNull(tasks, "tasks is null");
        requireNonNull(textField, "textField is null");
        if (minNgram < 1 || minNgram > maxNgram) {
            throw new IllegalArgumentException("need 1 <= minNgram <= maxNgram, got " + minNgram + " and " + maxNgram);
        }
        if (maxMatches < 1) {
            throw new IllegalArgumentException("maxMatches must be >= 1, got " + maxMatches);
        }
        if (removeCharsEachSide < 0 || minPieceChars < 0 || maxSplits < 0) {
            throw new IllegalArgumentException("removal settings must be >= 0, got " + removeCharsEachSide + ", "
                    + minPieceChars + ", " + maxSplits);
        }
    }

    public static DecontaminationConfig defaults() {
        return new DecontaminationConfig(DEFAULT_INPUT, DEFAULT_OUTPUT, DEFAULT_CONTAMINATION, Tables.QUARANTINE,
                DEFAULT_TASKS, "text", 13, 8, 10, 200, 200, 10);
    }

    public DecontaminationConfig withTables(String inputTable, String outputTable, String contaminationTable) {
        return new DecontaminationConfig(inputTable, outputTable, contaminationTable, quarantine, tasks, textField,
                maxNgram, minNgram, maxMatches, removeCharsEachSide, minPieceChars, maxSplits);
    }

    public DecontaminationConfig withTasks(String tasksPath) {
        return new DecontaminationConfig(input, output, contamination, quarantine, tasksPath, textField,
                maxNgram, minNgram, maxMatches, removeCharsEachSide, minPieceChars, maxSplits);
    }

    public RemovalRule removalRule() {
        return new RemovalRule(removeCharsEachSide, minPieceChars, maxSplits);
    }

    public static DecontaminationConfig fromConfig(ConfigSection section) {
        DecontaminationConfig defaults = defaults();
        long maxNgram = section.integer("max-ngram", defaults.maxNgram(), 1, 1_000);
        DecontaminationConfig config = new DecontaminationConfig(
                section.string("input", defaults.input()),
                section.string("output", defaults.output()),
                section.string("contamination", defaults.contamination()),
                section.string("quarantine", defaults.quarantine()),
                section.string("tasks", defaults.tasks()),
                section.string("text-field", defaults.textField()),
                (int) maxNgram,
                (int) section.integer("min-ngram", Math.min(defaults.minNgram(), maxNgram), 1, maxNgram),
                (int) section.integer("max-matches", defaults.maxMatches(), 1, Integer.MAX_VALUE),
                (int) section.integer("remove-chars-each-side", defaults.removeCharsEachSide(), 0, Integer.MAX_VALUE),
                (int) section.integer("min-piece-chars", defaults.minPieceChars(), 0, Integer.MAX_VALUE),
                (int) section.integer("max-splits", defaults.maxSplits(), 0, Integer.MAX_VALUE));
        section.finish();
        return config;
    }
}
