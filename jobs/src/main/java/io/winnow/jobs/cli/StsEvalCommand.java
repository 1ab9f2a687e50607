package io.winnow.jobs.cli;

import io.winnow.batchinfer.ModelSpec;
import io.winnow.embed.LayerGraph;
import io.winnow.embed.LayerPooling;
import io.winnow.embed.MatryoshkaEncoder;
import io.winnow.embed.StsEvaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sts-eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "STS-B dev Spearman of cosine for every (layer, dim) of a model, from one forward pass per batch:",
            "a Markdown table (rows layers, columns dims) and a PNG heatmap. Runs in this JVM; no Spark."
        })
public final class StsEvalCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, paramLabel = "NAME|PATH", defaultValue = "all-minilm-l6-v2",
            description = "Built-in model or a model path. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--layers", paramLabel = "LIST", split = ",", description = "Layers (1-based). Default: all.")
    List<Integer> layers;

    @Option(names = "--dims", paramLabel = "LIST", split = ",", defaultValue = "32,64,128,256,384",
            description = "Dimensions. Default: ${DEFAULT-VALUE}.")
    List<Integer> dims;

    @Option(names = "--pooling", paramLabel = "P", description = "cls, mean or weighted-mean. Default: the model's.")
    String pooling;

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "1500", description = "STS-B dev pairs (at most 1,500).")
    int pairs;

    @Option(names = "--sts", paramLabel = "CSV", description = "STS-B dev CSV. Default: ../shared/data/sts/stsb_multi_mt/stsb-en-dev.csv.")
    Path sts;

    @Option(names = "--heatmap", paramLabel = "PNG", description = "Where to write the heatmap. Default: sts-<model>.png.")
    Path heatmap;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ModelSpec modelSpec = ModelSpec.of(model);
        List<Integer> wanted = layers;
        if (wanted == null || wanted.isEmpty()) {
            int depth = LayerGraph.shape(Path.of(modelSpec.onnxFile())).depth();
            wanted = new ArrayList<>();
            for (int layer = 1; layer <= depth; layer++) {
                wanted.add(layer);
            }
        }
        LayerPooling layerPooling = pooling == null ? LayerPooling.of(modelSpec.pooling())
                : LayerPooling.valueOf(pooling.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        Path file = sts != null ? sts : StsEvaluation.DEFAULT_DEV_FILE;
        Optional<StsEvaluation.Table> table = StsEvaluation.evaluate(modelSpec, layerPooling, wanted, dims, file, pairs,
                MatryoshkaEncoder.Options.defaults(Math.max(1, Runtime.getRuntime().availableProcessors())));
        PrintWriter out = spec.commandLine().getOut();
        if (table.isEmpty()) {
            throw new io.winnow.core.error.WinnowException(io.winnow.core.error.ErrorCode.INPUT_NOT_FOUND,
                    "The STS-B dev file '" + file + "' does not exist, so there is nothing to evaluate. Pass --sts with the"
                            + " headerless CSV sentence1,sentence2,score (e.g. stsb_multi_mt's stsb-en-dev.csv).");
        }
        Path png = heatmap != null ? heatmap : Path.of("sts-" + model.replaceAll("[^A-Za-z0-9.-]", "_") + ".png");
        table.get().writeHeatmap(png);
        out.println(table.get().toMarkdown());
        out.println("Heatmap: " + png.toAbsolutePath());
        out.flush();
        return 0;
    }
}
