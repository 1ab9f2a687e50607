package io.winnow.selection.rds;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Blockwise RDS+ scoring on an executor: rows {@code (item_id, vector)} in; every item is scored against the
 * broadcast queries (per-task max cosine) and only the partition's best {@code k} items per task leave, as rows of
 * {@link SelectTables#CANDIDATE_SCHEMA}. The union of the partitions' top-k holds every task's global top-k, so
 * ranking the union again gives the exact global top-k (ties by item id).
 */
final class TopKPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<QueryMatrix> queries;
    private final int k;

    TopKPartition(Broadcast<QueryMatrix> queries, int k) {
        this.queries = requireNonNull(queries, "queries is null");
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        this.k = k;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        QueryMatrix matrix = queries.value();
        int taskCount = matrix.tasks().size();
        List<PriorityQueue<RankedItem>> best = new ArrayList<>(taskCount);
        for (int t = 0; t < taskCount; t++) {
            // Worst kept item at the head, so it is the one replaced.
            best.add(new PriorityQueue<>(Collections.reverseOrder(RankedItem.BEST_FIRST)));
        }
        double[] scores = new double[taskCount];
        while (rows.hasNext()) {
            Row row = rows.next();
            String itemId = row.getString(0);
            float[] vector = SelectTables.floats(row.getList(1));
            matrix.taskScores(vector, scores);
            for (int t = 0; t < taskCount; t++) {
                PriorityQueue<RankedItem> heap = best.get(t);
                RankedItem item = new RankedItem(itemId, scores[t]);
                if (heap.size() < k) {
                    heap.add(item);
                } else if (RankedItem.BEST_FIRST.compare(item, heap.peek()) < 0) {
                    heap.poll();
                    heap.add(item);
                }
            }
        }
        List<Row> out = new ArrayList<>();
        for (int t = 0; t < taskCount; t++) {
            for (RankedItem item : best.get(t)) {
                out.add(RowFactory.create(matrix.tasks().get(t), item.itemId(), item.score()));
            }
        }
        return out.iterator();
    }
}
