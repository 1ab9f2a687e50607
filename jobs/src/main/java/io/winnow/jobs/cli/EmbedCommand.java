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

@Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "2D-Matryoshka embeddings: several (layer, dim) granularities from one forward pass. The ONNX graph is cut",
            "after the deepest requested layer (shallow-only runs are really faster) and exposes the requested layers'",
            "hidden states; each is pooled (cls, mean or weighted-mean), truncated to each dim and re-normalised.",
            "Output: one row per (document, layer, dim) in matryoshka_embeddings."
        })
public final class EmbedCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-i", "--input"}, paramLabel = "TABLE", description = "Table to read (embed.input). Default: curated.")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "TABLE", description = "Output table (embed.output).")
    String output;

    @Option(names = {"-m", "--model"}, paramLabel = "NAME|PATH", description = "Built-in model name or a model path (embed.model).")
    String model;

    @Option(names = "--granularities", paramLabel = "LIST", split = ",",
            description = "layer:dim pairs, e.g. 2:64,4:128,6:384 (embed.granularities).")
    List<String> granularities;

    @Option(names = "--preset", paramLabel = "NAME", description = "none or starbucks (embed.preset).")
    String preset;

    @Option(names = "--pooling", paramLabel = "P", description = "cls, mean or weighted-mean (embed.pooling). Default: the model's.")
    String pooling;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("embed.input", input);
        overrides.put("embed.output", output);
        overrides.put("embed.model", model);
        overrides.put("embed.granularities", granularities);
        overrides.put("embed.preset", preset);
        overrides.put("embed.pooling", pooling);
        return StageRunSupport.runSingleStage(common, spec.commandLine().getOut(), overrides, PipelineStage.EMBED,
                c -> List.of(c.embed().output()));
    }
}
