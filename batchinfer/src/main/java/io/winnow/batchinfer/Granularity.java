package io.winnow.batchinfer;

import io.winnow.batchinfer.internal.InferErrors;
import java.io.Serializable;
import java.util.Comparator;

/**
 * One 2D-Matryoshka size: the hidden state of transformer layer {@code layer} (1-based; the model's depth is its
 * last layer), pooled, truncated to its first {@code dim} values and L2-normalised.
 */
public record Granularity(int layer, int dim) implements Comparable<Granularity>, Serializable {
    private static final Comparator<Granularity> ORDER =
            Comparator.comparingInt(Granularity::layer).thenComparingInt(Granularity::dim);

    public Granularity {
        if (layer < 1) {
            throw new IllegalArgumentException("layer must be >= 1, got " + layer);
        }
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be >= 1, got " + dim);
        }
    }

    /** Parses {@code "layer:dim"}, e.g. {@code "6:384"}. */
    public static Granularity parse(String value) {
        String[] parts = value == null ? new String[0] : value.trim().split(":");
        if (parts.length != 2) {
            throw InferErrors.badGranularity(value);
        }
        try {
            int layer = Integer.parseInt(parts[0].trim());
            int dim = Integer.parseInt(parts[1].trim());
            if (layer < 1 || dim < 1) {
                throw InferErrors.badGranularity(value);
            }
            return new Granularity(layer, dim);
        } catch (NumberFormatException e) {
            throw InferErrors.badGranularity(value);
        }
    }

    @Override
    public int compareTo(Granularity other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return layer + ":" + dim;
    }
}
