package io.winnow.batchinfer;

/** Small vector helpers for tests. */
final class Vectors {
    private Vectors() {}

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    static double norm(float[] a) {
        double squares = 0;
        for (float value : a) {
            squares += (double) value * value;
        }
        return Math.sqrt(squares);
    }
}
