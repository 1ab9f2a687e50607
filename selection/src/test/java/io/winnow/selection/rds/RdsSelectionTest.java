package io.winnow.selection.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.winnow.core.testing.TestSpark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * A hand-checked case in two dimensions. Task a's queries are (1,0) and (0,1); task b's is (0.6,0.8).
 * <pre>
 * item  vector       a = max cos   b = cos
 * i1    (1, 0)       1.0           0.6
 * i2    (0, 1)       1.0           0.8
 * i3    (0.6, 0.8)   0.8           1.0
 * i4    (0.8, 0.6)   0.8           0.96
 * i5    (-1, 0)      0.0          -0.6
 * </pre>
 */
class RdsSelectionTest {
    private final SparkSession spark = TestSpark.session();

    private static QueryMatrix queries() {
        Map<String, List<float[]>> byTask = new LinkedHashMap<>();
        byTask.put("a", List.of(new float[] {1f, 0f}, new float[] {0f, 1f}));
        byTask.put("b", List.of(new float[] {0.6f, 0.8f}));
        return new QueryMatrix(byTask);
    }

    private Dataset<Row> items(int partitions) {
        List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create("i5", new float[] {-1f, 0f}));
        rows.add(RowFactory.create("i2", new float[] {0f, 1f}));
        rows.add(RowFactory.create("i4", new float[] {0.8f, 0.6f}));
        rows.add(RowFactory.create("i1", new float[] {1f, 0f}));
        rows.add(RowFactory.create("i3", new float[] {0.6f, 0.8f}));
        StructType schema = new StructType().add("item_id", DataTypes.StringType)
                .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false));
        return spark.createDataFrame(rows, schema).repartition(partitions);
    }

    @Test
    void everyTaskRanksItemsByTheMaxCosineOverItsQueriesWithTiesBrokenByItemId() {
        Map<String, List<RankedItem>> ranked = RdsSelection.topPerTask(items(3), queries(), 5);

        assertThat(ranked.keySet()).containsExactly("a", "b");
        assertThat(ranked.get("a")).extracting(RankedItem::itemId).containsExactly("i1", "i2", "i3", "i4", "i5");
        assertThat(ranked.get("a")).extracting(RankedItem::score).satisfiesExactly(
                s -> assertThat(s).isEqualTo(1.0), s -> assertThat(s).isEqualTo(1.0),
                s -> assertThat(s).isCloseTo(0.8, within(1e-6)), s -> assertThat(s).isCloseTo(0.8, within(1e-6)),
                s -> assertThat(s).isEqualTo(0.0));
        assertThat(ranked.get("b")).extracting(RankedItem::itemId).containsExactly("i3", "i4", "i2", "i1", "i5");
        assertThat(ranked.get("b").get(1).score()).isCloseTo(0.96, within(1e-6));
    }

    @Test
    void thePerPartitionTopKMergeIsExactWhateverThePartitioning() {
        for (int partitions : new int[] {1, 2, 5}) {
            Map<String, List<RankedItem>> top = RdsSelection.topPerTask(items(partitions), queries(), 2);

            assertThat(top.get("a")).extracting(RankedItem::itemId).as("%s partitions", partitions).containsExactly("i1", "i2");
            assertThat(top.get("b")).extracting(RankedItem::itemId).as("%s partitions", partitions).containsExactly("i3", "i4");
        }
    }

    @Test
    void roundRobinOverTheTopKListsSelectsTheBudgetAndMarksWhichTaskPickedEachItem() {
        Map<String, List<RankedItem>> ranked = RdsSelection.topPerTask(items(2), queries(), 3);

        List<SelectionRow> rows = RdsSelection.rows(ranked, 3);

        // a: i1 i2 i3; b: i3 i4 i2. Turns: a takes i1, b takes i3, a takes i2.
        assertThat(rows).hasSize(6);
        assertThat(rows.stream().filter(SelectionRow::selected)
                .sorted(java.util.Comparator.comparing(SelectionRow::selectionOrder)).toList())
                .extracting(SelectionRow::itemId, SelectionRow::task, SelectionRow::rank, SelectionRow::selectionOrder)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("i1", "a", 1, 1),
                        org.assertj.core.groups.Tuple.tuple("i3", "b", 1, 2),
                        org.assertj.core.groups.Tuple.tuple("i2", "a", 2, 3));
        // i2 is also on b's list, not selected there: it counts once.
        assertThat(rows).filteredOn(row -> row.itemId().equals("i2") && row.task().equals("b"))
                .singleElement().extracting(SelectionRow::selected).isEqualTo(false);
    }
}
