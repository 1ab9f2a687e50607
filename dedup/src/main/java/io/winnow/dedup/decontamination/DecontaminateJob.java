package io.winnow.dedup.decontamination;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.winnow.core.error.WinnowErrors;
import io.winnow.core.run.ConfigHash;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageCounts;
import io.winnow.core.run.StageExecution;
import io.winnow.core.run.StageOutcome;
import io.winnow.core.run.StageResult;
import io.winnow.core.run.StageSpec;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Quarantine;
import io.winnow.core.table.Tables;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage {@code decontaminate}: remove evaluation-set text from the corpus with the MT-NLG /
 * Megatron-LM / NeMo Curator rule. Pass 1 counts how often each task n-gram occurs in the corpus
 * (aggregated on the executors; only the few common ones reach the driver). Pass 2 cuts every
 * non-common match out with a margin on each side, keeps the long-enough pieces as
 * {@code <doc_id>#<piece>} and drops documents split too often or left with no piece.
 */
public final class DecontaminateJob {
    public static final String STAGE = "decontaminate";

    private static final Logger LOG = LoggerFactory.getLogger(DecontaminateJob.class);
    /** The stage expected to produce the default input table, for the table-not-found message. */
    private static final String INPUT_STAGE = "quality";

    private DecontaminateJob() {}

    public static StageResult run(SparkSession spark, RunContext context, DecontaminationConfig config) {
        String inputPath = context.warehouse().resolve(config.input());
        String outputPath = context.warehouse().resolve(config.output());
        String contaminationPath = context.warehouse().resolve(config.contamination());
        String quarantinePath = context.warehouse().resolve(config.quarantine());
        Path tasksPath = Path.of(config.tasks()).toAbsolutePath().normalize();
        Dataset<Row> input = DeltaTables.read(spark, inputPath, INPUT_STAGE);
        DeltaTables.requireColumn(input, inputPath, "doc_id", DataTypes.StringType);
        DeltaTables.requireColumn(input, inputPath, "text", DataTypes.StringType);
        StageSpec spec = new StageSpec(STAGE, ConfigHash.of(config), Map.of(
                inputPath, "v" + DeltaTables.version(spark, inputPath),
                "tasks:" + tasksPath, EvaluationTasks.fingerprint(tasksPath)), List.of(outputPath, contaminationPath));
        return StageExecution.execute(spark, context, spec, () -> decontaminate(context, config, tasksPath,
                DeltaTables.conform(DeltaTables.withMissingColumns(input, Tables.DOCUMENT_SCHEMA), Tables.DOCUMENT_SCHEMA),
                outputPath, contaminationPath, quarantinePath));
    }

    private static StageOutcome decontaminate(RunContext context, DecontaminationConfig config, Path tasksPath,
            Dataset<Row> input, String outputPath, String contaminationPath, String quarantinePath) {
        SparkSession spark = input.sparkSession();
        TaskNgrams taskNgrams = TaskNgrams.build(EvaluationTasks.load(tasksPath, config.textField()),
                config.maxNgram(), config.minNgram());
        if (taskNgrams.size() == 0) {
            throw DecontaminationErrors.noTaskNgrams(tasksPath, config.minNgram());
        }
        LOG.info("Decontaminating against {} n-grams of {} tasks from {}", taskNgrams.size(), taskNgrams.tasks().size(), tasksPath);
        JavaSparkContext sparkContext = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<TaskNgrams> ngramsBroadcast = sparkContext.broadcast(taskNgrams);
        Broadcast<Set<Long>> commonBroadcast = null;
        Dataset<Row> processed = null;
        try {
            Dataset<Row> valid = input.where(not(Quarantine.missingIdOrText()));
            Set<Long> common = commonNgrams(valid, ngramsBroadcast, config.maxMatches());
            commonBroadcast = sparkContext.broadcast(common);
            processed = valid.mapPartitions(new DecontaminatePartition(ngramsBroadcast, commonBroadcast, config.removalRule()),
                    Encoders.row(ContaminationTables.PROCESSED_SCHEMA)).persist(StorageLevel.MEMORY_AND_DISK());

            Column isDocument = col("record_type").equalTo(ContaminationTables.DOCUMENT);
            Column isContamination = col("record_type").equalTo(ContaminationTables.CONTAMINATION);
            Column parent = col("parent_doc_id");
            Row totals = processed.agg(
                    countDistinct(when(isDocument, parent)),
                    countDistinct(when(isContamination.and(actionIs(DocumentOutcome.DROPPED_TOO_MANY_SPLITS)), parent)),
                    countDistinct(when(isContamination.and(actionIs(DocumentOutcome.DROPPED_NO_PIECE_LONG_ENOUGH)), parent)),
                    countDistinct(when(isContamination, parent)),
                    sum(when(isDocument, 1).otherwise(0)),
                    sum(when(isDocument.and(col("piece").isNotNull()), 1).otherwise(0))).head();
            long keptDocuments = totals.getLong(0);
            long droppedTooManySplits = totals.getLong(1);
            long droppedNoPiece = totals.getLong(2);
            long documentRows = totals.isNullAt(4) ? 0 : totals.getLong(4);
            Map<String, Long> detail = new HashMap<>();
            detail.put("contaminated_documents", totals.getLong(3));
            detail.put("pieces_written", totals.isNullAt(5) ? 0 : totals.getLong(5));
            detail.put("dropped.too_many_splits", droppedTooManySplits);
            detail.put("dropped.no_piece_long_enough", droppedNoPiece);
            detail.put("common_ngrams_ignored", (long) common.size());
            detail.put("task_ngrams", (long) taskNgrams.size());
            for (Row task : processed.where(isContamination).groupBy("task").agg(countDistinct(parent)).collectAsList()) {
                detail.put("task." + task.getString(0), task.getLong(1));
            }

            Dataset<Row> documents = processed.where(isDocument);
            long outputVersion = DeltaTables.overwrite(DeltaTables.conform(documents, Tables.DOCUMENT_SCHEMA), outputPath);
            Dataset<Row> contamination = processed.where(isContamination).withColumn("doc_id", parent);
            DeltaTables.overwrite(DeltaTables.conform(contamination, ContaminationTables.CONTAMINATION_SCHEMA).coalesce(1),
                    contaminationPath);
            long quarantinedRows = Quarantine.replaceStageRowsCounted(
                    Quarantine.missingIdOrText(input, STAGE, context.runId()), quarantinePath, STAGE);

            // Count what was written: the kept/dropped split above is checked against the tables.
            long writtenRows = DeltaTables.writtenRows(spark, outputPath, outputVersion);
            if (writtenRows != documentRows) {
                throw WinnowErrors.countsDoNotAddUp(STAGE + " (output rows)", documentRows, writtenRows, 0, 0);
            }
            long writtenDropped = DeltaTables.read(spark, contaminationPath, STAGE)
                    .where(col("action").startsWith("document_dropped")).select("doc_id").distinct().count();
            long validRows = input.where(not(Quarantine.missingIdOrText())).count();
            StageCounts counts = new StageCounts(STAGE, validRows + quarantinedRows, keptDocuments, writtenDropped,
                    quarantinedRows, detail);
            return new StageOutcome(counts, Map.of(
                    outputPath, outputVersion,
                    contaminationPath, DeltaTables.version(spark, contaminationPath),
                    quarantinePath, DeltaTables.version(spark, quarantinePath)));
        } finally {
            if (processed != null) {
                processed.unpersist();
            }
            ngramsBroadcast.destroy();
            if (commonBroadcast != null) {
                commonBroadcast.destroy();
            }
        }
    }

    /** Pass 1: task n-grams that occur at least {@code maxMatches} times in the corpus. */
    private static Set<Long> commonNgrams(Dataset<Row> documents, Broadcast<TaskNgrams> taskNgrams, int maxMatches) {
        List<Long> common = documents.select("text")
                .mapPartitions(new NgramCountPartition(taskNgrams), Encoders.row(ContaminationTables.NGRAM_COUNT_SCHEMA))
                .groupBy("hash").agg(sum("occurrences").as("occurrences"))
                .where(col("occurrences").geq(lit(maxMatches)))
                .select("hash").as(Encoders.LONG()).collectAsList();
        return new HashSet<>(common);
    }

    private static Column actionIs(DocumentOutcome outcome) {
        return col("action").equalTo(outcome.action());
    }
}
