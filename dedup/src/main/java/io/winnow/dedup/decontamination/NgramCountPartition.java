package io.winnow.dedup.decontamination;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * First pass: occurrences of each task n-gram in a partition of texts, pre-aggregated per partition
 * so only (hash, count) pairs of n-grams that occur at all are shuffled.
 */
final class NgramCountPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<TaskNgrams> taskNgrams;

    NgramCountPartition(Broadcast<TaskNgrams> taskNgrams) {
        this.taskNgrams = taskNgrams;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> texts) {
        TaskNgrams ngrams = taskNgrams.value();
        Map<Long, Long> counts = new HashMap<>();
        while (texts.hasNext()) {
            DocumentDecontaminator.countMatches(ngrams, texts.next().getString(0), counts);
        }
        return counts.entrySet().stream().map(entry -> RowFactory.create(entry.getKey(), entry.getValue())).iterator();
    }
}
