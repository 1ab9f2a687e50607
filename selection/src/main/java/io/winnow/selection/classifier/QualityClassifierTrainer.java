package io.winnow.selection.classifier;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the linear quality classifier: reads labelled documents, splits them by a seeded hash of
 * the text, fits the {@link QualityPipeline} on the training part, measures ROC AUC on the held-out
 * part, and saves the model with a JSON metadata file.
 */
public final class QualityClassifierTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(QualityClassifierTrainer.class);
    private static final String HELD_OUT = "_quality_held_out";
    private static final long SPLIT_BUCKETS = 1_000_000L;

    private QualityClassifierTrainer() {}

    public static QualityClassifierTrainingResult train(SparkSession spark, QualityClassifierConfig config) {
        Dataset<Row> labelled = LabelledDocuments.read(spark, config)
                .select(col(QualityPipeline.TEXT), col(QualityPipeline.LABEL))
                .withColumn(HELD_OUT, heldOut(config))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            SplitCounts counts = SplitCounts.of(labelled.groupBy(HELD_OUT, QualityPipeline.LABEL).count().collectAsList());
            requireBothClasses(counts, config);
            Dataset<Row> training = labelled.filter(not(col(HELD_OUT)));
            Dataset<Row> heldOut = labelled.filter(col(HELD_OUT));
            PipelineModel model = QualityPipeline.build(config).fit(training);
            double auc = heldOutAuc(model, heldOut, counts);
            LOG.info("Quality classifier: {} training rows, {} held out, {} positive; held-out ROC AUC {}",
                    counts.trainRows(), counts.heldOutRows(), counts.positives(), auc);
            save(spark, model, config, counts, auc);
            return new QualityClassifierTrainingResult(counts.trainRows(), counts.heldOutRows(), counts.positives(), auc,
                    config.model(), QualityClassifier.of(model));
        } finally {
            labelled.unpersist();
        }
    }

    /**
     * Hash of (seed, text): the same document always lands on the same side, and identical texts
     * land together, so duplicates cannot leak from the training part into the held-out part.
     */
    static Column heldOut(QualityClassifierConfig config) {
        long threshold = Math.round(config.holdoutFraction() * SPLIT_BUCKETS);
        return pmod(xxhash64(lit(config.seed()), col(QualityPipeline.TEXT)), lit(SPLIT_BUCKETS)).lt(lit(threshold));
    }

    private static double heldOutAuc(PipelineModel model, Dataset<Row> heldOut, SplitCounts counts) {
        if (counts.heldOutPositives() == 0 || counts.heldOutNegatives() == 0) {
            LOG.warn("The held-out part has {} positive and {} negative documents: ROC AUC needs both, so it is not"
                    + " measured. Use more data or a larger holdout-fraction.", counts.heldOutPositives(),
                    counts.heldOutNegatives());
            return Double.NaN;
        }
        return new BinaryClassificationEvaluator()
                .setLabelCol(QualityPipeline.LABEL)
                .setRawPredictionCol(QualityPipeline.RAW_PREDICTION)
                .setMetricName("areaUnderROC")
                .evaluate(model.transform(heldOut));
    }

    private static void requireBothClasses(SplitCounts counts, QualityClassifierConfig config) {
        String source = config.twoCorpora()
                ? "positive-input '" + config.positiveInput() + "' and negative-input '" + config.negativeInput() + "'"
                : "'" + config.input() + "'";
        if (counts.rows() == 0) {
            throw new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                    "Training input %s has no rows with a non-empty '%s'%s. Point it at labelled documents.",
                    source, config.textField(), config.twoCorpora() ? "" : " and a '" + config.labelField() + "'"));
        }
        long negatives = counts.rows() - counts.positives();
        if (counts.positives() == 0 || negatives == 0) {
            String which = counts.positives() == 0 ? "negative (low quality)" : "positive (high quality)";
            String fix = config.twoCorpora()
                    ? "Check that both corpora hold documents with a non-empty '" + config.textField() + "'."
                    : String.format("Check %s.positive-label (now '%s') matches how '%s' marks high-quality documents,"
                            + " and that the input holds both kinds.", QualityClassifierConfig.SECTION,
                            config.positiveLabel(), config.labelField());
            throw new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                    "All %d labelled rows of training input %s are %s, so a classifier cannot learn to tell them"
                            + " apart. %s", counts.rows(), source, which, fix));
        }
    }

    private static void save(SparkSession spark, PipelineModel model, QualityClassifierConfig config,
            SplitCounts counts, double auc) {
        try {
            model.write().overwrite().save(config.model());
        } catch (java.io.IOException e) {
            throw new WinnowException(ErrorCode.STAGE_FAILED, String.format(
                    "Cannot save the quality classifier to '%s': %s. Check that %s.model is a writable directory.",
                    config.model(), e.getMessage(), QualityClassifierConfig.SECTION), e);
        }
        String input = config.twoCorpora()
                ? "positive: " + config.positiveInput() + ", negative: " + config.negativeInput()
                : config.input();
        new QualityClassifierMetadata(input, config.textField(),
                config.twoCorpora() ? null : config.labelField(), config.twoCorpora() ? null : config.positiveLabel(),
                counts.rows(), counts.trainRows(), counts.heldOutRows(), counts.positives(),
                Double.isNaN(auc) ? null : auc, config.ngrams(), config.features(), config.weighting().configName(),
                config.regParam(), config.holdoutFraction(), config.seed(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .write(config.model(), spark.sessionState().newHadoopConf());
        // A model cached under this path before the overwrite is stale now.
        QualityClassifier.forget(config.model());
    }

    /** Row counts per side of the split and class, from one small aggregation. */
    private record SplitCounts(long trainPositives, long trainNegatives, long heldOutPositives, long heldOutNegatives) {
        static SplitCounts of(List<Row> groups) {
            long[] counts = new long[4];
            for (Row group : groups) {
                boolean heldOut = group.getBoolean(0);
                boolean positive = group.getDouble(1) == 1.0;
                counts[(heldOut ? 2 : 0) + (positive ? 0 : 1)] += group.getLong(2);
            }
            return new SplitCounts(counts[0], counts[1], counts[2], counts[3]);
        }

        long trainRows() {
            return trainPositives + trainNegatives;
        }

        long heldOutRows() {
            return heldOutPositives + heldOutNegatives;
        }

        long rows() {
            return trainRows() + heldOutRows();
        }

        long positives() {
            return trainPositives + heldOutPositives;
        }
    }
}
