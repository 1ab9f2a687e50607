package io.winnow.dedup.semantic;

import static java.util.Objects.requireNonNull;

import io.winnow.core.vector.AdaptiveRetrieval;
import io.winnow.core.vector.VectorMath;
import java.util.ArrayList;
import java.util.Comparator;
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
 * unit vectors. Items without an earlier item in the block give no row. With an {@link AdaptiveShortlist} the
 * maximum is taken over the low-dimension shortlist ({@link AdaptiveRetrieval}) instead of over every pair.
 */
final class BlockPairFunction implements FlatMapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    static final StructType OUTPUT = new StructType()
            .add("doc_id", DataTypes.StringType, false)
            .add("sim", DataTypes.DoubleType, false)
            .add("nearest_rank", DataTypes.LongType, false)
            .add("nearest_doc_id", DataTypes.StringType, false);

    private record Item(long rank, String id, float[] vector) {}

    private final AdaptiveShortlist adaptive;

    BlockPairFunction(AdaptiveShortlist adaptive) {
        this.adaptive = requireNonNull(adaptive, "adaptive is null");
    }

    @Override
    public Iterator<Row> call(Row pair) {
        List<Item> earlier = items(pair.getList(0));
        List<Item> later = items(pair.getList(1));
        earlier.sort(Comparator.comparingLong(Item::rank));
        boolean shortlist = adaptive.enabled() && !earlier.isEmpty() && adaptive.lowDim() < earlier.get(0).vector().length;
        return (shortlist ? adaptiveMatches(earlier, later) : exactMatches(earlier, later)).iterator();
    }

    private static List<Row> exactMatches(List<Item> earlier, List<Item> later) {
        List<Row> out = new ArrayList<>(later.size());
        for (Item j : later) {
            double best = Double.NEGATIVE_INFINITY;
            Item nearest = null;
            for (Item i : earlier) {
                if (i.rank() >= j.rank()) {
                    break; // sorted by rank: no earlier item follows
                }
                double sim = VectorMath.dot(i.vector(), j.vector());
                if (sim > best) { // ascending rank: on ties the lower rank stays
                    best = sim;
                    nearest = i;
                }
            }
            if (nearest != null) {
                out.add(RowFactory.create(j.id(), best, nearest.rank(), nearest.id()));
            }
        }
        return out;
    }

    private List<Row> adaptiveMatches(List<Item> earlier, List<Item> later) {
        float[][] matrix = new float[earlier.size()][];
        long[] ranks = new long[earlier.size()];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = earlier.get(i).vector();
            ranks[i] = earlier.get(i).rank();
        }
        AdaptiveRetrieval index = AdaptiveRetrieval.of(matrix);
        List<Row> out = new ArrayList<>(later.size());
        for (Item j : later) {
            int before = countBelow(ranks, j.rank());
            if (before == 0) {
                continue;
            }
            AdaptiveRetrieval.Neighbors found = index.search(j.vector(), 1, adaptive.lowDim(),
                    Math.min(adaptive.size(), before), index.dim(), before);
            Item nearest = earlier.get(found.ids()[0]);
            out.add(RowFactory.create(j.id(), (double) found.scores()[0], nearest.rank(), nearest.id()));
        }
        return out;
    }

    /** How many of the ascending {@code ranks} are below {@code rank}. */
    private static int countBelow(long[] ranks, long rank) {
        int low = 0;
        int high = ranks.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ranks[middle] < rank) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
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
