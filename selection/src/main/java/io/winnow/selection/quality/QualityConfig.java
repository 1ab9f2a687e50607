package io.winnow.selection.quality;

import static java.util.Objects.requireNonNull;

import io.winnow.core.config.ConfigSection;
import io.winnow.core.table.Tables;
import io.winnow.selection.classifier.QualityClassifierConfig;
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
 * @param classifierTraining how to train the classifier when it is missing (YAML section {@code quality-classifier})
 */
public record QualityConfig(
        String input,
        String output,
        String metrics,
        String quarantine,
        QualityRules rules,
        ClassifierSettings classifier,
        QualityClassifierConfig classifierTraining) implements Serializable {

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
        requireNonNull(classifierTraining, "classifierTraining is null");
    }

    public static QualityConfig defaults() {
        return new QualityConfig(DEFAULT_INPUT, QUALITY_FILTERED, QUALITY_METRICS, Tables.QUARANTINE,
                QualityRules.defaults(), ClassifierSettings.defaults(), QualityClassifierConfig.defaults());
    }

    public QualityConfig withTables(String inputTable, String outputTable, String metricsTable) {
        return new QualityConfig(inputTable, outputTable, metricsTable, quarantine, rules, classifier, classifierTraining);
    }

    public QualityConfig withRules(QualityRules newRules) {
        return new QualityConfig(input, output, metrics, quarantine, newRules, classifier, classifierTraining);
    }

    public QualityConfig withClassifier(ClassifierSettings settings) {
        return new QualityConfig(input, output, metrics, quarantine, rules, settings, classifierTraining);
    }

    public QualityConfig withClassifierTraining(QualityClassifierConfig training) {
        return new QualityConfig(input, output, metrics, quarantine, rules, classifier, training);
    }

    /** Reads the {@code quality} section; the training settings come from the {@code quality-classifier} section. */
    public static QualityConfig fromConfig(ConfigSection section, QualityClassifierConfig training) {
        QualityConfig defaults = defaults();
        QualityConfig config = new QualityConfig(
                section.string("input", defaults.input()),
                section.string("output", defaults.output()),
                section.string("metrics", defaults.metrics()),
                section.string("quarantine", defaults.quarantine()),
                QualityRules.fromConfig(section),
                ClassifierSettings.fromConfig(section.section("classifier")),
                training);
        section.finish();
        return config;
    }
}
