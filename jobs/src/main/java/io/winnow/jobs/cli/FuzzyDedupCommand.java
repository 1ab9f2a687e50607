package io.winnow.jobs.cli;

import io.winnow.jobs.pipeline.PipelineStage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "fuzzy-dedup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Remove near-duplicates with MinHash-LSH and connected components (NeMo Curator / MT-NLG method).",
            "Defaults: character 24-grams, 20 bands x 13 rows, exact Jaccard check at 0.8."
        })
public final class FuzzyDedupCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-i", "--input"}, paramLabel = "TABLE", description = "Documents table to read (fuzzy-dedup.input).")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "TABLE", description = "Kept documents table (fuzzy-dedup.output).")
    String output;

    @Option(names = "--threshold", paramLabel = "J", description = "Jaccard threshold for verified pairs (fuzzy-dedup.verify.jaccard-threshold).")
    Double threshold;

    @Option(names = "--existing-signatures", paramLabel = "TABLE",
            description = "Deduplicate new documents against this signatures table (fuzzy-dedup.existing-signatures).")
    String existingSignatures;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("fuzzy-dedup.input", input);
        overrides.put("fuzzy-dedup.output", output);
        overrides.put("fuzzy-dedup.verify.jaccard-threshold", threshold);
        overrides.put("fuzzy-dedup.existing-signatures", existingSignatures);
        return StageRunSupport.runSingleStage(common, spec.commandLine().getOut(), overrides, PipelineStage.FUZZY_DEDUP,
                c -> List.of(c.fuzzyDedup().output(), c.fuzzyDedup().duplicates()));
    }
}
