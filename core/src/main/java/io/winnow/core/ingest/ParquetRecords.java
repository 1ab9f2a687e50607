package io.winnow.core.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Parquet input through Spark's reader, mapped to the same intermediate rows as JSONL. Row
 * numbers come from {@code _metadata.row_index}, so quarantine rows point at a row of a file.
 */
final class ParquetRecords {
    private ParquetRecords() {}

    static Dataset<Row> read(SparkSession spark, List<InputFile> files, IngestConfig config, String source) {
        Map<String, String> relativeByPath = new HashMap<>();
        for (InputFile file : files) {
            relativeByPath.put(new org.apache.hadoop.fs.Path(file.path()).toUri().getPath(), file.relativePath());
        }
        String[] paths = files.stream().map(InputFile::path).toArray(String[]::new);
        Dataset<Row> raw = spark.read().option("mergeSchema", "true").parquet(paths)
                .withColumn("__file", col("_metadata.file_path"))
                .withColumn("__line", col("_metadata.row_index").plus(1));
        StructType schema = raw.schema();
        List<String> dataColumns = new ArrayList<>();
        for (StructField field : schema.fields()) {
            if (!field.name().startsWith("__")) {
                dataColumns.add(field.name());
            }
        }
        Column rawRecord = to_json(struct(dataColumns.stream().map(name -> col("`" + name + "`")).toArray(Column[]::new)));
        Column truncatedRaw = when(length(rawRecord).gt(config.rawRecordMaxChars()),
                rawRecord.substr(1, config.rawRecordMaxChars())).otherwise(rawRecord);

        UserDefinedFunction relative = udf((UDF1<String, String>) uri ->
                relativeByPath.getOrDefault(new java.net.URI(uri).getPath(), uri), DataTypes.StringType);
        UserDefinedFunction generatedId = udf((UDF2<String, Long, String>) (relativePath, line) ->
                DocumentIds.generated(source, relativePath, line), DataTypes.StringType);

        Column docId;
        Column idProblem = lit(null).cast(DataTypes.StringType);
        Column idDetail = lit(null).cast(DataTypes.StringType);
        if (config.idField() != null) {
            if (schema.getFieldIndex(config.idField()).isEmpty()) {
                docId = lit(null).cast(DataTypes.StringType);
                idProblem = lit(QuarantineReason.MISSING_ID.code());
                idDetail = lit("no column '" + config.idField() + "' (configured as ingest.id-field)");
            } else {
                Column id = col("`" + config.idField() + "`").cast(DataTypes.StringType);
                docId = id;
                idProblem = when(id.isNull(), lit(QuarantineReason.MISSING_ID.code()))
                        .when(trim(id).equalTo(""), lit(QuarantineReason.ID_NOT_SCALAR.code()));
                idDetail = when(id.isNull(), lit("field '" + config.idField() + "' is null"))
                        .when(trim(id).equalTo(""), lit("field '" + config.idField() + "' is empty"));
            }
        } else {
            docId = generatedId.apply(relative.apply(col("__file")), col("__line"));
        }

        Column text;
        Column textProblem;
        Column textDetail;
        if (schema.getFieldIndex(config.textField()).isEmpty()) {
            text = lit(null).cast(DataTypes.StringType);
            textProblem = lit(QuarantineReason.MISSING_TEXT.code());
            textDetail = lit("no column '" + config.textField() + "' (configured as ingest.text-field)");
        } else if (!(schema.apply(config.textField()).dataType() instanceof StringType)) {
            text = lit(null).cast(DataTypes.StringType);
            textProblem = lit(QuarantineReason.TEXT_NOT_STRING.code());
            textDetail = lit("column '" + config.textField() + "' has type "
                    + schema.apply(config.textField()).dataType().simpleString() + ", expected string");
        } else {
            text = col("`" + config.textField() + "`");
            textProblem = when(text.isNull(), lit(QuarantineReason.MISSING_TEXT.code()))
                    .when(trim(text).equalTo(""), lit(QuarantineReason.EMPTY_TEXT.code()))
                    .when(length(text).gt(config.maxTextChars()), lit(QuarantineReason.TEXT_TOO_LARGE.code()));
            textDetail = when(text.isNull(), lit("field '" + config.textField() + "' is null"))
                    .when(trim(text).equalTo(""), lit("field '" + config.textField() + "' is empty or only whitespace"))
                    .when(length(text).gt(config.maxTextChars()),
                            lit("text is longer than ingest.max-text-chars = " + config.maxTextChars()));
        }
        Column reason = org.apache.spark.sql.functions.coalesce(idProblem, textProblem);
        Column detail = org.apache.spark.sql.functions.coalesce(idDetail, textDetail);

        Column url = schema.getFieldIndex(config.urlField()).isDefined()
                && schema.apply(config.urlField()).dataType() instanceof StringType
                ? col("`" + config.urlField() + "`") : lit(null).cast(DataTypes.StringType);
        List<Column> metaParts = new ArrayList<>();
        for (StructField field : schema.fields()) {
            String name = field.name();
            if (name.startsWith("__") || name.equals(config.textField()) || name.equals(config.idField())
                    || name.equals(config.urlField())) {
                continue;
            }
            Column value = field.dataType() instanceof StringType ? col("`" + name + "`")
                    : field.dataType() instanceof org.apache.spark.sql.types.AtomicType
                            ? col("`" + name + "`").cast(DataTypes.StringType) : to_json(col("`" + name + "`"));
            metaParts.add(lit(name));
            metaParts.add(value);
        }
        Column meta = metaParts.isEmpty()
                ? org.apache.spark.sql.functions.map().cast(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
                : org.apache.spark.sql.functions.map(metaParts.toArray(Column[]::new));

        Column isDocument = reason.isNull();
        return raw.select(
                when(isDocument, lit(IngestRows.DOCUMENT)).otherwise(lit(IngestRows.QUARANTINE)).as("kind"),
                docId.as("doc_id"),
                when(isDocument, lit(source)).as("source"),
                when(isDocument, text).as("text"),
                when(isDocument, url).as("url"),
                when(isDocument, meta).as("meta"),
                col("__file").as("source_file"),
                col("__line").as("source_line"),
                reason.as("reason"),
                detail.as("detail"),
                when(isDocument, lit(null).cast(DataTypes.StringType)).otherwise(truncatedRaw).as("raw_record"));
    }
}
