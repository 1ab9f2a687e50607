package io.winnow.batchinfer.bench;

import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.InferConfig;
import io.winnow.batchinfer.InferJob;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.TextEncoder;
import io.winnow.batchinfer.internal.SessionCache;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageResult;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.RowValues;
import io.winnow.core.table.Tables;
import io.winnow.core.table.Warehouse;
import io.winnow.core.testing.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The crash hunt, kept as a benchmark (not in the default test run): the conditions under which the old DJL path
 * died with SIGSEGV in {@code OrtSession.run}, made harsher. The {@code infer} stage encodes N texts (default 100,000)
 * on local[2], two concurrent tasks per JVM over many partitions, so every session is shared by two tasks and reused
 * by many; meanwhile a bare loop in a third thread encodes with the same sessions; then the session cache is closed
 * and everything runs again (fp32, then int8). Prints texts, seconds and the tables' row counts; the script counts
 * JVM crashes (a non-zero exit or an hs_err file).
 *
 * <pre>bench/inference-stress.sh [texts=100000]</pre>
 */
public final class InferenceStressBenchmark {
    private InferenceStressBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<String> texts = InferenceBenchmark.texts(count);
        SparkSession spark = TestSpark.session();
        RunContext context = new RunContext(RunContext.newRunId(), new Warehouse(TestSpark.tempDirectory("stress").toString()),
                true);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create(String.format("t%07d", i), "stress", texts.get(i) + " (" + i + ")", null,
                    RowValues.map(Map.of()), "stress", (long) i));
        }
        DeltaTables.overwrite(spark.createDataFrame(rows, Tables.DOCUMENT_SCHEMA).repartition(4),
                context.warehouse().resolve("curated"));
        System.out.printf(Locale.ROOT, "Inference stress: %d texts, local[2], 2 concurrent tasks x 1 thread, 32 partitions,"
                + " plus a bare loop in a third thread%n", texts.size());
        long totalTexts = 0;
        long started = System.nanoTime();
        int round = 0;
        for (String model : List.of("all-minilm-l6-v2", "all-minilm-l6-v2-int8")) {
            round++;
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong bareTexts = new AtomicLong();
            Thread bare = new Thread(() -> {
                List<String> sample = texts.subList(0, Math.min(512, texts.size()));
                while (!stop.get()) {
                    try (TextEncoder encoder = TextEncoder.open(ModelSpec.of(model), EncoderOptions.defaults(1))) {
                        bareTexts.addAndGet(encoder.encode(sample).length);
                    }
                }
            }, "bare-loop");
            bare.start();
            long roundStarted = System.nanoTime();
            StageResult result = InferJob.run(spark, context, InferConfig.defaults().withModel(model, null, null)
                    .withParallelism(32, 1).withTables("curated", "stress_" + round));
            stop.set(true);
            bare.join();
            double seconds = (System.nanoTime() - roundStarted) / 1e9;
            System.out.printf(Locale.ROOT, "  %s: infer %s, %d rows written in %.1f s (%.0f texts/s); bare loop %d texts"
                    + " alongside%n", model, result.status(), result.counts().kept(), seconds,
                    result.counts().kept() / seconds, bareTexts.get());
            if (result.counts().kept() != texts.size()) {
                throw new IllegalStateException("infer wrote " + result.counts().kept() + " of " + texts.size() + " rows");
            }
            totalTexts += result.counts().kept() + bareTexts.get();
            // close every session between rounds (what JVM exit does), then the next round opens them again
            SessionCache.closeAll();
        }
        System.out.printf(Locale.ROOT, "Stress done: %d texts encoded in %.1f s, sessions closed and reopened %d times,"
                + " no JVM crash%n", totalTexts, (System.nanoTime() - started) / 1e9, round);
        spark.stop();
        System.exit(0);
    }
}
