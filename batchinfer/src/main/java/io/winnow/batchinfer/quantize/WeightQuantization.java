package io.winnow.batchinfer.quantize;

/**
 * The arithmetic of weight compression, separate from the graph edits so it can be tested alone.
 * Rounding is round-half-to-even, like ONNX's QuantizeLinear.
 */
final class WeightQuantization {
    private WeightQuantization() {}

    /** Symmetric int8 values with one scale per group: value ~= q * scale[group]. */
    record Int8(byte[] values, float[] scales) {}

    /**
     * Quantizes a row-major [rows, cols] matrix to symmetric int8 with one scale per column
     * (MatMul weights [K, N]: one scale per output feature). q = round(w / s), s = max|w| / 127.
     */
    static Int8 int8PerColumn(float[] w, int rows, int cols) {
        float[] scales = new float[cols];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                scales[c] = Math.max(scales[c], Math.abs(w[base + c]));
            }
        }
        for (int c = 0; c < cols; c++) {
            scales[c] = scales[c] == 0f ? 1f : scales[c] / 127f;
        }
        byte[] q = new byte[w.length];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                q[base + c] = clampToInt8(Math.rint(w[base + c] / scales[c]));
            }
        }
        return new Int8(q, scales);
    }

    /** Symmetric int8 with one scale per row (embedding tables [vocab, dim]: one scale per token). */
    static Int8 int8PerRow(float[] w, int rows, int cols) {
        float[] scales = new float[rows];
        byte[] q = new byte[w.length];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float max = 0f;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, Math.abs(w[base + c]));
            }
            float scale = max == 0f ? 1f : max / 127f;
            scales[r] = scale;
            for (int c = 0; c < cols; c++) {
                q[base + c] = clampToInt8(Math.rint(w[base + c] / scale));
            }
        }
        return new Int8(q, scales);
    }

    private static byte clampToInt8(double v) {
        return (byte) Math.max(-127, Math.min(127, v));
    }

    /**
     * 4-bit blocks in the layout of ONNX Runtime's {@code com.microsoft:MatMulNBits}: the weight
     * [K, N] is transposed to N columns of K values, each cut into ceil(K / blockSize) blocks.
     *
     * @param packed [N][blocks][blockSize / 2] bytes; two values per byte, the lower-index value in the low nibble
     * @param scales [N * blocks], column-major by block: scale of column n, block b at n * blocks + b
     * @param zeroPoints [N][ceil(blocks / 2)] bytes, packed like the values (block b of a column in nibble b % 2)
     */
    record Int4Blocks(byte[] packed, float[] scales, byte[] zeroPoints, int blocks) {}

    /** Asymmetric 4-bit: value ~= (q - zeroPoint) * scale, q in 0..15, the range always covers 0. */
    static Int4Blocks int4Blocks(float[] w, int k, int n, int blockSize) {
        if (blockSize < 16 || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("blockSize must be a power of two >= 16, got " + blockSize);
        }
        int blocks = (k + blockSize - 1) / blockSize;
        int blobSize = blockSize / 2;
        int zeroPointBytes = (blocks + 1) / 2;
        byte[] packed = new byte[n * blocks * blobSize];
        float[] scales = new float[n * blocks];
        byte[] zeroPoints = new byte[n * zeroPointBytes];
        int[] q = new int[blockSize];
        for (int col = 0; col < n; col++) {
            for (int b = 0; b < blocks; b++) {
                int start = b * blockSize;
                int end = Math.min(k, start + blockSize);
                float min = 0f;
                float max = 0f;
                for (int row = start; row < end; row++) {
                    float v = w[row * n + col];
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                float scale = (max - min) / 15f;
                int zeroPoint;
                if (scale == 0f) {
                    scale = 1f;
                    zeroPoint = 8;
                } else {
                    zeroPoint = (int) Math.max(0, Math.min(15, Math.rint(-min / scale)));
                }
                scales[col * blocks + b] = scale;
                for (int i = 0; i < blockSize; i++) {
                    int row = start + i;
                    q[i] = row < end
                            ? (int) Math.max(0, Math.min(15, Math.rint(w[row * n + col] / scale) + zeroPoint))
                            : zeroPoint;
                }
                int offset = (col * blocks + b) * blobSize;
                for (int j = 0; j < blobSize; j++) {
                    packed[offset + j] = (byte) ((q[2 * j] & 0x0F) | ((q[2 * j + 1] & 0x0F) << 4));
                }
                int zpIndex = col * zeroPointBytes + b / 2;
                zeroPoints[zpIndex] = (byte) (b % 2 == 0
                        ? (zeroPoints[zpIndex] & 0xF0) | zeroPoint
                        : (zeroPoints[zpIndex] & 0x0F) | (zeroPoint << 4));
            }
        }
        return new Int4Blocks(packed, scales, zeroPoints, blocks);
    }

    /** IEEE 754 binary16 bits of {@code value}, rounded to nearest even (Java 17 has no Float.floatToFloat16). */
    static short toHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xFF;
        int mantissa = bits & 0x7FFFFF;
        if (exponent == 0xFF) {
            return (short) (sign | 0x7C00 | (mantissa != 0 ? 0x200 : 0));
        }
        int e = exponent - 127 + 15;
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            int full = mantissa | 0x800000;
            int shift = 14 - e;
            int half = full >>> shift;
            int rest = full & ((1 << shift) - 1);
            int middle = 1 << (shift - 1);
            if (rest > middle || (rest == middle && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
            half++; // may carry into the exponent, up to infinity: correct
        }
        return (short) (sign | half);
    }
}
