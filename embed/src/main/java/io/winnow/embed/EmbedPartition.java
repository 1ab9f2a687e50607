package io.winnow.embed;

import static java.util.Objects.requireNonNull;

import io.winnow.batchinfer.DevicePlacement;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.partition.EncodingCounters;
import io.winnow.batchinfer.partition.WindowedEncoding;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The executor side of the {@code embed} stage: rows {@code (doc_id, text)} in, one row of
 * {@link EmbedJob#OUTPUT_SCHEMA} per (document, granularity) out. The task opens one {@link MatryoshkaEncoder}
 * (the cut graph's session comes from the per-JVM {@link SessionCache}) and encodes windows of rows with
 * token-budget batching ({@link WindowedEncoding}), one forward pass per batch for all granularities.
 */
public final class EmbedPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final ModelSpec spec;
    private final LayerPooling pooling;
    private final List<Granularity> granularities;
    private final MatryoshkaEncoder.Options options;
    private final int configuredThreads;
    private final int window;
    private final String runId;
    private final EncodingCounters counters;

    public EmbedPartition(ModelSpec spec, LayerPooling pooling, List<Granularity> granularities,
            MatryoshkaEncoder.Options options, int configuredThreads, int window, String runId, EncodingCounters counters) {
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
        return WindowedEncoding.over(rows, window, this::openEncoder, this::encode, counters);
    }

    private MatryoshkaEncoder openEncoder() {
        TaskContext task = TaskContext.get();
        int threads = DevicePlacement.intraOpThreads(configuredThreads, task == null ? 1 : task.cpus());
        return MatryoshkaEncoder.open(spec, pooling, granularities,
                new MatryoshkaEncoder.Options(options.tokenBudget(), options.maxBatchSize(), threads, options.graphCache()));
    }

    private List<Row> encode(MatryoshkaEncoder encoder, List<Row> rows) {
        List<String> texts = new ArrayList<>(rows.size());
        rows.forEach(row -> texts.add(row.getString(1)));
        Map<Granularity, float[][]> encoded = encoder.encode(texts);
        List<Row> out = new ArrayList<>(rows.size() * granularities.size());
        for (int i = 0; i < rows.size(); i++) {
            String docId = rows.get(i).getString(0);
            for (Granularity granularity : granularities) {
                out.add(RowFactory.create(docId, spec.name(), granularity.layer(), granularity.dim(),
                        pooling.configName(), encoded.get(granularity)[i], runId));
            }
        }
        return out;
    }
}
