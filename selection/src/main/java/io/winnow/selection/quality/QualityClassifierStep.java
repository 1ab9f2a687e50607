package io.winnow.selection.quality;

import static org.apache.spark.sql.functions.lit;

import io.winnow.core.run.RunContext;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/** Adds the classifier score (and the policy's reason) to assessed documents. */
final class QualityClassifierStep {
    private final ClassifierSettings settings;

    private QualityClassifierStep(ClassifierSettings settings) {
        this.settings = settings;
    }

    static QualityClassifierStep prepare(SparkSession spark, RunContext context, ClassifierSettings settings) {
        return new QualityClassifierStep(settings);
    }

    Map<String, String> inputVersions() {
        return Map.of();
    }

    Dataset<Row> apply(Dataset<Row> assessed) {
        return assessed.withColumn("quality_score", lit(null).cast(DataTypes.DoubleType));
    }
}
