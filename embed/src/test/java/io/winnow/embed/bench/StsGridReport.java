package io.winnow.embed.bench;

import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.graph.LayerGraph;
import io.winnow.batchinfer.model.ModelFetcher;
import org.apache.hadoop.conf.Configuration;
import io.winnow.embed.StsEvaluation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * STS-B dev Spearman over layers x dims for each model (its default pooling): Markdown tables on stdout, heatmaps
 * in {@code embed/target/sts-grid/<model>.png}. MiniLM: layers 1..6; 12-layer models: 2, 4, ..., 12; dims 32..384.
 *
 * <pre>bench/sts-grid.sh [pairs=all] [models=all-minilm-l6-v2,all-minilm-l6-v2-int8,bge-small-en-v1.5,bge-small-en-v1.5-int8]</pre>
 */
public final class StsGridReport {
    private StsGridReport() {}

    public static void main(String[] args) {
        int pairs = args.length > 0 && !args[0].equals("all") ? Integer.parseInt(args[0]) : Integer.MAX_VALUE;
        List<String> models = List.of((args.length > 1 ? args[1]
                : "all-minilm-l6-v2,all-minilm-l6-v2-int8,bge-small-en-v1.5,bge-small-en-v1.5-int8").split(","));
        List<Integer> dims = List.of(32, 64, 128, 256, 384);
        Path out = Path.of("embed", "target", "sts-grid").toAbsolutePath();
        EncoderOptions options = EncoderOptions.defaults(2);
        for (String model : models) {
            ModelSpec spec = ModelSpec.of(model);
            int depth = LayerGraph.shape(ModelFetcher.fetch(spec.onnxUri(), null, new Configuration()).path()).depth();
            List<Integer> layers = new ArrayList<>();
            for (int layer = depth > 6 ? 2 : 1; layer <= depth; layer += depth > 6 ? 2 : 1) {
                layers.add(layer);
            }
            var table = StsEvaluation.evaluate(spec, layers, dims,
                    StsEvaluation.DEFAULT_DEV_FILE, pairs, options);
            if (table.isEmpty()) {
                System.out.println("STS-B dev file absent (" + StsEvaluation.DEFAULT_DEV_FILE + "): nothing to evaluate.");
                return;
            }
            System.out.println(table.get().toMarkdown());
            System.out.printf(Locale.ROOT, "(%.1f s to embed all sizes)%n%n", table.get().seconds());
            table.get().writeHeatmap(out.resolve(model + ".png"));
        }
    }
}
