package io.winnow.embed;

import static java.util.Objects.requireNonNull;

import io.winnow.batchinfer.DevicePlacement;
import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.Granularity;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.TextEncoder;
import org.apache.spark.resource.ResourceInformation;
import scala.jdk.javaapi.CollectionConverters;
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
 * {@link EmbedJob#OUTPUT_SCHEMA} per (document, granularity) out. The task opens one {@link TextEncoder}
 * (the cut graph's session comes from the per-JVM session cache) and encodes windows of rows with
 * token-budget batching ({@link WindowedEncoding}), one forward pass per batch for all granularities.
 */
public final class EmbedPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final ModelSpec spec;
    private final List<Granularity> granularities;
    private final EncoderOptions options;
    private final int configuredThreads;
    private final int window;
    private final String runId;
    private final EncodingCounters counters;

    /** {@code options} carry the batching, device mode and granularities; threads and GPU are set per task. */
    public EmbedPartition(ModelSpec spec, EncoderOptions options, int configuredThreads, int window, String runId,
            EncodingCounters counters) {
        this.spec = requireNonNull(spec, "spec is null");
        this.granularities = List.copyOf(options.granularities());
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

    private TextEncoder openEncoder() {
        TaskContext task = TaskContext.get();
        Map<String, ResourceInformation> resources = task == null ? Map.of() : CollectionConverters.asJava(task.resources());
        int gpu = DevicePlacement.choose(resources, options.device());
        int threads = DevicePlacement.intraOpThreads(configuredThreads, task == null ? 1 : task.cpus());
        return TextEncoder.open(spec, options.withThreads(threads).withDevice(options.device(), gpu));
    }

    private List<Row> encode(TextEncoder encoder, List<Row> rows) {
        List<String> texts = new ArrayList<>(rows.size());
        rows.forEach(row -> texts.add(row.getString(1)));
        Map<Granularity, float[][]> encoded = encoder.encodeGranularities(texts);
        List<Row> out = new ArrayList<>(rows.size() * granularities.size());
        for (int i = 0; i < rows.size(); i++) {
            String docId = rows.get(i).getString(0);
            for (Granularity granularity : granularities) {
                out.add(RowFactory.create(docId, spec.name(), granularity.layer(), granularity.dim(),
                        spec.pooling().configName(), encoded.get(granularity)[i], runId));
            }
        }
        return out;
    }
}
