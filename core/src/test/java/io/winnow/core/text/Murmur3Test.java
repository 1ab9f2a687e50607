package io.winnow.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Murmur3Test {
    @Test
    void matchesGuavasMurmur3For128BitsAtEveryTailLength() {
        Random random = new Random(7);
        for (int length = 0; length <= 67; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            // Non-negative seeds only: Guava sign-extends a negative int seed, the reference C code (uint32_t) does not.
            for (int seed : new int[] {0, 42, Integer.MAX_VALUE}) {
                @SuppressWarnings("deprecation")
                HashCode expected = Hashing.murmur3_128(seed).hashBytes(data);
                long[] actual = Murmur3.hash128(data, seed);
                assertThat(actual[0]).as("h1 length %d seed %d", length, seed).isEqualTo(expected.asLong());
                assertThat(toBytes(actual)).as("bytes length %d seed %d", length, seed).isEqualTo(expected.asBytes());
            }
        }
    }

    @Test
    void hexOfTextIsGuavasHexOfTheUtf8Bytes() {
        String text = "Grüße aus Köln — 日本語";
        @SuppressWarnings("deprecation")
        String expected = Hashing.murmur3_128().hashBytes(text.getBytes(StandardCharsets.UTF_8)).toString();
        assertThat(Murmur3.hex128(text)).isEqualTo(expected).hasSize(32);
        assertThat(Murmur3.hex64(text)).isEqualTo(expected.substring(0, 16));
    }

    private static byte[] toBytes(long[] hash) {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (hash[0] >>> (8 * i));
            out[8 + i] = (byte) (hash[1] >>> (8 * i));
        }
        return out;
    }
}
