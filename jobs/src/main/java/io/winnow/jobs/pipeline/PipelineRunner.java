package io.winnow.jobs.pipeline;

import io.winnow.core.ingest.IngestJob;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageResult;
import io.winnow.dedup.exact.ExactDedupJob;
import io.winnow.batchinfer.InferJob;
import io.winnow.dedup.decontamination.DecontaminateJob;
import io.winnow.embed.EmbedJob;
import io.winnow.selection.rds.SelectJob;
import io.winnow.dedup.fuzzy.FuzzyDedupJob;
import io.winnow.dedup.semantic.SemanticDedupJob;
import io.winnow.selection.quality.QualityJob;
import io.winnow.tokenization.TokenizeJob;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/** Runs the configured stages in order. Each stage reads the tables the previous one wrote. */
public final class PipelineRunner {
    private PipelineRunner() {}

    public static List<StageResult> run(SparkSession spark, RunContext context, PipelineConfig config,
            Consumer<StageResult> onStageDone) {
        List<StageResult> results = new ArrayList<>();
        for (PipelineStage stage : config.stages()) {
            StageResult result = runStage(spark, context, config, stage);
            results.add(result);
            onStageDone.accept(result);
        }
        return results;
    }

    public static StageResult runStage(SparkSession spark, RunContext context, PipelineConfig config, PipelineStage stage) {
        return switch (stage) {
            case INGEST -> IngestJob.run(spark, context, config.ingest());
            case EXACT_DEDUP -> ExactDedupJob.run(spark, context, config.exactDedup());
            case FUZZY_DEDUP -> FuzzyDedupJob.run(spark, context, config.fuzzyDedup());
            case QUALITY -> QualityJob.run(spark, context, config.quality());
            case DECONTAMINATE -> DecontaminateJob.run(spark, context, config.decontaminate());
            case INFER -> InferJob.run(spark, context, config.infer());
            case EMBED -> EmbedJob.run(spark, context, config.embed());
            case SEMANTIC_DEDUP -> SemanticDedupJob.run(spark, context, config.semanticDedup());
            case SELECT -> SelectJob.run(spark, context, config.select());
            case TOKENIZE -> TokenizeJob.run(spark, context,
                    config.tokenize().withTokenizer(LocalPaths.underWarehouse(context, config.tokenize().tokenizer())));
        };
    }
}
