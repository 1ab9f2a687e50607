package io.winnow.selection.quality;

import static java.util.Objects.requireNonNull;

import io.winnow.core.config.ConfigSection;
import io.winnow.core.table.Tables;
import java.io.Serializable;

/**
 * Config of the {@code quality} stage (YAML section {@code quality}).
 *
 * @param input documents table to filter
 * @param output kept documents, their text after C4's line removals
 * @param metrics every document's metrics, reasons, classifier score and verdict
 * @param quarantine table for rows without doc_id or text
 * @param rules the Gopher, C4 and FineWeb heuristics
 * @param classifier the classifier score and its keep policy
 */
public record QualityConfig(
        String input,
        String output,
        String metrics,
        String quarantine,
        QualityRules rules,
        ClassifierSettings classifier) implements Serializable {

    public static final String SECTION = "quality";
    public static final String QUALITY_FILTERED = "quality_filtered";
    public static final String QUALITY_METRICS = "quality_metrics";
    public static final String DEFAULT_INPUT = "fuzzy_deduped";

    public QualityConfig {
        requireNonNull(input, "input is null");
        requireNonNull(output, "output is null");
        requireNonNull(metrics, "metrics is null");
        requireNonNull(quarantine, "quarantine is null");
        requireNonNull(rules, "rules is null");
        requireNonNull(classifier, "classifier is null");
    }

    public static QualityConfig defaults() {
        return new QualityConfig(DEFAULT_INPUT, QUALITY_FILTERED, QUALITY_METRICS, Tables.QUARANTINE,
                QualityRules.defaults(), ClassifierSettings.defaults());
    }

    public QualityConfig withTables(String inputTable, String outputTable, String metricsTable) {
        return new QualityConfig(inputTable, outputTable, metricsTable, quarantine, rules, classifier);
    }

    public QualityConfig withRules(QualityRules newRules) {
        return new QualityConfig(input, output, metrics, quarantine, newRules, classifier);
    }

    public QualityConfig withClassifier(ClassifierSettings settings) {
        return new QualityConfig(input, output, metrics, quarantine, rules, settings);
    }

    public static QualityConfig fromConfig(ConfigSection section) {
        QualityConfig defaults = defaults();
        QualityConfig config = new QualityConfig(
                section.string("input", defaults.input()),
                section.string("output", defaults.output()),
                section.string("metrics", defaults.metrics()),
                section.string("quarantine", defaults.quarantine()),
                QualityRules.fromConfig(section),
                ClassifierSettings.fromConfig(section.section("classifier")));
        section.finish();
        return config;
    }
}
