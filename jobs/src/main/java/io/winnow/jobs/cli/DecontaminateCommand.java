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

@Command(name = "decontaminate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Remove evaluation-set text from documents with the MT-NLG / Megatron-LM rule: every 13-word n-gram of",
            "the eval sets found in a document is cut out with 200 characters each side; pieces under 200 characters",
            "are dropped, documents needing more than 10 cuts are dropped, n-grams seen 10+ times in the corpus are kept.",
            "The contamination table says which task contaminated which document."
        })
public final class DecontaminateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-i", "--input"}, paramLabel = "TABLE", description = "Documents table to read (decontaminate.input).")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "TABLE", description = "Kept documents and pieces (decontaminate.output).")
    String output;

    @Option(names = "--tasks", paramLabel = "PATH",
            description = "Eval file or directory, e.g. ../shared/data/eval (decontaminate.tasks). Default: data/demo/eval.")
    String tasks;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("decontaminate.input", input);
        overrides.put("decontaminate.output", output);
        overrides.put("decontaminate.tasks", tasks);
        return StageRunSupport.runSingleStage(common, spec.commandLine().getOut(), overrides, PipelineStage.DECONTAMINATE,
                c -> List.of(c.decontaminate().output(), c.decontaminate().contamination()));
    }
}
