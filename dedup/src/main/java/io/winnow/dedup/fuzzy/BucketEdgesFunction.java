package io.winnow.dedup.fuzzy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import scala.Tuple2;

/**
 * Candidate edges of one bucket, each as (larger node, smaller node): every pair while the bucket
 * has at most {@code pairwiseLimit} members, else each member to the bucket's two anchors (its
 * smallest and largest node), which keeps a giant boilerplate bucket linear.
 */
final class BucketEdgesFunction implements FlatMapFunction<LshBucket, Tuple2<Long, Long>> {
    private static final long serialVersionUID = 1L;

    private final int pairwiseLimit;

    BucketEdgesFunction(int pairwiseLimit) {
        this.pairwiseLimit = pairwiseLimit;
    }

    @Override
    public Iterator<Tuple2<Long, Long>> call(LshBucket bucket) {
        long[] members = bucket.getMembers(); // ascending
        List<Tuple2<Long, Long>> edges = new ArrayList<>();
        if (members.length <= pairwiseLimit) {
            for (int big = 1; big < members.length; big++) {
                for (int small = 0; small < big; small++) {
                    edges.add(new Tuple2<>(members[big], members[small]));
                }
            }
        } else {
            long low = members[0];
            long high = members[members.length - 1];
            for (int i = 1; i < members.length; i++) {
                edges.add(new Tuple2<>(members[i], low));
            }
            for (int i = 0; i < members.length - 1; i++) {
                edges.add(new Tuple2<>(high, members[i]));
            }
        }
        return edges.iterator();
    }
}
