package io.winnow.selection.classifier;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowErrors;
import io.winnow.core.error.WinnowException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * A fitted quality classifier. {@link #score} adds P(high quality) to every document through MLlib's
 * transform, so the work runs on the executors and nothing is collected.
 */
public final class QualityClassifier {
    private static final String TRAIN_HINT =
            "Train one with `winnow train-quality-classifier --input <labelled.jsonl> --model %s`.";
    // One loaded model per JVM and path: stages that score several tables load it once.
    private static final Map<String, QualityClassifier> LOADED = new ConcurrentHashMap<>();

    private final PipelineModel model;

    private QualityClassifier(PipelineModel model) {
        this.model = requireNonNull(model, "model is null");
    }

    /** Wraps a model fitted in this JVM (the trainer's result). */
    static QualityClassifier of(PipelineModel model) {
        return new QualityClassifier(model);
    }

    /** The model saved at {@code modelPath}, loaded once per JVM. */
    public static QualityClassifier load(String modelPath) {
        requireNonNull(modelPath, "modelPath is null");
        SparkSession spark = SparkSession.active();
        Configuration hadoop = spark.sessionState().newHadoopConf();
        return LOADED.computeIfAbsent(cacheKey(modelPath, hadoop), key -> new QualityClassifier(read(modelPath, hadoop)));
    }

    /** Drops the cached model of {@code modelPath}, e.g. after it was overwritten by training. */
    static void forget(String modelPath) {
        Configuration hadoop = SparkSession.active().sessionState().newHadoopConf();
        LOADED.remove(cacheKey(modelPath, hadoop));
    }

    /** The training metadata saved beside the model at {@code modelPath}, or null if there is none. */
    public static QualityClassifierMetadata metadata(String modelPath) {
        try {
            return QualityClassifierMetadata.read(modelPath, SparkSession.active().sessionState().newHadoopConf());
        } catch (IOException e) {
            throw new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                    "Cannot read '%s' of the quality classifier at '%s': %s. " + TRAIN_HINT,
                    QualityClassifierMetadata.FILE_NAME, modelPath, e.getMessage(), modelPath), e);
        }
    }

    /**
     * The documents with one more double column, {@code scoreColumn}: the probability in [0, 1] that
     * the text is high quality (null where the text is null). Every input column is kept as it was
     * (a column already named {@code scoreColumn} is replaced); the model's own columns are dropped.
     */
    public Dataset<Row> score(Dataset<Row> documents, String textColumn, String scoreColumn) {
        requireNonNull(documents, "documents is null");
        requireNonNull(textColumn, "textColumn is null");
        requireNonNull(scoreColumn, "scoreColumn is null");
        List<String> names = Arrays.asList(documents.columns());
        boolean textPresent = Arrays.stream(documents.schema().fields())
                .anyMatch(f -> f.name().equals(textColumn) && f.dataType() instanceof StringType);
        if (!textPresent) {
            throw WinnowErrors.missingColumn("documents to score", textColumn, "string",
                    Arrays.stream(documents.schema().fields()).map(StructField::name).toList());
        }
        Column text = col(LabelledDocuments.quote(textColumn));
        Dataset<Row> scored = model.transform(documents.withColumn(QualityPipeline.TEXT, coalesce(text, lit(""))));
        Column probability = functions.vector_to_array(col(QualityPipeline.PROBABILITY), "float64").getItem(1);
        Column score = when(text.isNull(), lit(null).cast(DataTypes.DoubleType)).otherwise(probability);
        List<Column> output = new ArrayList<>();
        for (String name : names) {
            output.add(name.equals(scoreColumn) ? score.as(scoreColumn) : col(LabelledDocuments.quote(name)));
        }
        if (!names.contains(scoreColumn)) {
            output.add(score.as(scoreColumn));
        }
        return scored.select(output.toArray(Column[]::new));
    }

    /** The underlying MLlib model. */
    public PipelineModel pipelineModel() {
        return model;
    }

    private static PipelineModel read(String modelPath, Configuration hadoop) {
        Path path = new Path(modelPath);
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            if (!fs.exists(path)) {
                throw new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                        "No quality classifier model at '%s'. " + TRAIN_HINT, modelPath, modelPath));
            }
            if (!fs.exists(new Path(path, "metadata")) || !fs.exists(new Path(path, "stages"))) {
                throw corrupt(modelPath, "it has no MLlib 'metadata' and 'stages' folders", null);
            }
        } catch (IOException e) {
            throw new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                    "Cannot check the quality classifier model at '%s': %s. " + TRAIN_HINT,
                    modelPath, e.getMessage(), modelPath), e);
        }
        try {
            return PipelineModel.load(modelPath);
        } catch (RuntimeException e) {
            throw corrupt(modelPath, String.valueOf(e.getMessage()).lines().findFirst().orElse("no details"), e);
        }
    }

    private static WinnowException corrupt(String modelPath, String why, Throwable cause) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "The quality classifier model at '%s' cannot be loaded: %s. It is incomplete or not a model"
                        + " written by Winnow. " + TRAIN_HINT, modelPath, why, modelPath), cause);
    }

    private static String cacheKey(String modelPath, Configuration hadoop) {
        Path path = new Path(modelPath);
        try {
            return path.getFileSystem(hadoop).makeQualified(path).toString();
        } catch (IOException | IllegalArgumentException e) {
            return modelPath;
        }
    }
}
