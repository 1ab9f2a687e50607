package io.winnow.dedup.fuzzy;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Distributed connected components by alternating large-star and small-star (Kiveris, Lattanzi,
 * Mirrokni, Rastogi, Vassilvitskii, "Connected Components in MapReduce and Beyond", SoCC 2014),
 * which converges in O(log n) rounds to one star per component centred on its smallest node.
 * Every step is a Spark aggregation and join; nothing is collected to the driver. Each round's
 * edges are cached and its query plan is cut (so plans do not grow round after round), but the
 * RDD lineage is kept: when an executor and its cached blocks are lost, Spark recomputes them.
 * (An eager local checkpoint, used before, cuts the lineage too, and the job then fails with
 * CHECKPOINT_RDD_BLOCK_ID_NOT_FOUND; StandaloneClusterIT kills an executor here to check.)
 */
public final class ConnectedComponents {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectedComponents.class);

    /**
     * Nodes with their component label (the smallest node id in the component), the rounds used,
     * and the cached edge sets behind the labels: {@link #unpersist()} them once the labels are used.
     */
    public record Result(Dataset<Row> labels, int rounds, List<Dataset<Row>> cached) {
        public Result {
            requireNonNull(labels, "labels is null");
            cached = List.copyOf(requireNonNull(cached, "cached is null"));
        }

        public void unpersist() {
            cached.forEach(Dataset::unpersist);
        }
    }

    private ConnectedComponents() {}

    /**
     * @param edges columns {@code src, dst} (long), undirected; self-loops and duplicates allowed
     * @return labels with columns {@code node, component} for every node that has an edge
     */
    public static Result compute(Dataset<Row> edges, int maxRounds) {
        Dataset<Row> current = cachedWithShortPlan(orient(edges));
        int round = 0;
        while (true) {
            round++;
            Dataset<Row> next = cachedWithShortPlan(smallStar(largeStar(current)));
            long changed = symmetricDifference(next, current);
            LOG.info("Connected components round {}: {} edges changed", round, changed);
            // Dropping the previous round's cache is safe: its blocks are recomputed from lineage if needed.
            current.unpersist();
            current = next;
            if (changed == 0) {
                break;
            }
            if (round >= maxRounds) {
                throw new IllegalStateException("Connected components did not converge in " + maxRounds
                        + " rounds; raise fuzzy-dedup.max-iterations (large-star/small-star needs O(log n) rounds)");
            }
        }
        // Converged: every edge is (node, centre) with centre the component's minimum.
        Dataset<Row> members = current.select(col("big").as("node"), col("small").as("component"));
        Dataset<Row> centres = current.select(col("small").as("node"), col("small").as("component"));
        return new Result(members.unionByName(centres).distinct(), round, List.of(current));
    }

    /**
     * The rows cached (memory, spilling to disk) and materialised, behind a fresh logical plan over
     * the same RDD: later rounds plan against a leaf instead of every earlier round, while the RDD
     * keeps its lineage for recovery.
     */
    static Dataset<Row> cachedWithShortPlan(Dataset<Row> rows) {
        SparkSession spark = rows.sparkSession();
        Dataset<Row> cached = spark.createDataFrame(rows.rdd(), rows.schema()).persist(StorageLevel.MEMORY_AND_DISK());
        cached.count();
        return cached;
    }

    /** Edges in exactly one of two distinct edge sets, in one join (two exceptAll counts would be two jobs). */
    static long symmetricDifference(Dataset<Row> a, Dataset<Row> b) {
        scala.collection.immutable.Seq<String> key = scala.jdk.javaapi.CollectionConverters
                .asScala(java.util.List.of("big", "small")).toList();
        return a.withColumn("__in_a", lit(true))
                .join(b.withColumn("__in_b", lit(true)), key, "full_outer")
                .where(col("__in_a").isNull().or(col("__in_b").isNull()))
                .count();
    }

    /** Undirected edges as distinct (big, small) pairs without self-loops. */
    static Dataset<Row> orient(Dataset<Row> edges) {
        return edges.where(col("src").notEqual(col("dst")))
                .select(greatest(col("src"), col("dst")).as("big"), least(col("src"), col("dst")).as("small"))
                .distinct();
    }

    /** For each node u, link every larger neighbour v to m(u) = min of u's closed neighbourhood. */
    static Dataset<Row> largeStar(Dataset<Row> oriented) {
        Dataset<Row> both = oriented.select(col("big").as("u"), col("small").as("v"))
                .unionByName(oriented.select(col("small").as("u"), col("big").as("v")));
        Dataset<Row> minimum = both.groupBy("u").agg(min("v").as("mv"))
                .select(col("u"), least(col("u"), col("mv")).as("m"));
        return both.join(minimum, "u")
                .where(col("v").gt(col("u")))
                .select(col("v").as("src"), col("m").as("dst"))
                .transform(ConnectedComponents::orient);
    }

    /** For each node u, link u and its smaller neighbours to the smallest of them. */
    static Dataset<Row> smallStar(Dataset<Row> oriented) {
        Dataset<Row> minimum = oriented.groupBy("big").agg(min("small").as("m"));
        Dataset<Row> neighbours = oriented.join(minimum, "big").select(col("small").as("src"), col("m").as("dst"));
        Dataset<Row> self = minimum.select(col("big").as("src"), col("m").as("dst"));
        return neighbours.unionByName(self).transform(ConnectedComponents::orient);
    }
}
