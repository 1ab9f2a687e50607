package io.winnow.selection.rds;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * RDS+ on the executors: the query matrix is broadcast, each pool partition keeps its best {@code budget} items per
 * task ({@link TopKPartition}), the union of those is ranked again per task (exact global top-{@code budget}, ties
 * by item id) and only those {@code tasks x budget} rows reach the driver, where {@link RoundRobinSelector} makes
 * the selection. The pool's vectors never leave the executors.
 */
final class RdsSelection {
    private RdsSelection() {}

    /** Every task's best {@code budget} items, best first, in the matrix's task order. */
    static Map<String, List<RankedItem>> topPerTask(Dataset<Row> vectors, QueryMatrix queries, int budget) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(vectors.sparkSession().sparkContext());
        Broadcast<QueryMatrix> broadcast = context.broadcast(queries);
        try {
            Dataset<Row> candidates = vectors.mapPartitions(new TopKPartition(broadcast, budget),
                    Encoders.row(SelectTables.CANDIDATE_SCHEMA));
            List<Row> best = candidates
                    .withColumn("rank", row_number().over(Window.partitionBy("task")
                            .orderBy(col("score").desc(), col("item_id").asc())))
                    .where(col("rank").leq(budget))
                    .orderBy(col("task"), col("rank"))
                    .collectAsList();
            Map<String, List<RankedItem>> ranked = new LinkedHashMap<>();
            queries.tasks().forEach(task -> ranked.put(task, new ArrayList<>()));
            for (Row row : best) {
                ranked.get(row.getString(0)).add(new RankedItem(row.getString(1), row.getDouble(2)));
            }
            return ranked;
        } finally {
            broadcast.destroy();
        }
    }

    /** The selection rows: every task's ranked items, the picked ones with their selection order. */
    static List<SelectionRow> rows(Map<String, List<RankedItem>> ranked, int budget) {
        List<RoundRobinSelector.Pick> picks = RoundRobinSelector.select(ranked, budget);
        Map<String, Integer> orderByTaskItem = new HashMap<>();
        for (RoundRobinSelector.Pick pick : picks) {
            orderByTaskItem.put(pick.task() + "\n" + pick.itemId(), pick.order());
        }
        List<SelectionRow> rows = new ArrayList<>();
        ranked.forEach((task, items) -> {
            for (int i = 0; i < items.size(); i++) {
                RankedItem item = items.get(i);
                rows.add(new SelectionRow(item.itemId(), task, item.score(), i + 1,
                        orderByTaskItem.get(task + "\n" + item.itemId()), SelectionMethod.RDS));
            }
        });
        return rows;
    }
}
