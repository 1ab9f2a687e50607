package io.winnow.dedup.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class BucketScanFunctionTest {

    @Test
    void sharedBucketsAreExactlyTheKeysWithTwoOrMoreRowsWithMembersAscending() {
        SplittableRandom random = new SplittableRandom(5);
        int size = 50_000;
        long[] buckets = new long[size];
        long[] nodes = new long[size];
        Map<Long, List<Long>> expected = new TreeMap<>();
        for (int row = 0; row < size; row++) {
            // Mostly singletons, some shared keys, a few extreme values (0 and the long limits are valid keys).
            long key = row % 10 == 0 ? random.nextInt(500) : random.nextLong();
            if (row % 997 == 0) {
                key = row % 2 == 0 ? Long.MIN_VALUE : 0L;
            }
            buckets[row] = key;
            nodes[row] = random.nextLong(1_000_000);
            expected.computeIfAbsent(key, k -> new ArrayList<>()).add(nodes[row]);
        }
        Map<Long, List<Long>> shared = new TreeMap<>();
        expected.forEach((key, members) -> {
            if (members.size() > 1) {
                shared.put(key, members.stream().sorted().toList());
            }
        });

        List<LshBucket> found = BucketScanFunction.shared(buckets, nodes, size);

        assertThat(found).hasSize(shared.size());
        Set<List<Long>> foundMembers = found.stream()
                .map(bucket -> Arrays.stream(bucket.getMembers()).boxed().toList())
                .collect(Collectors.toSet());
        assertThat(foundMembers).isEqualTo(new HashSet<>(shared.values()));
    }

    @Test
    void smallBucketsLinkEveryPairAndGiantBucketsLinkMembersToTheirTwoAnchors() {
        Set<Tuple2<Long, Long>> pairs = edges(new BucketEdgesFunction(3), 4, 7, 9);
        assertThat(pairs).containsExactlyInAnyOrder(new Tuple2<>(7L, 4L), new Tuple2<>(9L, 4L), new Tuple2<>(9L, 7L));

        Set<Tuple2<Long, Long>> star = edges(new BucketEdgesFunction(3), 1, 2, 3, 4, 5);
        assertThat(star).containsExactlyInAnyOrder(
                new Tuple2<>(2L, 1L), new Tuple2<>(3L, 1L), new Tuple2<>(4L, 1L), new Tuple2<>(5L, 1L),
                new Tuple2<>(5L, 2L), new Tuple2<>(5L, 3L), new Tuple2<>(5L, 4L));
        assertThat(star).allSatisfy(edge -> assertThat(edge._1()).isGreaterThan(edge._2()));
    }

    private static Set<Tuple2<Long, Long>> edges(BucketEdgesFunction function, long... members) {
        Set<Tuple2<Long, Long>> edges = new HashSet<>();
        function.call(new LshBucket(members)).forEachRemaining(edges::add);
        return edges;
    }
}
