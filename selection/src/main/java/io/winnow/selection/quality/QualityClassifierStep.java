package io.winnow.selection.quality;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.winnow.core.run.RunContext;
import io.winnow.selection.classifier.ClassifierKeepPolicy;
import io.winnow.selection.classifier.QualityClassifier;
import io.winnow.selection.classifier.QualityClassifierConfig;
import io.winnow.selection.classifier.QualityClassifierMetadata;
import io.winnow.selection.classifier.QualityClassifierTrainer;
import io.winnow.selection.classifier.QualityClassifierTrainingResult;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the classifier score to assessed documents and, under a keep policy, the rejection reason.
 * The model is found under the warehouse; when it is missing it is trained first (if allowed) from
 * the {@code quality-classifier} settings, so a fresh clone scores documents without extra steps.
 */
final class QualityClassifierStep {
    private static final Logger LOG = LoggerFactory.getLogger(QualityClassifierStep.class);

    private final ClassifierSettings settings;
    private final String modelPath;
    private final QualityClassifier classifier;

    private QualityClassifierStep(ClassifierSettings settings, String modelPath, QualityClassifier classifier) {
        this.settings = settings;
        this.modelPath = modelPath;
        this.classifier = classifier;
    }

    static QualityClassifierStep prepare(SparkSession spark, RunContext context, ClassifierSettings settings,
            QualityClassifierConfig training) {
        if (!settings.enabled()) {
            return new QualityClassifierStep(settings, null, null);
        }
        String modelPath = context.warehouse().resolve(settings.model());
        if (settings.trainIfMissing() && !modelExists(spark, modelPath)) {
            QualityClassifierTrainingResult trained = QualityClassifierTrainer.train(spark, training.withModel(modelPath));
            LOG.info("Trained the quality classifier at {}: held-out ROC AUC {} on {} documents", modelPath,
                    trained.heldOutAuc(), trained.heldOutRows());
        }
        return new QualityClassifierStep(settings, modelPath, QualityClassifier.load(modelPath));
    }

    private static boolean modelExists(SparkSession spark, String modelPath) {
        try {
            Path path = new Path(modelPath);
            return path.getFileSystem(spark.sessionState().newHadoopConf()).exists(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot check the quality classifier directory " + modelPath, e);
        }
    }

    /** The model's identity for the skip check: retraining it reruns the stage. */
    Map<String, String> inputVersions() {
        if (classifier == null) {
            return Map.of();
        }
        QualityClassifierMetadata metadata = QualityClassifier.metadata(modelPath);
        return Map.of("model:" + modelPath, metadata == null ? "unknown" : metadata.createdAt());
    }

    Dataset<Row> apply(Dataset<Row> assessed) {
        if (classifier == null) {
            return assessed.withColumn("quality_score", lit(null).cast(DataTypes.DoubleType));
        }
        Dataset<Row> scored = classifier.score(assessed, "text", "quality_score");
        Optional<ClassifierKeepPolicy> policy = settings.keepPolicy();
        if (policy.isEmpty()) {
            return scored;
        }
        return scored.withColumn("reasons", when(not(policy.get().keep(col("quality_score"), col("doc_id"))),
                array_union(col("reasons"), array(lit(settings.rejectionReason())))).otherwise(col("reasons")));
    }
}
