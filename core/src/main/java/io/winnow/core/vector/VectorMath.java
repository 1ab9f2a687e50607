package io.winnow.core.vector;

import static java.util.Objects.requireNonNull;

/**
 * Small dense-vector helpers on {@code float[]}: dot product, L2 norm and normalisation, and the Matryoshka
 * (MRL) "truncate to the first m dimensions, then L2-normalise" step. Sums are accumulated in double.
 */
public final class VectorMath {
    private VectorMath() {}

    public static double dot(float[] a, float[] b) {
        requireNonNull(a, "a is null");
        requireNonNull(b, "b is null");
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " vs " + b.length);
        }
        return dot(a, 0, b, 0, a.length);
    }

    /** Dot product of {@code a[aOffset, aOffset+length)} and {@code b[bOffset, bOffset+length)}. */
    public static double dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        for (; i + 1 < length; i += 2) {
            s0 += a[aOffset + i] * b[bOffset + i];
            s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
        }
        if (i < length) {
            s0 += a[aOffset + i] * b[bOffset + i];
        }
        return s0 + s1;
    }

    public static double norm(float[] v) {
        return Math.sqrt(dot(v, 0, v, 0, v.length));
    }

    /** True when every component is finite and the vector is not all zeros. */
    public static boolean isNormalizable(float[] v) {
        if (v == null || v.length == 0) {
            return false;
        }
        double sum = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
            sum += (double) x * x;
        }
        return sum > 0 && Double.isFinite(sum);
    }

    /** A unit-length copy of {@code v}; throws when {@code v} is empty, zero or not finite. */
    public static float[] normalize(float[] v) {
        return prefix(v, requireNonNull(v, "v is null").length);
    }

    /**
     * The first {@code dim} components of {@code v}, L2-normalised (MRL inference: {@code x[:m] / ||x[:m]||}).
     * {@code dim == v.length} gives the normalised vector.
     */
    public static float[] prefix(float[] v, int dim) {
        requireNonNull(v, "v is null");
        if (dim < 1 || dim > v.length) {
            throw new IllegalArgumentException("dim must be in [1, " + v.length + "], got " + dim);
        }
        double norm = Math.sqrt(dot(v, 0, v, 0, dim));
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new IllegalArgumentException("cannot normalise a zero or non-finite vector (norm " + norm + ")");
        }
        float[] out = new float[dim];
        for (int i = 0; i < dim; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    /** Row-major {@code rows x dim} matrix of the normalised {@code dim}-prefixes of a row-major {@code rows x fullDim} matrix. */
    public static float[] prefixRows(float[] matrix, int fullDim, int dim) {
        requireNonNull(matrix, "matrix is null");
        if (fullDim < 1 || matrix.length % fullDim != 0) {
            throw new IllegalArgumentException("matrix length " + matrix.length + " is not a multiple of dim " + fullDim);
        }
        if (dim < 1 || dim > fullDim) {
            throw new IllegalArgumentException("dim must be in [1, " + fullDim + "], got " + dim);
        }
        int rows = matrix.length / fullDim;
        float[] out = new float[rows * dim];
        for (int r = 0; r < rows; r++) {
            int from = r * fullDim;
            double norm = Math.sqrt(dot(matrix, from, matrix, from, dim));
            if (!(norm > 0) || !Double.isFinite(norm)) {
                throw new IllegalArgumentException("row " + r + " has a zero or non-finite " + dim + "-dim prefix");
            }
            for (int i = 0; i < dim; i++) {
                out[r * dim + i] = (float) (matrix[from + i] / norm);
            }
        }
        return out;
    }

    /** Row-major flat copy of equally long rows. */
    public static float[] flatten(float[][] rows) {
        requireNonNull(rows, "rows is null");
        if (rows.length == 0) {
            return new float[0];
        }
        int dim = rows[0].length;
        float[] out = new float[rows.length * dim];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != dim) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " dims, row 0 has " + dim);
            }
            System.arraycopy(rows[r], 0, out, r * dim, dim);
        }
        return out;
    }
}
