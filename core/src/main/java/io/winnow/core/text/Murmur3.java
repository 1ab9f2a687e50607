package io.winnow.core.text;

import java.nio.charset.StandardCharsets;

/**
 * MurmurHash3 x64 128-bit (Austin Appleby's public-domain algorithm), written out so hashing needs
 * no extra dependency and the same bits come out on every executor. Output order matches Guava's
 * {@code Hashing.murmur3_128}: {@code h1} is the first 8 bytes, little-endian. The seed is taken as
 * unsigned 32 bits, as in the reference C code (Guava sign-extends negative seeds, so they differ there).
 */
public final class Murmur3 {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Murmur3() {}

    /** 128-bit hash as {h1, h2}. */
    public static long[] hash128(byte[] data, int seed) {
        return hash128(data, 0, data.length, seed);
    }

    @SuppressWarnings("fallthrough")
    public static long[] hash128(byte[] data, int offset, int length, int seed) {
        long h1 = seed & 0xffffffffL;
        long h2 = seed & 0xffffffffL;
        int blocks = length / 16;
        for (int block = 0; block < blocks; block++) {
            int position = offset + block * 16;
            long k1 = littleEndianLong(data, position);
            long k2 = littleEndianLong(data, position + 8);
            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        long k1 = 0;
        long k2 = 0;
        int tail = offset + blocks * 16;
        switch (length & 15) {
            case 15: k2 ^= (long) (data[tail + 14] & 0xff) << 48;
            case 14: k2 ^= (long) (data[tail + 13] & 0xff) << 40;
            case 13: k2 ^= (long) (data[tail + 12] & 0xff) << 32;
            case 12: k2 ^= (long) (data[tail + 11] & 0xff) << 24;
            case 11: k2 ^= (long) (data[tail + 10] & 0xff) << 16;
            case 10: k2 ^= (long) (data[tail + 9] & 0xff) << 8;
            case 9:
                k2 ^= data[tail + 8] & 0xff;
                h2 ^= mixK2(k2);
            case 8: k1 ^= (long) (data[tail + 7] & 0xff) << 56;
            case 7: k1 ^= (long) (data[tail + 6] & 0xff) << 48;
            case 6: k1 ^= (long) (data[tail + 5] & 0xff) << 40;
            case 5: k1 ^= (long) (data[tail + 4] & 0xff) << 32;
            case 4: k1 ^= (long) (data[tail + 3] & 0xff) << 24;
            case 3: k1 ^= (long) (data[tail + 2] & 0xff) << 16;
            case 2: k1 ^= (long) (data[tail + 1] & 0xff) << 8;
            case 1:
                k1 ^= data[tail] & 0xff;
                h1 ^= mixK1(k1);
            default:
                break;
        }
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = fmix64(h1);
        h2 = fmix64(h2);
        h1 += h2;
        h2 += h1;
        return new long[] {h1, h2};
    }

    /** 64-bit hash: the first half of the 128-bit one. */
    public static long hash64(String text, int seed) {
        return hash128(text.getBytes(StandardCharsets.UTF_8), seed)[0];
    }

    /** 128-bit hash of the UTF-8 bytes as 32 lower-case hex characters, in Guava's byte order. */
    public static String hex128(String text) {
        long[] hash = hash128(text.getBytes(StandardCharsets.UTF_8), 0);
        char[] out = new char[32];
        writeLittleEndianHex(hash[0], out, 0);
        writeLittleEndianHex(hash[1], out, 16);
        return new String(out);
    }

    /** 64-bit hash of the UTF-8 bytes as 16 hex characters; used for generated document ids. */
    public static String hex64(String text) {
        char[] out = new char[16];
        writeLittleEndianHex(hash64(text, 0), out, 0);
        return new String(out);
    }

    private static void writeLittleEndianHex(long value, char[] out, int start) {
        for (int i = 0; i < 8; i++) {
            int b = (int) (value >>> (8 * i)) & 0xff;
            out[start + 2 * i] = HEX[b >>> 4];
            out[start + 2 * i + 1] = HEX[b & 15];
        }
    }

    private static long littleEndianLong(byte[] data, int position) {
        return (data[position] & 0xffL)
                | (data[position + 1] & 0xffL) << 8
                | (data[position + 2] & 0xffL) << 16
                | (data[position + 3] & 0xffL) << 24
                | (data[position + 4] & 0xffL) << 32
                | (data[position + 5] & 0xffL) << 40
                | (data[position + 6] & 0xffL) << 48
                | (data[position + 7] & 0xffL) << 56;
    }

    private static long mixK1(long k1) {
        k1 *= C1;
        k1 = Long.rotateLeft(k1, 31);
        return k1 * C2;
    }

    private static long mixK2(long k2) {
        k2 *= C2;
        k2 = Long.rotateLeft(k2, 33);
        return k2 * C1;
    }

    /** Murmur3's 64-bit finaliser: a fast, well-mixing bijection on longs. */
    public static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
