package io.winnow.embed.bench;

import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.Granularity;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.Pooling;
import io.winnow.batchinfer.TextEncoder;
import io.winnow.batchinfer.graph.LayerGraph;
import io.winnow.batchinfer.model.ModelFetcher;
import org.apache.hadoop.conf.Configuration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Layer-truncation speed: texts/s of the graph cut after layer k (k = 1..L) against the original, uncut model, in
 * one JVM, variants interleaved round by round (best round kept) so load changes on a shared machine hit all alike.
 * Each variant is timed end to end (tokenize, one forward pass per batch, pool, normalise) on the same texts.
 * The speed-up over the full model is reported against the ideal {@code L / k} (per-layer cost only; the embedding
 * lookup, tokenization and pooling do not shrink), goal >= 0.85 of ideal.
 *
 * <pre>bench/layer-speed.sh [model=all-minilm-l6-v2] [texts=1000] [rounds=3] [threads=2]</pre>
 */
public final class LayerSpeedBenchmark {
    private LayerSpeedBenchmark() {}

    public static void main(String[] args) throws Exception {
        String model = args.length > 0 ? args[0] : "all-minilm-l6-v2";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        ModelSpec spec = ModelSpec.of(model);
        Path onnx = ModelFetcher.fetch(spec.onnxUri(), null, new Configuration()).path();
        LayerGraph.Shape shape = LayerGraph.shape(onnx);
        int depth = shape.depth();
        Pooling pooling = spec.pooling();
        EncoderOptions options = EncoderOptions.defaults(threads);
        List<String> texts = BenchTexts.load(count);

        Map<String, TextEncoder> variants = new LinkedHashMap<>();
        Map<String, Integer> nodes = new LinkedHashMap<>();
        var full = LayerGraph.load(onnx);
        // the model's own output: the uncut graph
        variants.put("full", TextEncoder.open(spec, options));
        nodes.put("full", full.getGraph().getNodeCount());
        for (int layer = 1; layer <= depth; layer++) {
            variants.put(String.valueOf(layer), TextEncoder.open(spec,
                    options.withGranularities(List.of(new Granularity(layer, shape.hidden())))));
            nodes.put(String.valueOf(layer), LayerGraph.cut(full, new TreeSet<>(Set.of(layer)), onnx).nodesAfter());
        }
        full = null;
        for (TextEncoder encoder : variants.values()) {
            encoder.encode(texts.subList(0, Math.min(128, texts.size()))); // warm-up
        }
        Map<String, double[]> seconds = new LinkedHashMap<>();
        Map<String, double[]> cpuSeconds = new LinkedHashMap<>();
        variants.keySet().forEach(name -> seconds.put(name, new double[rounds]));
        variants.keySet().forEach(name -> cpuSeconds.put(name, new double[rounds]));
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        List<String> names = new ArrayList<>(variants.keySet());
        // Tokenization alone: the part of every variant's time that no cut can shrink.
        double[] tokenizeSeconds = new double[rounds];
        // tokenization through the engine's public API (the same native batch encode every encode call does)
        TextEncoder tokenizer = variants.get("full");
        tokenizer.tokenLengths(texts.subList(0, Math.min(128, texts.size())));
        for (int round = 0; round < rounds; round++) {
            long tokenizeStarted = System.nanoTime();
            tokenizer.tokenLengths(texts);
            tokenizeSeconds[round] = (System.nanoTime() - tokenizeStarted) / 1e9;
            // rotate the order every round, so no variant always runs first or right after another
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i + round) % names.size());
                long started = System.nanoTime();
                long cpuStarted = os.getProcessCpuTime();
                variants.get(name).encode(texts);
                seconds.get(name)[round] = (System.nanoTime() - started) / 1e9;
                cpuSeconds.get(name)[round] = (os.getProcessCpuTime() - cpuStarted) / 1e9;
            }
            final int done = round;
            System.out.printf(Locale.ROOT, "round %d: %s%n", done + 1, names.stream()
                    .map(name -> String.format(Locale.ROOT, "%s %.2fs", name, seconds.get(name)[done]))
                    .reduce((a, b) -> a + ", " + b).orElse(""));
        }
        variants.values().forEach(TextEncoder::close);

        double fullSpeed = count / Arrays.stream(seconds.get("full")).min().orElseThrow();
        double fullCpuSpeed = count / Arrays.stream(cpuSeconds.get("full")).min().orElseThrow();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nLayer-truncated %s (%d layers, %s pooling): %d texts, best of %d"
                + " interleaved rounds, %d ORT threads, %s%n%n", model, depth, pooling.configName(), count, rounds, threads,
                System.getProperty("os.arch")));
        out.append("Wall: texts per second. CPU: texts per CPU-second of this process (steadier when other jobs share"
                + " the cores). Share of ideal = speed-up / (L/k).\n\n");
        out.append("| graph | nodes | texts/s (wall) | speed-up (wall) | texts/CPU-s | speed-up (CPU) | ideal L/k |"
                + " share of ideal (wall) | share of ideal (CPU) |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        out.append(String.format(Locale.ROOT, "| full (original) | %d | %.0f | 1.00 | %.0f | 1.00 | 1.00 | - | - |%n",
                nodes.get("full"), fullSpeed, fullCpuSpeed));
        List<Double> shares = new ArrayList<>();
        for (int layer = 1; layer <= depth; layer++) {
            double speed = count / Arrays.stream(seconds.get(String.valueOf(layer))).min().orElseThrow();
            double cpuSpeed = count / Arrays.stream(cpuSeconds.get(String.valueOf(layer))).min().orElseThrow();
            double speedUp = speed / fullSpeed;
            double cpuSpeedUp = cpuSpeed / fullCpuSpeed;
            double ideal = (double) depth / layer;
            shares.add(speedUp / ideal);
            out.append(String.format(Locale.ROOT, "| cut at layer %d | %d | %.0f | %.2f | %.0f | %.2f | %.2f | %.2f | %.2f |%n",
                    layer, nodes.get(String.valueOf(layer)), speed, speedUp, cpuSpeed, cpuSpeedUp, ideal, speedUp / ideal,
                    cpuSpeedUp / ideal));
        }
        double tokenize = Arrays.stream(tokenizeSeconds).min().orElseThrow();
        double layerOne = Arrays.stream(seconds.get("1")).min().orElseThrow();
        out.append(String.format(Locale.ROOT, "%nTokenization alone: %.0f texts/s, %.0f%% of the layer-1 time and %.0f%% of the"
                + " full model's.%n", count / tokenize, 100 * tokenize / layerOne,
                100 * tokenize / Arrays.stream(seconds.get("full")).min().orElseThrow()));
        System.out.println(out);
    }
}
