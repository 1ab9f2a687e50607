package io.winnow.jobs.cli;

import io.winnow.core.run.RunContext;
import io.winnow.jobs.pipeline.LocalPaths;
import io.winnow.jobs.pipeline.PipelineConfig;
import io.winnow.tokenization.TokenizationJobs;
import io.winnow.tokenization.VocabularyAnalysis;
import io.winnow.tokenization.VocabularyAnalysisConfig;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "vocab-analysis", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Scaling laws with vocabulary (Tao et al. 2024): measure tokens per character of every trained tokenizer on",
            "your corpus, fit the paper's f(V), and predict the compute-optimal vocabulary for each non-vocabulary",
            "parameter count with the paper's three approaches, with the paper's f(V) and with your corpus's.",
            "Writes a Delta table and a PNG plot; optionally compares languages (UDHR)."
        })
public final class VocabAnalysisCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-i", "--input"}, paramLabel = "TABLE|FILE", description = "Corpus to measure (vocab-analysis.input).")
    String input;

    @Option(names = "--tokenizers-dir", paramLabel = "DIR", description = "Output of train-tokenizers (vocab-analysis.tokenizers-dir).")
    String tokenizersDir;

    @Option(names = "--non-vocab-params", paramLabel = "LIST", split = ",",
            description = "Non-vocabulary parameter counts, e.g. 3e9,7e9,70e9 (vocab-analysis.non-vocab-params).")
    List<String> nonVocabParams;

    @Option(names = "--multilingual", paramLabel = "FILE",
            description = "UDHR JSONL for a language comparison, e.g. ../shared/data/multilingual/udhr2/udhr2.jsonl.")
    String multilingual;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("vocab-analysis.input", input);
        overrides.put("vocab-analysis.tokenizers-dir", tokenizersDir);
        overrides.put("vocab-analysis.non-vocab-params", nonVocabParams);
        overrides.put("vocab-analysis.multilingual", multilingual);
        overrides.values().removeIf(java.util.Objects::isNull);
        PipelineConfig config = common.loadConfig(overrides);
        RunContext context = common.runContext(config);
        SparkSession spark = common.openSpark(config);
        VocabularyAnalysisConfig analysis = config.vocabAnalysis();
        analysis = analysis.withPaths(analysis.input(), LocalPaths.underWarehouse(context, analysis.tokenizersDir()),
                LocalPaths.underWarehouse(context, analysis.plot()), analysis.multilingual());
        VocabularyAnalysis.Result result = TokenizationJobs.vocabAnalysis(spark, context, analysis);
        print(spec.commandLine().getOut(), result);
        return 0;
    }

    private static void print(PrintWriter out, VocabularyAnalysis.Result result) {
        out.println(VocabularyAnalysis.report(result));
        out.printf("Table: %s%nPlot: %s%n", result.outputPath(), result.plot());
        out.flush();
    }
}
