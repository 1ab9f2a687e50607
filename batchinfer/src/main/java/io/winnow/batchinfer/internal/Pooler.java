package io.winnow.batchinfer.internal;

import io.winnow.batchinfer.Pooling;

/** Pools a model output (row-major floats) into one vector per text, in plain Java. */
public final class Pooler {
    private Pooler() {}

    /**
     * @param data the output, {@code [batch, tokens, hidden]} (3-D) or {@code [batch, dim]} (2-D)
     * @param shape the output's shape
     * @param lengths real (unpadded) tokens per text; batches are right-padded
     */
    public static float[][] pool(float[] data, long[] shape, int[] lengths, Pooling pooling, boolean normalize) {
        int batch = (int) shape[0];
        if (batch != lengths.length) {
            throw new IllegalArgumentException("output batch " + batch + " does not match " + lengths.length + " texts");
        }
        float[][] out = new float[batch][];
        if (shape.length == 2) {
            int dim = (int) shape[1];
            for (int b = 0; b < batch; b++) {
                out[b] = new float[dim];
                System.arraycopy(data, b * dim, out[b], 0, dim);
            }
        } else if (shape.length == 3) {
            int tokens = (int) shape[1];
            int hidden = (int) shape[2];
            for (int b = 0; b < batch; b++) {
                int base = b * tokens * hidden;
                out[b] = switch (pooling) {
                    case CLS -> slice(data, base, hidden);
                    case MEAN -> mean(data, base, hidden, Math.min(lengths[b], tokens));
                    case NONE -> slice(data, base, Math.min(lengths[b], tokens) * hidden);
                };
            }
        } else {
            throw new IllegalArgumentException("expected a 2-D or 3-D model output, got " + shape.length + " dimensions");
        }
        if (normalize) {
            for (float[] vector : out) {
                normalizeInPlace(vector);
            }
        }
        return out;
    }

    private static float[] slice(float[] data, int from, int length) {
        float[] out = new float[length];
        System.arraycopy(data, from, out, 0, length);
        return out;
    }

    private static float[] mean(float[] data, int base, int hidden, int realTokens) {
        double[] sum = new double[hidden];
        for (int t = 0; t < realTokens; t++) {
            int offset = base + t * hidden;
            for (int h = 0; h < hidden; h++) {
                sum[h] += data[offset + h];
            }
        }
        float[] out = new float[hidden];
        int divisor = Math.max(1, realTokens);
        for (int h = 0; h < hidden; h++) {
            out[h] = (float) (sum[h] / divisor);
        }
        return out;
    }

    static void normalizeInPlace(float[] vector) {
        double squares = 0;
        for (float value : vector) {
            squares += (double) value * value;
        }
        double norm = Math.max(Math.sqrt(squares), 1e-12);
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / norm);
        }
    }
}
