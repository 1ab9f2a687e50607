package io.winnow.tokenization;

import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageResult;
import org.apache.spark.sql.SparkSession;

/** The entry points behind {@code winnow train-tokenizers}, {@code winnow tokenize} and {@code winnow vocab-analysis}. */
public final class TokenizationJobs {
    private TokenizationJobs() {}

    /** Trains byte-level BPE once to the largest size and writes {@code bpe-<size>/tokenizer.json} for every size. */
    public static BpeTrainingJob.Result trainTokenizers(SparkSession spark, RunContext context, TrainTokenizersConfig config) {
        return BpeTrainingJob.run(spark, context, config);
    }

    /** Stage {@code tokenize}: per-document token counts (and optionally ids) into {@code config.output()}. */
    public static StageResult tokenize(SparkSession spark, RunContext context, TokenizeConfig config) {
        return TokenizeJob.run(spark, context, config);
    }

    /** Measures f(V), fits it, predicts the compute-optimal vocabulary; writes a Delta table and a PNG. */
    public static VocabularyAnalysis.Result vocabAnalysis(SparkSession spark, RunContext context,
            VocabularyAnalysisConfig config) {
        return VocabularyAnalysis.run(spark, context, config);
    }
}
