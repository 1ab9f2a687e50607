package io.winnow.embed;

import static java.util.Objects.requireNonNull;

import io.winnow.batchinfer.DevicePlacement;
import io.winnow.batchinfer.EncoderStats;
import io.winnow.batchinfer.ModelSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;

/**
 * The executor side of the {@code embed} stage: rows {@code (doc_id, text)} in, one row of
 * {@link EmbedJob#OUTPUT_SCHEMA} per (document, granularity) out. The task opens one {@link MatryoshkaEncoder}
 * (the cut graph's session comes from the per-JVM {@link SessionCache}), encodes windows of rows with token-budget
 * batching, one forward pass per batch for all granularities, and is closed when the task completes.
 */
public final class EmbedPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    /** Accumulators for the stage's detail counts (statistics: a retried task counts twice). */
    public record Counters(LongAccumulator tokens, LongAccumulator paddedTokens, LongAccumulator batches,
            LongAccumulator truncated) implements Serializable {}

    private final ModelSpec spec;
    private final LayerPooling pooling;
    private final List<Granularity> granularities;
    private final MatryoshkaEncoder.Options options;
    private final int configuredThreads;
    private final int window;
    private final String runId;
    private final Counters counters;

    public EmbedPartition(ModelSpec spec, LayerPooling pooling, List<Granularity> granularities,
            MatryoshkaEncoder.Options options, int configuredThreads, int window, String runId, Counters counters) {
        this.spec = requireNonNull(spec, "spec is null");
        this.pooling = requireNonNull(pooling, "pooling is null");
        this.granularities = List.copyOf(granularities);
        this.options = requireNonNull(options, "options is null");
        this.configuredThreads = configuredThreads;
        this.window = window;
        this.runId = requireNonNull(runId, "runId is null");
        this.counters = requireNonNull(counters, "counters is null");
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        if (!rows.hasNext()) {
            return Collections.emptyIterator();
        }
        TaskContext task = TaskContext.get();
        int threads = DevicePlacement.intraOpThreads(configuredThreads, task == null ? 1 : task.cpus());
        MatryoshkaEncoder.Options taskOptions = new MatryoshkaEncoder.Options(options.tokenBudget(),
                options.maxBatchSize(), threads, options.graphCache());
        MatryoshkaEncoder encoder = MatryoshkaEncoder.open(spec, pooling, granularities, taskOptions);
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> encoder.close());
        }
        return new WindowIterator(rows, encoder, task == null);
    }

    private final class WindowIterator implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final MatryoshkaEncoder encoder;
        private final boolean closeWhenDone;
        private List<Row> batch = List.of();
        private List<float[][]> vectors = List.of();
        private int next; // index over batch rows x granularities
        private EncoderStats published = EncoderStats.EMPTY;

        WindowIterator(Iterator<Row> rows, MatryoshkaEncoder encoder, boolean closeWhenDone) {
            this.rows = rows;
            this.encoder = encoder;
            this.closeWhenDone = closeWhenDone;
        }

        @Override
        public boolean hasNext() {
            if (next < batch.size() * granularities.size()) {
                return true;
            }
            if (!rows.hasNext()) {
                if (closeWhenDone) {
                    encoder.close();
                }
                return false;
            }
            List<Row> read = new ArrayList<>(Math.min(window, 4096));
            List<String> texts = new ArrayList<>(Math.min(window, 4096));
            while (rows.hasNext() && read.size() < window) {
                Row row = rows.next();
                read.add(row);
                texts.add(row.getString(1));
            }
            Map<Granularity, float[][]> encoded = encoder.encode(texts);
            vectors = new ArrayList<>(granularities.size());
            for (Granularity granularity : granularities) {
                vectors.add(encoded.get(granularity));
            }
            batch = read;
            next = 0;
            publish();
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int row = next / granularities.size();
            int which = next % granularities.size();
            next++;
            Granularity granularity = granularities.get(which);
            float[] vector = vectors.get(which)[row];
            vectors.get(which)[row] = null;
            return RowFactory.create(batch.get(row).getString(0), spec.name(), granularity.layer(), granularity.dim(),
                    pooling.configName(), vector, runId);
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
