package io.winnow.dedup.semantic;

import io.winnow.core.vector.VectorMath;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One (earlier block, later block) pair of a cluster: for every item j of the later block, the highest cosine to
 * an item i of the earlier block that comes before j in the cluster order (rank_i &lt; rank_j), and which i.
 * Input rows: {@code a_items, b_items}, each an array of struct(rank long, id string, vec array&lt;float&gt;) of
 * unit vectors. Items without an earlier item in the block give no row.
 */
final class BlockPairFunction implements FlatMapFunction<Row, Row> {
    static final StructType OUTPUT = new StructType()
            .add("doc_id", DataTypes.StringType, false)
            .add("sim", DataTypes.DoubleType, false)
            .add("nearest_rank", DataTypes.LongType, false)
            .add("nearest_doc_id", DataTypes.StringType, false);

    private record Item(long rank, String id, float[] vector) {}

    @Override
    public Iterator<Row> call(Row pair) {
        List<Item> earlier = items(pair.getList(0));
        List<Item> later = items(pair.getList(1));
        List<Row> out = new ArrayList<>(later.size());
        for (Item j : later) {
            double best = Double.NEGATIVE_INFINITY;
            Item nearest = null;
            for (Item i : earlier) {
                if (i.rank() >= j.rank()) {
                    continue;
                }
                double sim = VectorMath.dot(i.vector(), j.vector());
                if (sim > best || (sim == best && i.rank() < nearest.rank())) {
                    best = sim;
                    nearest = i;
                }
            }
            if (nearest != null) {
                out.add(RowFactory.create(j.id(), best, nearest.rank(), nearest.id()));
            }
        }
        return out.iterator();
    }

    private static List<Item> items(List<Row> rows) {
        List<Item> items = new ArrayList<>(rows.size());
        for (Row row : rows) {
            List<Object> values = row.getList(2);
            float[] vector = new float[values.size()];
            for (int k = 0; k < vector.length; k++) {
                vector[k] = ((Number) values.get(k)).floatValue();
            }
            items.add(new Item(row.getLong(0), row.getString(1), vector));
        }
        return items;
    }
}
