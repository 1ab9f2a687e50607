package io.winnow.selection.quality;

/**
 * One published heuristic filter. It records every rule the document fails as a reason code and
 * every value it measured as a metric; filters that remove lines replace the text.
 * Thresholds are doubles where NaN means the rule is switched off.
 */
public interface DocumentFilter {
    void assess(QualityAssessment assessment);

    /** Above a limit; a switched-off (NaN) limit never fails. */
    static boolean above(double value, double limit) {
        return !Double.isNaN(limit) && value > limit;
    }

    /** Below a limit; a switched-off (NaN) limit never fails. */
    static boolean below(double value, double limit) {
        return !Double.isNaN(limit) && value < limit;
    }

    static double ratio(double numerator, double denominator) {
        return denominator == 0 ? 0 : numerator / denominator;
    }
}
