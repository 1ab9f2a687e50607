package io.winnow.core.run;

import static org.apache.spark.sql.functions.col;

import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.RowValues;
import io.winnow.core.table.Tables;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** The {@code _runs} Delta table: one appended row per stage execution. */
public final class RunLog {
    private final SparkSession spark;
    private final String path;

    public RunLog(SparkSession spark, String path) {
        this.spark = spark;
        this.path = path;
    }

    public String path() {
        return path;
    }

    public void append(StageResult result, String configHash, Map<String, String> inputVersions, String error) {
        StageCounts counts = result.counts();
        Row row = RowFactory.create(
                result.runId(),
                result.stage(),
                configHash,
                RowValues.map(inputVersions),
                RowValues.map(result.outputVersions()),
                counts.in(),
                counts.kept(),
                counts.dropped(),
                counts.quarantined(),
                RowValues.map(counts.detail()),
                Timestamp.from(result.startedAt()),
                Timestamp.from(result.finishedAt()),
                result.status().name(),
                error);
        DeltaTables.append(spark.createDataFrame(List.of(row), Tables.RUNS_SCHEMA), path);
    }

    /** The newest successful execution of this stage with this config and these inputs. */
    public Optional<StageResult> latestSuccess(StageSpec spec) {
        if (!DeltaTables.exists(spark, path)) {
            return Optional.empty();
        }
        List<Row> rows = spark.read().format("delta").load(path)
                .where(col("stage").equalTo(spec.stage())
                        .and(col("config_hash").equalTo(spec.configHash()))
                        .and(col("status").equalTo(StageStatus.SUCCEEDED.name())))
                .orderBy(col("finished_at").desc())
                .collectAsList();
        for (Row row : rows) {
            Map<String, String> inputs = new HashMap<>(row.<String, String>getJavaMap(row.fieldIndex("input_versions")));
            if (inputs.equals(spec.inputVersions())) {
                return Optional.of(toResult(row));
            }
        }
        return Optional.empty();
    }

    /** All rows, newest first. */
    public List<StageResult> all() {
        if (!DeltaTables.exists(spark, path)) {
            return List.of();
        }
        return spark.read().format("delta").load(path).orderBy(col("started_at").desc(), col("finished_at").desc())
                .collectAsList().stream().map(RunLog::toResult).toList();
    }

    public Dataset<Row> table() {
        return DeltaTables.read(spark, path, "any stage");
    }

    static StageResult toResult(Row row) {
        String stage = row.getString(row.fieldIndex("stage"));
        Map<String, Long> detail = new HashMap<>(row.<String, Long>getJavaMap(row.fieldIndex("counts")));
        StageCounts counts = new StageCounts(
                stage,
                row.getLong(row.fieldIndex("rows_in")),
                row.getLong(row.fieldIndex("rows_kept")),
                row.getLong(row.fieldIndex("rows_dropped")),
                row.getLong(row.fieldIndex("rows_quarantined")),
                detail);
        Instant started = row.getTimestamp(row.fieldIndex("started_at")).toInstant();
        Instant finished = row.getTimestamp(row.fieldIndex("finished_at")).toInstant();
        return new StageResult(
                row.getString(row.fieldIndex("run_id")),
                stage,
                StageStatus.valueOf(row.getString(row.fieldIndex("status"))),
                counts,
                new HashMap<>(row.<String, Long>getJavaMap(row.fieldIndex("output_versions"))),
                started,
                finished);
    }
}
