package io.winnow.jobs.pipeline;

import static java.util.Objects.requireNonNull;

import io.winnow.core.config.ConfigSection;
import io.winnow.core.ingest.IngestConfig;
import io.winnow.dedup.exact.ExactDedupConfig;
import io.winnow.batchinfer.InferConfig;
import io.winnow.dedup.decontamination.DecontaminationConfig;
import io.winnow.dedup.fuzzy.FuzzyDedupConfig;
import io.winnow.dedup.semantic.SemanticDedupConfig;
import io.winnow.embed.EmbedConfig;
import io.winnow.selection.classifier.QualityClassifierConfig;
import io.winnow.selection.quality.QualityConfig;
import io.winnow.selection.rds.SelectConfig;
import io.winnow.tokenization.TokenizeConfig;
import io.winnow.tokenization.TrainTokenizersConfig;
import io.winnow.tokenization.VocabularyAnalysisConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole YAML file: where the warehouse is, how to start Spark, which stages to run, and one
 * section per stage. Every key is optional; unknown keys anywhere are errors.
 */
public record PipelineConfig(
        String warehouse,
        SparkSettings spark,
        List<PipelineStage> stages,
        IngestConfig ingest,
        ExactDedupConfig exactDedup,
        FuzzyDedupConfig fuzzyDedup,
        QualityConfig quality,
        DecontaminationConfig decontaminate,
        TrainTokenizersConfig trainTokenizers,
        TokenizeConfig tokenize,
        VocabularyAnalysisConfig vocabAnalysis,
        InferConfig infer,
        EmbedConfig embed,
        SemanticDedupConfig semanticDedup,
        SelectConfig select) {

    public static final String DEFAULT_WAREHOUSE = "./warehouse";
    public static final List<PipelineStage> DEFAULT_STAGES = List.of(PipelineStage.INGEST, PipelineStage.EXACT_DEDUP, PipelineStage.FUZZY_DEDUP,
            PipelineStage.QUALITY, PipelineStage.DECONTAMINATE);

    public PipelineConfig {
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(spark, "spark is null");
        stages = List.copyOf(requireNonNull(stages, "stages is null"));
        requireNonNull(ingest, "ingest is null");
        requireNonNull(exactDedup, "exactDedup is null");
        requireNonNull(fuzzyDedup, "fuzzyDedup is null");
        requireNonNull(quality, "quality is null");
        requireNonNull(decontaminate, "decontaminate is null");
        requireNonNull(trainTokenizers, "trainTokenizers is null");
        requireNonNull(tokenize, "tokenize is null");
        requireNonNull(vocabAnalysis, "vocabAnalysis is null");
        requireNonNull(infer, "infer is null");
        requireNonNull(embed, "embed is null");
        requireNonNull(semanticDedup, "semanticDedup is null");
        requireNonNull(select, "select is null");
    }

    public static PipelineConfig fromConfig(ConfigSection root) {
        ConfigSection pipeline = root.section("pipeline");
        List<String> stageNames = pipeline.stringList("stages",
                DEFAULT_STAGES.stream().map(PipelineStage::configName).toList());
        List<PipelineStage> stages = new ArrayList<>();
        for (String name : stageNames) {
            stages.add(pipeline.parseEnum(pipeline.qualified("stages"), name, PipelineStage.class));
        }
        pipeline.finish();
        PipelineConfig config = new PipelineConfig(
                root.string("warehouse", DEFAULT_WAREHOUSE),
                SparkSettings.fromConfig(root.section("spark")),
                stages,
                IngestConfig.fromConfig(root.section(IngestConfig.SECTION)),
                ExactDedupConfig.fromConfig(root.section(ExactDedupConfig.SECTION)),
                FuzzyDedupConfig.fromConfig(root.section(FuzzyDedupConfig.SECTION)),
                QualityConfig.fromConfig(root.section(QualityConfig.SECTION),
                        QualityClassifierConfig.fromConfig(root.section(QualityClassifierConfig.SECTION))),
                DecontaminationConfig.fromConfig(root.section(DecontaminationConfig.SECTION)),
                TrainTokenizersConfig.fromConfig(root.section(TrainTokenizersConfig.SECTION)),
                TokenizeConfig.fromConfig(root.section(TokenizeConfig.SECTION)),
                VocabularyAnalysisConfig.fromConfig(root.section(VocabularyAnalysisConfig.SECTION)),
                InferConfig.fromConfig(root.section(InferConfig.SECTION)),
                EmbedConfig.fromConfig(root.section(EmbedConfig.SECTION)),
                SemanticDedupConfig.fromConfig(root.section(SemanticDedupConfig.SECTION)),
                SelectConfig.fromConfig(root.section(SelectConfig.SECTION)));
        root.finish();
        return config;
    }
}
