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

@Command(name = "tokenize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Tokenize a documents table with a tokenizer.json (DJL HuggingFace tokenizers, loaded once per executor):",
            "token counts per document (and optionally the ids) plus corpus totals in the run log."
        })
public final class TokenizeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-i", "--input"}, paramLabel = "TABLE", description = "Documents table (tokenize.input). Default: curated.")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "TABLE", description = "Token counts table (tokenize.output).")
    String output;

    @Option(names = {"-t", "--tokenizer"}, paramLabel = "FILE",
            description = "tokenizer.json or its directory (tokenize.tokenizer). Default: _tokenizers/bpe-8000 under the warehouse.")
    String tokenizer;

    @Option(names = "--write-ids", description = "Also store the token ids (tokenize.write-ids).")
    Boolean writeIds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("tokenize.input", input);
        overrides.put("tokenize.output", output);
        overrides.put("tokenize.tokenizer", tokenizer);
        overrides.put("tokenize.write-ids", writeIds);
        return StageRunSupport.runSingleStage(common, spec.commandLine().getOut(), overrides, PipelineStage.TOKENIZE,
                c -> List.of(c.tokenize().output()));
    }
}
