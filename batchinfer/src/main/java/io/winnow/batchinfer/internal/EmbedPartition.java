package io.winnow.batchinfer.internal;

import static java.util.Objects.requireNonNull;

import io.winnow.batchinfer.DeviceMode;
import io.winnow.batchinfer.DevicePlacement;
import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.TextEncoder;
import io.winnow.batchinfer.partition.EncodingCounters;
import io.winnow.batchinfer.partition.WindowedEncoding;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The executor side of the {@code infer} stage: rows {@code (doc_id, text)} in, rows of
 * {@code InferJob.OUTPUT_SCHEMA} out, in input order. The task opens one {@link TextEncoder} (the model
 * comes from the per-JVM cache) on the device its resources name and encodes windows of up to
 * {@code sortWindow} rows with token-budget batching ({@link WindowedEncoding}).
 */
public final class EmbedPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final ModelSpec spec;
    private final int tokenBudget;
    private final int maxBatchSize;
    private final boolean sortByLength;
    private final int sortWindow;
    private final int configuredThreads;
    private final DeviceMode deviceMode;
    private final String runId;
    private final EncodingCounters counters;

    public EmbedPartition(ModelSpec spec, int tokenBudget, int maxBatchSize, boolean sortByLength, int sortWindow,
            int configuredThreads, DeviceMode deviceMode, String runId, EncodingCounters counters) {
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
        return WindowedEncoding.over(rows, sortWindow, this::openEncoder, this::encode, counters);
    }

    private TextEncoder openEncoder() {
        TaskContext task = TaskContext.get();
        Map<String, ResourceInformation> resources = task == null ? Map.of() : CollectionConverters.asJava(task.resources());
        int gpu = DevicePlacement.choose(resources, deviceMode);
        int threads = DevicePlacement.intraOpThreads(configuredThreads, task == null ? 1 : task.cpus());
        return TextEncoder.open(spec, new EncoderOptions(tokenBudget, maxBatchSize, sortByLength, threads, deviceMode, gpu,
                List.of()));
    }

    private List<Row> encode(TextEncoder encoder, List<Row> window) {
        List<String> texts = new ArrayList<>(window.size());
        window.forEach(row -> texts.add(row.getString(1)));
        float[][] vectors = encoder.encode(texts);
        List<Row> out = new ArrayList<>(window.size());
        for (int i = 0; i < window.size(); i++) {
            out.add(RowFactory.create(window.get(i).getString(0), vectors[i], vectors[i].length, spec.name(),
                    spec.precision().configName(), runId));
        }
        return out;
    }
}
