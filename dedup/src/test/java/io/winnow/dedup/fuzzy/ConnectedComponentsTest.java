package io.winnow.dedup.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import io.winnow.core.testing.TestSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {
    private static final StructType EDGES = new StructType().add("src", DataTypes.LongType).add("dst", DataTypes.LongType);
    private final SparkSession spark = TestSpark.session();

    private ConnectedComponents.Result run(List<long[]> edges) {
        List<Row> rows = new ArrayList<>();
        edges.forEach(e -> rows.add(RowFactory.create(e[0], e[1])));
        Dataset<Row> frame = spark.createDataFrame(rows, EDGES).repartition(3);
        return ConnectedComponents.compute(frame, 40);
    }

    private static Map<Long, Long> labels(ConnectedComponents.Result result) {
        Map<Long, Long> labels = new HashMap<>();
        result.labels().collectAsList().forEach(r -> labels.put(r.getLong(0), r.getLong(1)));
        return labels;
    }

    /** Plain union-find: every node labelled with the smallest node of its component. */
    private static Map<Long, Long> expected(List<long[]> edges) {
        Map<Long, Long> parent = new HashMap<>();
        for (long[] e : edges) {
            parent.putIfAbsent(e[0], e[0]);
            parent.putIfAbsent(e[1], e[1]);
            long a = find(parent, e[0]);
            long b = find(parent, e[1]);
            parent.put(Math.max(a, b), Math.min(a, b));
        }
        Map<Long, Long> out = new HashMap<>();
        parent.keySet().forEach(n -> out.put(n, find(parent, n)));
        return out;
    }

    private static long find(Map<Long, Long> parent, long node) {
        long current = node;
        while (parent.get(current) != current) {
            current = parent.get(current);
        }
        return current;
    }

    @Test
    void randomSparseGraphsGetTheSameComponentsAsUnionFind() {
        Random random = new Random(5);
        List<long[]> edges = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            edges.add(new long[] {random.nextInt(800), random.nextInt(800)});
        }
        edges.add(new long[] {5000, 5000});
        ConnectedComponents.Result result = run(edges);
        Map<Long, Long> expected = expected(edges);
        expected.remove(5000L); // a self-loop alone is no edge
        assertThat(labels(result)).isEqualTo(expected);
    }

    @Test
    void aLongPathConvergesInLogarithmicRounds() {
        List<long[]> edges = new ArrayList<>();
        // A path 0-1-...-511 with scrambled ids, the worst case for naive label propagation (511 rounds).
        long[] ids = new long[512];
        Random random = new Random(9);
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i * 7919L % 104729;
        }
        for (int i = ids.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long swap = ids[i];
            ids[i] = ids[j];
            ids[j] = swap;
        }
        for (int i = 0; i + 1 < ids.length; i++) {
            edges.add(new long[] {ids[i], ids[i + 1]});
        }
        ConnectedComponents.Result result = run(edges);
        assertThat(labels(result)).hasSize(512).containsOnlyKeys(expected(edges).keySet())
                .allSatisfy((node, label) -> assertThat(label).isZero());
        assertThat(result.rounds()).isLessThanOrEqualTo(2 * 10 + 2);
    }
}
