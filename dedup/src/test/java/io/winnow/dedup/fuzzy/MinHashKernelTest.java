package io.winnow.dedup.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MinHashKernelTest {

    @Test
    void theTestJvmRunsTheVectorKernelLikeBinWinnowDoes() {
        // The surefire argLine carries --add-modules jdk.incubator.vector, as bin/lib/spark-java-options.sh does.
        assertThat(MinHashKernels.vector()).as("Vector API kernel loadable").isPresent();
        assertThat(MinHasher.kernel()).isEqualTo(MinHashKernels.fastest().toString());
    }

    @Test
    void vectorAndScalarKernelsGiveIdenticalSignaturesOnRealText() {
        MinHashKernel vector = MinHashKernels.vector().orElseThrow();
        // 260 permutations is not a multiple of the vector width: the remainder lanes are exercised too.
        for (int numHashes : new int[] {260, 128, 7}) {
            MinHasher hasher = new MinHasher(ShingleType.CHAR, 24, numHashes, 42);
            List<String> documents = PlantedCorpus.c4Documents(20, 1500);
            for (String document : documents) {
                int count = hasher.shingleHashes(document.toLowerCase());
                assertThat(signature(vector, hasher, count)).as("%d hashes, %d shingles", numHashes, count)
                        .isEqualTo(signature(ScalarMinHashKernel.INSTANCE, hasher, count));
            }
        }
    }

    @Test
    void kernelsAgreeOnEveryShingleCountIncludingRemaindersAndExtremeValues() {
        MinHashKernel vector = MinHashKernels.vector().orElseThrow();
        MinHasher hasher = new MinHasher(ShingleType.CHAR, 5, 37, 3);
        SplittableRandom random = new SplittableRandom(11);
        for (int count = 1; count <= 13; count++) {
            long[] hashes = random.longs(count).toArray();
            hashes[0] = count % 2 == 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
            long[] scalar = fold(ScalarMinHashKernel.INSTANCE, hasher, hashes);
            assertThat(fold(vector, hasher, hashes)).as("%d shingles", count).isEqualTo(scalar);
            // Every position is the signed minimum of its permuted values.
            for (int j = 0; j < scalar.length; j++) {
                long expected = Long.MAX_VALUE;
                for (long x : hashes) {
                    expected = Math.min(expected, hasher.multipliers()[j] * x + hasher.increments()[j]);
                }
                assertThat(scalar[j]).isEqualTo(expected);
            }
        }
    }

    private static long[] signature(MinHashKernel kernel, MinHasher hasher, int count) {
        return fold(kernel, hasher, Arrays.copyOf(hasher.shingleHashBuffer(), count));
    }

    private static long[] fold(MinHashKernel kernel, MinHasher hasher, long[] hashes) {
        long[] signature = new long[hasher.numHashes()];
        Arrays.fill(signature, Long.MAX_VALUE);
        kernel.permuteAndMin(hasher.multipliers(), hasher.increments(), hashes, hashes.length, signature);
        return signature;
    }
}
