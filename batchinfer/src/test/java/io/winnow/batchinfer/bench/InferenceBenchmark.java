package io.winnow.batchinfer.bench;

import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.InferConfig;
import io.winnow.batchinfer.InferJob;
import io.winnow.batchinfer.Matryoshka;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.OrtRunner;
import io.winnow.batchinfer.StsSentences;
import io.winnow.batchinfer.TextEncoder;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageResult;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.RowValues;
import io.winnow.core.table.Tables;
import io.winnow.core.table.Warehouse;
import io.winnow.core.testing.TestSpark;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Batch inference side by side, in one run on the same texts, model files and thread counts: (a) the {@code infer}
 * stage on Spark (read Delta, encode, write Delta; n threads = n tasks x 1 ONNX Runtime thread), (b) a bare Java loop
 * over the same {@link TextEncoder}, (c) the loop a user would write in Python ({@code bench/peer/ort_loop.py}: ONNX
 * Runtime + tokenizers + numpy), for all-MiniLM-L6-v2 fp32 and int8 at 1 and 2 threads. Every case runs once per
 * round, interleaved; the best round counts. Prints texts/s, CPU-seconds, the ratios and the cosine of Winnow's
 * vectors to the peer's.
 *
 * <pre>bench/batch-inference.sh [texts=4000] [rounds=3]</pre>
 */
public final class InferenceBenchmark {
    private static final List<String> MODELS = List.of("all-minilm-l6-v2", "all-minilm-l6-v2-int8");

    /** One timed run. */
    record Run(double seconds, double cpuSeconds, float[][] vectors) {}

    private InferenceBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String python = System.getProperty("winnow.bench.python", "python3");
        Path out = Path.of(System.getProperty("winnow.bench.out", "bench/out")).toAbsolutePath();
        Files.createDirectories(out);
        List<String> texts = texts(count);
        Path textsFile = out.resolve("texts.jsonl");
        writeTexts(texts, textsFile);
        System.out.printf(Locale.ROOT, "Batch inference, three ways: %d texts (%s), %d cores, %d rounds%n", texts.size(),
                StsSentences.directory().isPresent() ? "STS-B en train+dev" : "bundled text",
                Runtime.getRuntime().availableProcessors(), rounds);

