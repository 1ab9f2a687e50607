package io.winnow.dedup.fuzzy;

import java.util.Locale;

/**
 * Bands x rows of MinHash LSH. Two documents with Jaccard similarity s share at least one bucket
 * with probability {@code 1 - (1 - s^rows)^bands}; the S-curve's threshold is about
 * {@code (1/bands)^(1/rows)}. NeMo Curator's default 20 x 13 puts it at 0.79.
 */
public record LshParameters(int bands, int rows) implements java.io.Serializable {
    public LshParameters {
        if (bands < 1 || rows < 1) {
            throw new IllegalArgumentException("bands and rows must be >= 1, got " + bands + " x " + rows);
        }
    }

    public int numHashes() {
        return bands * rows;
    }

    public double candidateProbability(double similarity) {
        return 1.0 - Math.pow(1.0 - Math.pow(similarity, rows), bands);
    }

    public double threshold() {
        return Math.pow(1.0 / bands, 1.0 / rows);
    }

    /**
     * The bands x rows (with bands * rows <= maxHashes) minimising the weighted false-positive area
     * below the threshold plus the false-negative area above it, as text-dedup's optimal_param does.
     */
    public static LshParameters choose(double threshold, int maxHashes, double falsePositiveWeight, double falseNegativeWeight) {
        if (threshold <= 0 || threshold >= 1) {
            throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
        }
        LshParameters best = null;
        double bestError = Double.MAX_VALUE;
        for (int bands = 1; bands <= maxHashes; bands++) {
            for (int rows = 1; bands * rows <= maxHashes; rows++) {
                LshParameters candidate = new LshParameters(bands, rows);
                double error = falsePositiveWeight * candidate.falsePositiveArea(threshold)
                        + falseNegativeWeight * candidate.falseNegativeArea(threshold);
                if (error < bestError - 1e-12) {
                    bestError = error;
                    best = candidate;
                }
            }
        }
        return best;
    }

    double falsePositiveArea(double threshold) {
        return integrate(0.0, threshold, false);
    }

    double falseNegativeArea(double threshold) {
        return integrate(threshold, 1.0, true);
    }

    private double integrate(double from, double to, boolean missed) {
        int steps = 200;
        double width = (to - from) / steps;
        double sum = 0;
        for (int i = 0; i < steps; i++) {
            double s = from + (i + 0.5) * width;
            double p = candidateProbability(s);
            sum += (missed ? 1.0 - p : p) * width;
        }
        return sum;
    }

    /** The S-curve at Jaccard 0.50 .. 0.95 as a Markdown table. */
    public String sCurve() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "bands x rows = %d x %d (%d hashes), threshold ~ %.3f%n%n", bands, rows,
                numHashes(), threshold()));
        out.append("| Jaccard | P(candidate) |\n|---:|---:|\n");
        for (int i = 0; i <= 9; i++) {
            double s = 0.5 + 0.05 * i;
            out.append(String.format(Locale.ROOT, "| %.2f | %.4f |%n", s, candidateProbability(s)));
        }
        return out.toString();
    }
}
