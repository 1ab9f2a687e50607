package io.winnow.batchinfer.internal;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import io.winnow.batchinfer.DeviceMode;
import io.winnow.batchinfer.DevicePlacement;
import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.EncoderStats;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.TextEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The executor side of the {@code infer} stage: rows {@code (doc_id, text)} in, rows of
 * {@code InferJob.OUTPUT_SCHEMA} out. The task opens one {@link TextEncoder} (the model comes from the
 * per-JVM cache), reads up to {@code sortWindow} rows, encodes them with token-budget batching and emits
 * them in input order; the encoder is closed when the task completes. Counts go to accumulators
 * (a retried task counts twice: they are statistics, the row counts come from the written table).
 */
public final class EmbedPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    /** Accumulators for the stage's detail counts. */
    public record Counters(LongAccumulator tokens, LongAccumulator paddedTokens, LongAccumulator batches,
            LongAccumulator truncated) implements java.io.Serializable {}

    private final ModelSpec spec;
    private final int tokenBudget;
    private final int maxBatchSize;
    private final boolean sortByLength;
    private final int sortWindow;
    private final int configuredThreads;
    private final DeviceMode deviceMode;
    private final String runId;
    private final Counters counters;

    public EmbedPartition(ModelSpec spec, int tokenBudget, int maxBatchSize, boolean sortByLength, int sortWindow,
            int configuredThreads, DeviceMode deviceMode, String runId, Counters counters) {
        this.spec = requireNonNull(spec, "spec is null");
        this.tokenBudget = tokenBudget;
        this.maxBatchSize = maxBatchSize;
        this.sortByLength = sortByLength;
        this.sortWindow = sortWindow;
        this.configuredThreads = configuredThreads;
        this.deviceMode = requireNonNull(deviceMode, "deviceMode is null");
        this.runId = requireNonNull(runId, "runId is null");
        this.counters = requireNonNull(counters, "counters is null");
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        if (!rows.hasNext()) {
            return Collections.emptyIterator();
        }
        TaskContext task = TaskContext.get();
        Map<String, ResourceInformation> resources = task == null ? Map.of() : CollectionConverters.asJava(task.resources());
        Device device = DevicePlacement.choose(resources, deviceMode);
        int threads = DevicePlacement.intraOpThreads(configuredThreads, task == null ? 1 : task.cpus());
        TextEncoder encoder = TextEncoder.open(spec,
                new EncoderOptions(tokenBudget, maxBatchSize, sortByLength, threads, 1, device));
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> encoder.close());
        }
        return new WindowIterator(rows, encoder, task == null);
    }

    private final class WindowIterator implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final TextEncoder encoder;
        private final boolean closeWhenDone;
        private List<Row> window = List.of();
        private float[][] vectors;
        private int next;
        private EncoderStats published = EncoderStats.EMPTY;

        WindowIterator(Iterator<Row> rows, TextEncoder encoder, boolean closeWhenDone) {
            this.rows = rows;
            this.encoder = encoder;
            this.closeWhenDone = closeWhenDone;
        }

        @Override
        public boolean hasNext() {
            if (next < window.size()) {
                return true;
            }
            if (!rows.hasNext()) {
                if (closeWhenDone) {
                    encoder.close();
                }
                return false;
            }
            List<Row> batch = new ArrayList<>(Math.min(sortWindow, 4096));
            List<String> texts = new ArrayList<>(Math.min(sortWindow, 4096));
            while (rows.hasNext() && batch.size() < sortWindow) {
                Row row = rows.next();
                batch.add(row);
                texts.add(row.getString(1));
            }
            vectors = encoder.encode(texts);
            window = batch;
            next = 0;
            publish();
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row row = window.get(next);
            float[] vector = vectors[next];
            vectors[next] = null;
            next++;
            return RowFactory.create(row.getString(0), vector, vector.length, spec.name(), spec.precision().configName(),
                    runId);
        }

        private void publish() {
            EncoderStats now = encoder.stats();
            counters.tokens().add(now.tokens() - published.tokens());
            counters.paddedTokens().add(now.paddedTokens() - published.paddedTokens());
            counters.batches().add(now.batches() - published.batches());
            counters.truncated().add(now.truncated() - published.truncated());
            published = now;
        }
    }
}
