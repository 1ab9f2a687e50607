package io.winnow.selection.classifier;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import io.winnow.core.config.ConfigSection;
import io.winnow.core.text.Murmur3;
import java.io.Serializable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Which scored documents survive the quality filter. THRESHOLD keeps {@code score >= threshold}.
 * PARETO keeps {@code pareto(alpha) > 1 - score} (GPT-3, NeMo Curator's FastTextQualityFilter), with
 * numpy's {@code np.random.pareto}, i.e. a Lomax draw {@code U^(-1/alpha) - 1}; here U comes from a
 * hash of (doc_id, seed) instead of a random generator, so a rerun keeps exactly the same documents.
 *
 * @param mode threshold or pareto
 * @param threshold lowest kept score (THRESHOLD mode)
 * @param alpha Pareto shape; larger keeps fewer low-score documents (PARETO mode)
 * @param seed seed of the per-document hash (PARETO mode)
 */
public record ClassifierKeepPolicy(ClassifierKeepMode mode, double threshold, double alpha, int seed)
        implements Serializable {

    public static final double DEFAULT_THRESHOLD = 0.5;
    public static final double DEFAULT_ALPHA = 3.0;
    public static final int DEFAULT_SEED = 42;
    private static final double TWO_TO_MINUS_53 = 0x1.0p-53;

    public ClassifierKeepPolicy {
        requireNonNull(mode, "mode is null");
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a positive number, got " + alpha);
        }
    }

    public static ClassifierKeepPolicy threshold(double threshold) {
        return new ClassifierKeepPolicy(ClassifierKeepMode.THRESHOLD, threshold, DEFAULT_ALPHA, DEFAULT_SEED);
    }

    public static ClassifierKeepPolicy pareto(double alpha, int seed) {
        return new ClassifierKeepPolicy(ClassifierKeepMode.PARETO, DEFAULT_THRESHOLD, alpha, seed);
    }

    public static ClassifierKeepPolicy defaults() {
        return threshold(DEFAULT_THRESHOLD);
    }

    /** Reads keys {@code mode}, {@code threshold}, {@code alpha} and {@code seed} of a keep section. */
    public static ClassifierKeepPolicy fromConfig(ConfigSection section) {
        ClassifierKeepPolicy defaults = defaults();
        ClassifierKeepPolicy policy = new ClassifierKeepPolicy(
                section.enumValue("mode", ClassifierKeepMode.class, defaults.mode()),
                section.decimal("threshold", defaults.threshold(), 0, 1),
                section.decimal("alpha", defaults.alpha(), Double.MIN_VALUE, Double.MAX_VALUE),
                (int) section.integer("seed", defaults.seed(), Integer.MIN_VALUE, Integer.MAX_VALUE));
        section.finish();
        return policy;
    }

    /** Whether a document with this score and id is kept; a null score or id is never kept. */
    public boolean keep(Double score, String docId) {
        if (score == null) {
            return false;
        }
        return switch (mode) {
            case THRESHOLD -> score >= threshold;
            case PARETO -> docId != null && lomax(uniform(docId, seed), alpha) > 1 - score;
        };
    }

    /** The same decision as {@link #keep(Double, String)}, as a non-null boolean column. */
    public Column keep(Column score, Column docId) {
        Column decision = switch (mode) {
            case THRESHOLD -> score.geq(lit(threshold));
            case PARETO -> paretoDraw(alpha, seed).apply(docId).gt(lit(1.0).minus(score));
        };
        return coalesce(decision, lit(false));
    }

    /** U in (0, 1] from the top 53 bits of the 64-bit Murmur3 hash of the id (53 bits fill a double). */
    public static double uniform(String docId, int seed) {
        long hash = Murmur3.hash64(docId, seed);
        return ((hash >>> 11) + 1) * TWO_TO_MINUS_53;
    }

    /** numpy's {@code pareto(alpha)} (Lomax) by inverse transform: U^(-1/alpha) - 1, U in (0, 1]. */
    public static double lomax(double uniform, double alpha) {
        return Math.pow(uniform, -1.0 / alpha) - 1.0;
    }

    private static UserDefinedFunction paretoDraw(double alpha, int seed) {
        UDF1<String, Double> draw = docId -> docId == null ? null : lomax(uniform(docId, seed), alpha);
        return udf(draw, DataTypes.DoubleType);
    }
}
