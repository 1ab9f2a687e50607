package io.winnow.jobs.cli;

import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.Pooling;
import io.winnow.batchinfer.graph.LayerGraph;
import io.winnow.batchinfer.model.ModelFetcher;
import org.apache.hadoop.conf.Configuration;
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
            "Spearman of cosine against the gold scores of an STS CSV (default: STS-B dev) for every (layer, dim) of a",
            "model, from one forward pass per batch; the table and heatmap name the file evaluated.",
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

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "1500", description = "Pairs read from the CSV, 1 to 1,500 (STS-B dev has 1,500).")
    int pairs;

    @Option(names = "--sts", paramLabel = "CSV", description = "STS CSV (sentence1,sentence2,score). Default: ../shared/data/sts/stsb_multi_mt/stsb-en-dev.csv.")
    Path sts;

    @Option(names = "--heatmap", paramLabel = "PNG", description = "Where to write the heatmap. Default: sts-<model>.png.")
    Path heatmap;

    static final int MAX_PAIRS = 1500;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (pairs < 1 || pairs > MAX_PAIRS) {
            throw CliErrors.badOption("--pairs", String.valueOf(pairs), "a whole number from 1 to 1500 (STS-B dev has 1,500"
                    + " pairs, its test split 1,379)");
        }
        ModelSpec modelSpec = ModelSpec.of(model);
        if (pooling != null) {
            modelSpec = modelSpec.withPooling(Pooling.valueOf(pooling.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
        }
        List<Integer> wanted = layers;
        if (wanted == null || wanted.isEmpty()) {
            int depth = LayerGraph.shape(ModelFetcher.fetch(modelSpec.onnxUri(), null, new Configuration()).path()).depth();
            wanted = new ArrayList<>();
            for (int layer = 1; layer <= depth; layer++) {
                wanted.add(layer);
            }
        }
        Path file = sts != null ? sts : StsEvaluation.DEFAULT_DEV_FILE;
        Optional<StsEvaluation.Table> table = StsEvaluation.evaluate(modelSpec, wanted, dims, file, pairs,
                EncoderOptions.defaults(Math.max(1, Runtime.getRuntime().availableProcessors())));
        PrintWriter out = spec.commandLine().getOut();
        if (table.isEmpty()) {
            throw CliErrors.stsFileMissing(file);
        }
        Path png = heatmap != null ? heatmap : Path.of("sts-" + model.replaceAll("[^A-Za-z0-9.-]", "_") + ".png");
        table.get().writeHeatmap(png);
        out.println(table.get().toMarkdown());
        out.println("Heatmap: " + png.toAbsolutePath());
        out.flush();
        return 0;
    }
}
