package io.winnow.selection.classifier;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import io.winnow.core.table.DeltaTables;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * Reads the training documents of a quality classifier into two columns, the text and a 1/0 label,
 * from one labelled input or from a positive and a negative corpus. Rows without text or label are
 * left out; a missing path or field fails with a message naming it.
 */
final class LabelledDocuments {
    private LabelledDocuments() {}

    static Dataset<Row> read(SparkSession spark, QualityClassifierConfig config) {
        if (config.twoCorpora()) {
            Dataset<Row> positive = withText(read(spark, config.positiveInput(), "positive-input"), config,
                    config.positiveInput(), "positive-input").withColumn(QualityPipeline.LABEL, lit(1.0));
            Dataset<Row> negative = withText(read(spark, config.negativeInput(), "negative-input"), config,
                    config.negativeInput(), "negative-input").withColumn(QualityPipeline.LABEL, lit(0.0));
            return positive.unionByName(negative);
        }
        Dataset<Row> rows = read(spark, config.input(), "input");
        DataType labelType = fieldType(rows, config.labelField(), config.input(), "label-field");
        Column label = when(isPositive(col(quote(config.labelField())), labelType, config.positiveLabel()), lit(1.0))
                .otherwise(lit(0.0));
        return withText(rows.filter(col(quote(config.labelField())).isNotNull()), config, config.input(), "input")
                .withColumn(QualityPipeline.LABEL, label);
    }

    /** Numbers compare as numbers (so a label 1.0 matches positive-label 1), everything else as text. */
    private static Column isPositive(Column label, DataType type, String positiveLabel) {
        if (type instanceof NumericType) {
            try {
                return label.cast("double").equalTo(lit(Double.parseDouble(positiveLabel.trim())));
            } catch (NumberFormatException e) {
                return label.cast("string").equalTo(lit(positiveLabel));
            }
        }
        if (type instanceof BooleanType) {
            return label.cast("string").equalTo(lit(positiveLabel.trim().toLowerCase(java.util.Locale.ROOT)));
        }
        return trim(label.cast("string")).equalTo(lit(positiveLabel.trim()));
    }

    private static Dataset<Row> withText(Dataset<Row> rows, QualityClassifierConfig config, String path, String key) {
        DataType textType = fieldType(rows, config.textField(), path, "text-field");
        if (!(textType instanceof StringType)) {
            throw new WinnowException(ErrorCode.TABLE_SCHEMA_MISMATCH, String.format(
                    "Field '%s' of training input '%s' (%s.%s) holds %s, not text. Set %s.text-field to the field"
                            + " that holds the document text.",
                    config.textField(), path, QualityClassifierConfig.SECTION, key, textType.simpleString(),
                    QualityClassifierConfig.SECTION));
        }
        Column text = col(quote(config.textField()));
        return rows.filter(text.isNotNull().and(length(trim(text)).gt(0))).withColumn(QualityPipeline.TEXT, text);
    }

    private static DataType fieldType(Dataset<Row> rows, String field, String path, String key) {
        return Arrays.stream(rows.schema().fields()).filter(f -> f.name().equals(field)).findFirst()
                .map(StructField::dataType)
                .orElseThrow(() -> new WinnowException(ErrorCode.TABLE_SCHEMA_MISMATCH, String.format(
                        "Training input '%s' has no field '%s' (its fields: %s). Set %s.%s to the field that holds"
                                + " the %s, or point the input at data that has it.",
                        path, field, fieldNames(rows), QualityClassifierConfig.SECTION, key,
                        key.equals("label-field") ? "quality label" : "document text")));
    }

    private static String fieldNames(Dataset<Row> rows) {
        String[] names = rows.columns();
        return names.length == 0 ? "none" : String.join(", ", names);
    }

    /** A Delta table, Parquet files, or JSON lines (one document per line). */
    static Dataset<Row> read(SparkSession spark, String path, String key) {
        try {
            Path hadoopPath = new Path(path);
            FileSystem fs = hadoopPath.getFileSystem(spark.sessionState().newHadoopConf());
            if (!fs.exists(hadoopPath)) {
                throw new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                        "Training input '%s' (%s.%s) does not exist. Point it at a JSONL file or directory, or a Delta"
                                + " table, of labelled documents (e.g. %s).",
                        path, QualityClassifierConfig.SECTION, key, QualityClassifierConfig.DEFAULT_INPUT));
            }
        } catch (IOException e) {
            throw new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                    "Cannot check training input '%s' (%s.%s): %s. Check the path and its permissions.",
                    path, QualityClassifierConfig.SECTION, key, e.getMessage()), e);
        }
        try {
            if (DeltaTables.exists(spark, path)) {
                return spark.read().format("delta").load(path);
            }
            if (path.endsWith(".parquet")) {
                return spark.read().parquet(path);
            }
            return spark.read().json(path);
        } catch (Exception e) {
            // Scala throws AnalysisException (e.g. no schema in an empty directory) undeclared.
            if (!(e instanceof AnalysisException)) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
            throw new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                    "Cannot read training input '%s' (%s.%s): %s. It must be JSON lines (one object per line), Parquet"
                            + " or a Delta table, with at least one row.",
                    path, QualityClassifierConfig.SECTION, key, firstLine(e.getMessage())), e);
        }
    }

    static String quote(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
