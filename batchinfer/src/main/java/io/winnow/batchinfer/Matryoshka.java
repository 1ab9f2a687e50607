package io.winnow.batchinfer;

import java.nio.FloatBuffer;

/**
 * The arithmetic of 2D-Matryoshka embeddings, in plain Java: pool a layer's token states, then truncate to a
 * prefix and L2-normalise (MRL inference: {@code x[:dim] / ||x[:dim]||}).
 */
public final class Matryoshka {
    private Matryoshka() {}

    /**
     * One pooled vector per text.
     *
     * @param data row-major {@code [batch, seq, hidden]} states, right-padded
     * @param lengths real tokens per text (the attention mask is 1 for the first {@code lengths[b]} positions)
     */
    public static float[][] pool(float[] data, int batch, int seq, int hidden, int[] lengths, Pooling pooling) {
        return pool(FloatBuffer.wrap(data), batch, seq, hidden, lengths, pooling);
    }

    /** As {@link #pool(float[], int, int, int, int[], Pooling)}, straight from a model output buffer (no copy). */
    public static float[][] pool(FloatBuffer data, int batch, int seq, int hidden, int[] lengths, Pooling pooling) {
        if (lengths.length != batch) {
            throw new IllegalArgumentException("output batch " + batch + " does not match " + lengths.length + " texts");
        }
        if ((long) batch * seq * hidden != data.remaining()) {
            throw new IllegalArgumentException("data holds " + data.remaining() + " values, not " + batch + "x" + seq + "x"
                    + hidden);
        }
        int origin = data.position();
        float[][] out = new float[batch][];
        double[] sum = new double[hidden];
        for (int b = 0; b < batch; b++) {
            int base = origin + b * seq * hidden;
            int real = Math.max(1, Math.min(lengths[b], seq));
            java.util.Arrays.fill(sum, 0);
            switch (pooling) {
                case CLS -> add(sum, data, base, 1.0);
                case MEAN -> {
                    for (int t = 0; t < real; t++) {
                        add(sum, data, base + t * hidden, 1.0);
                    }
                    scale(sum, 1.0 / real);
                }
                case WEIGHTED_MEAN -> {
                    double total = real * (real + 1) / 2.0;
                    for (int t = 0; t < real; t++) {
                        add(sum, data, base + t * hidden, (t + 1) / total);
                    }
                }
            }
            float[] vector = new float[hidden];
            for (int h = 0; h < hidden; h++) {
                vector[h] = (float) sum[h];
            }
            out[b] = vector;
        }
        return out;
    }

    /** The rows of a {@code [batch, dim]} output (a model that pools inside its graph). */
    public static float[][] rows(FloatBuffer data, int batch, int dim) {
        if ((long) batch * dim != data.remaining()) {
            throw new IllegalArgumentException("data holds " + data.remaining() + " values, not " + batch + "x" + dim);
        }
        float[][] out = new float[batch][dim];
        for (int b = 0; b < batch; b++) {
            data.get(out[b]);
        }
        return out;
    }

    /** The first {@code dim} values of {@code vector}, scaled to unit L2 length (a zero prefix stays zero). */
    public static float[] truncate(float[] vector, int dim) {
        if (dim < 1 || dim > vector.length) {
            throw new IllegalArgumentException("dim must be in 1.." + vector.length + ", got " + dim);
        }
        double squares = 0;
        for (int i = 0; i < dim; i++) {
            squares += (double) vector[i] * vector[i];
        }
        double scale = squares == 0 ? 0 : 1 / Math.sqrt(squares);
        float[] out = new float[dim];
        for (int i = 0; i < dim; i++) {
            out[i] = (float) (vector[i] * scale);
        }
        return out;
    }

    /** Dot product; the cosine for unit vectors. */
    public static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot;
    }

    private static void add(double[] sum, FloatBuffer data, int offset, double weight) {
        for (int h = 0; h < sum.length; h++) {
            sum[h] += weight * data.get(offset + h);
        }
    }

    private static void scale(double[] sum, double factor) {
        for (int h = 0; h < sum.length; h++) {
            sum[h] *= factor;
        }
    }
}
