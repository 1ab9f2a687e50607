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

@Command(name = "infer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Batch inference on the executors with an ONNX model through DJL + ONNX Runtime: any table with a text column",
            "-> an embeddings table (doc_id, embedding, dim, model, precision, run_id). The model is loaded once per",
            "executor JVM; texts are length-sorted and batched by a token budget. Built-in models (from Maven Central):",
            "all-minilm-l6-v2, all-minilm-l6-v2-int8, bge-small-en-v1.5, bge-small-en-v1.5-int8; or a path."
        })
public final class InferCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-i", "--input"}, paramLabel = "TABLE", description = "Table to read (infer.input). Default: curated.")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "TABLE", description = "Output table (infer.output). Default: embeddings.")
    String output;

    @Option(names = {"-m", "--model"}, paramLabel = "NAME|PATH", description = "Built-in model name or model directory/.onnx (infer.model).")
    String model;

    @Option(names = "--text-column", paramLabel = "NAME", description = "Text column (infer.text-column).")
    String textColumn;

    @Option(names = "--id-column", paramLabel = "NAME", description = "Id column (infer.id-column).")
    String idColumn;

    @Option(names = "--device", paramLabel = "MODE", description = "auto (GPU when Spark assigns one), cpu or gpu (infer.device).")
    String device;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("infer.input", input);
        overrides.put("infer.output", output);
        overrides.put("infer.model", model);
        overrides.put("infer.text-column", textColumn);
        overrides.put("infer.id-column", idColumn);
        overrides.put("infer.device", device);
        return StageRunSupport.runSingleStage(common, spec.commandLine().getOut(), overrides, PipelineStage.INFER,
                c -> List.of(c.infer().output()));
    }
}