        SparkSession spark = TestSpark.session();
        RunContext context = new RunContext(RunContext.newRunId(), new Warehouse(TestSpark.tempDirectory("bench").toString()),
                true);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create(String.format("t%06d", i), "bench", texts.get(i), null, RowValues.map(Map.of()),
                    "bench", (long) i));
        }
        DeltaTables.overwrite(spark.createDataFrame(rows, Tables.DOCUMENT_SCHEMA).repartition(1),
                context.warehouse().resolve("curated"));

        Map<String, Supplier<Run>> cases = new LinkedHashMap<>();
        for (String model : MODELS) {
            ModelSpec spec = ModelSpec.of(model);
            Path onnx = OrtRunner.onnx(spec);
            Path tokenizer = OrtRunner.tokenizer(spec);
            for (int threads : new int[] {1, 2}) {
                int t = threads;
                cases.put(key("bare", model, t), () -> bare(spec, t, texts));
                cases.put(key("spark", model, t), () -> spark(spark, context, model, t, texts.size()));
                cases.put(key("python", model, t), () -> python(python, onnx, tokenizer, textsFile, t,
                        spec.pooling().configName(), out.resolve("peer-" + model + "-" + t + ".npy")));
            }
        }
        // warm-up: JIT, sessions, the first Spark job
        for (String model : MODELS) {
            bare(ModelSpec.of(model), 2, texts.subList(0, Math.min(256, texts.size())));
        }
        spark(spark, context, MODELS.get(0), 2, texts.size());

        Map<String, Run> best = new HashMap<>();
        for (int round = 1; round <= rounds; round++) {
            System.out.printf("Round %d of %d%n", round, rounds);
            for (Map.Entry<String, Supplier<Run>> entry : cases.entrySet()) {
                Run run = entry.getValue().get();
                System.out.printf(Locale.ROOT, "  %-40s %7.1f texts/s  %6.2f CPU-s%n", entry.getKey(),
                        texts.size() / run.seconds(), run.cpuSeconds());
                Run known = best.get(entry.getKey());
                if (known == null || run.seconds() < known.seconds()) {
                    best.put(entry.getKey(), run.vectors() == null && known != null
                            ? new Run(run.seconds(), run.cpuSeconds(), known.vectors()) : run);
                }
            }
        }
        print(best, texts.size());
        spark.stop();
        System.exit(0);
    }

    private static String key(String path, String model, int threads) {
        return path + " " + model + " " + threads;
    }

    private static Run bare(ModelSpec spec, int threads, List<String> texts) {
        try (TextEncoder encoder = TextEncoder.open(spec, EncoderOptions.defaults(threads))) {
            long cpu = processCpuNanos();
            long started = System.nanoTime();
            float[][] vectors = encoder.encode(texts);
            return new Run((System.nanoTime() - started) / 1e9, (processCpuNanos() - cpu) / 1e9, vectors);
        }
    }

    private static Run spark(SparkSession spark, RunContext context, String model, int threads, int count) {
        InferConfig config = InferConfig.defaults().withModel(model, null, null).withParallelism(threads, 1)
                .withTables("curated", "embeddings_" + model.replace('-', '_') + "_" + threads);
        long cpu = processCpuNanos();
        StageResult result = InferJob.run(spark, context, config.withSortWindow(50_000));
        if (result.counts().kept() != count) {
            throw new IllegalStateException("Spark infer kept " + result.counts().kept() + " of " + count);
        }
        return new Run(result.elapsed().toNanos() / 1e9, (processCpuNanos() - cpu) / 1e9, null);
    }

    private static Run python(String python, Path onnx, Path tokenizer, Path texts, int threads, String pooling, Path npy) {
        try {
            Process process = new ProcessBuilder(python, Path.of("bench/peer/ort_loop.py").toAbsolutePath().toString(),
                    onnx.toString(), tokenizer.toString(), texts.toString(), String.valueOf(threads), pooling, npy.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("the Python peer failed: " + output);
            }
            double seconds = number(output, "seconds");
            double cpu = number(output, "cpu_seconds");
            return new Run(seconds, cpu, readNpy(npy));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the Python peer with " + python, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double number(String json, String field) {
        int at = json.indexOf("\"" + field + "\": ");
        int from = at + field.length() + 4;
        int to = from;
        while (to < json.length() && "0123456789.eE-".indexOf(json.charAt(to)) >= 0) {
            to++;
        }
        return Double.parseDouble(json.substring(from, to));
    }

    /** A 2-D float32 little-endian .npy file (what numpy.save writes for the peer's vectors). */
    static float[][] readNpy(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = buffer.getShort(8) & 0xffff;
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        String shape = header.substring(header.indexOf('(') + 1, header.indexOf(')'));
        String[] dims = shape.split(",");
        int rows = Integer.parseInt(dims[0].trim());
        int columns = Integer.parseInt(dims[1].trim());
        buffer.position(10 + headerLength);
        float[][] out = new float[rows][columns];
        for (float[] row : out) {
            buffer.asFloatBuffer().get(row);
            buffer.position(buffer.position() + columns * 4);
        }
        return out;
    }

    private static void print(Map<String, Run> best, int count) {
        System.out.println();
        System.out.println("| model | threads | Spark infer texts/s | bare Java texts/s | Python ORT texts/s | Spark / bare"
                + " | Spark / Python | bare / Python | Spark / Python per CPU-s | min cosine bare vs Python |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String model : MODELS) {
            for (int threads : new int[] {1, 2}) {
                Run spark = best.get(key("spark", model, threads));
                Run bare = best.get(key("bare", model, threads));
                Run python = best.get(key("python", model, threads));
                double minCosine = 1;
                for (int i = 0; i < bare.vectors().length; i++) {
                    minCosine = Math.min(minCosine, Matryoshka.dot(bare.vectors()[i], python.vectors()[i]));
                }
                System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.2f | %.2f | %.2f | %.2f | %.6f |%n", model,
                        threads, count / spark.seconds(), count / bare.seconds(), count / python.seconds(),
                        bare.seconds() / spark.seconds(), python.seconds() / spark.seconds(),
                        python.seconds() / bare.seconds(), python.cpuSeconds() / spark.cpuSeconds(), minCosine);
            }
        }
        System.out.println();
        for (int threads : new int[] {1, 2}) {
            for (String path : List.of("spark", "bare", "python")) {
                System.out.printf(Locale.ROOT, "int8 / fp32 speed, %s, %d threads: %.2fx%n", path, threads,
                        best.get(key(path, MODELS.get(0), threads)).seconds()
                                / best.get(key(path, MODELS.get(1), threads)).seconds());
            }
        }
        System.out.println("Spark rows: the whole stage (read Delta, repartition, encode, write Delta, count); CPU-s are"
                + " this JVM's (Spark and bare) or the Python process's; best of the rounds by wall time.");
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void writeTexts(List<String> texts, Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String text : texts) {
            out.append('"');
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append("\"\n");
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    static List<String> texts(int count) {
        List<String> texts = new ArrayList<>(StsSentences.directory()
                .map(directory -> StsSentences.sentences(directory, count))
                .orElse(List.of()));
        for (int i = 0, real = texts.size(); real > 0 && texts.size() < count; i++) {
            texts.add(texts.get(i % real));
        }
        String[] bundled = {
            "A man is playing a guitar on the street corner.",
            "The committee will publish its findings after the summer recess, according to a spokesperson.",
            "Two dogs run through the snow.",
            "Prices of fresh vegetables rose for the third month in a row as the drought continued across the region.",
            "She reads a book.",
        };
        for (int i = 0; texts.size() < count; i++) {
            texts.add(bundled[i % bundled.length] + " Item " + i + ".");
        }
        return texts;
    }
}
