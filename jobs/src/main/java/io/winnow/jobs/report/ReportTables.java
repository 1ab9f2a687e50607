package io.winnow.jobs.report;

import static java.util.Objects.requireNonNull;

import io.winnow.core.table.Tables;
import io.winnow.jobs.pipeline.PipelineConfig;

/** The tables the HTML report reads, named as the pipeline config names them; absent ones are skipped. */
public record ReportTables(
        String quarantine,
        String exactDuplicates,
        String fuzzyDuplicates,
        String qualityMetrics,
        String embeddings,
        String matryoshkaEmbeddings,
        String semanticDuplicates,
        String tokenCounts,
        String vocabAnalysis,
        String vocabPlot) {
    public ReportTables {
        requireNonNull(quarantine, "quarantine is null");
        requireNonNull(exactDuplicates, "exactDuplicates is null");
        requireNonNull(fuzzyDuplicates, "fuzzyDuplicates is null");
        requireNonNull(qualityMetrics, "qualityMetrics is null");
        requireNonNull(embeddings, "embeddings is null");
        requireNonNull(matryoshkaEmbeddings, "matryoshkaEmbeddings is null");
        requireNonNull(semanticDuplicates, "semanticDuplicates is null");
        requireNonNull(tokenCounts, "tokenCounts is null");
        requireNonNull(vocabAnalysis, "vocabAnalysis is null");
        requireNonNull(vocabPlot, "vocabPlot is null");
    }

    public static ReportTables of(PipelineConfig config) {
        return new ReportTables(Tables.QUARANTINE, config.exactDedup().duplicates(), config.fuzzyDedup().duplicates(),
                config.quality().metrics(), config.infer().output(), config.embed().output(),
                config.semanticDedup().duplicates(), config.tokenize().output(), config.vocabAnalysis().output(),
                config.vocabAnalysis().plot());
    }
}
