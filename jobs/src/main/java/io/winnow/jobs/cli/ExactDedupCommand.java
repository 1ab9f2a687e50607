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

@Command(name = "exact-dedup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Remove documents whose normalised text is identical, keeping one representative.",
            "Optionally (CCNet-style) also remove lines or paragraphs seen in an earlier document."
        })
public final class ExactDedupCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-i", "--input"}, paramLabel = "TABLE", description = "Documents table to read (exact-dedup.input).")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "TABLE", description = "Kept documents table (exact-dedup.output).")
    String output;

    @Option(names = "--duplicates", paramLabel = "TABLE", description = "Removed documents table (exact-dedup.duplicates).")
    String duplicates;

    @Option(names = "--keep", paramLabel = "POLICY", description = "lowest-doc-id or first-seen (exact-dedup.keep).")
    String keep;

    @Option(names = "--line-dedup", paramLabel = "MODE", description = "off, line or paragraph (exact-dedup.line-dedup.mode).")
    String lineDedup;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("exact-dedup.input", input);
        overrides.put("exact-dedup.output", output);
        overrides.put("exact-dedup.duplicates", duplicates);
        overrides.put("exact-dedup.keep", keep);
        overrides.put("exact-dedup.line-dedup.mode", lineDedup);
        return StageRunSupport.runSingleStage(common, spec.commandLine().getOut(), overrides, PipelineStage.EXACT_DEDUP,
                c -> List.of(c.exactDedup().output(), c.exactDedup().duplicates()));
    }
}
