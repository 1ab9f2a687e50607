package io.winnow.selection.rds;

import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.Granularity;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.TextEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Reads every target task's query examples and embeds them on the driver (a few hundred texts) the way the pool
 * is embedded: Tulu format with the answer, position-weighted mean of the final layer, full width, unit length.
 */
final class QueryEmbeddings {
    private QueryEmbeddings() {}

    static QueryMatrix encode(SparkSession spark, SelectConfig config, ModelSpec model, Granularity finalLayer,
            EncoderOptions options) {
        Map<String, List<QueryExample>> examples = new LinkedHashMap<>();
        for (NamedPath task : config.tasks()) {
            examples.put(task.name(), TaskQueryReader.read(spark, task, config.maxQueriesPerTask(), config.seed()));
        }
        int threads = config.intraOpThreads() > 0 ? config.intraOpThreads()
                : Math.max(1, Runtime.getRuntime().availableProcessors());
        EncoderOptions driverOptions = options.withThreads(threads).withGranularities(List.of(finalLayer));
        Map<String, List<float[]>> vectors = new LinkedHashMap<>();
        try (TextEncoder encoder = TextEncoder.open(model, driverOptions)) {
            for (Map.Entry<String, List<QueryExample>> task : examples.entrySet()) {
                List<String> texts = task.getValue().stream().map(QueryExample::text).toList();
                float[][] encoded = encoder.encode(texts);
                List<float[]> rows = new ArrayList<>(List.of(encoded));
                vectors.put(task.getKey(), rows);
            }
        }
        return new QueryMatrix(vectors);
    }
}
