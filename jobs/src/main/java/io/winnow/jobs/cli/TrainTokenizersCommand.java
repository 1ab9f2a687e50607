package io.winnow.jobs.cli;

import io.winnow.core.run.RunContext;
import io.winnow.jobs.pipeline.LocalPaths;
import io.winnow.jobs.pipeline.PipelineConfig;
import io.winnow.tokenization.BpeTrainingJob;
import io.winnow.tokenization.TokenizationJobs;
import io.winnow.tokenization.TrainTokenizersConfig;
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

@Command(name = "train-tokenizers", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train byte-level BPE tokenizers at several vocabulary sizes in one pass: pre-token counts on the",
            "executors, exact merges on the driver. Writes <output-dir>/bpe-<size>/tokenizer.json (HuggingFace format,",
            "loadable by DJL and the tokenizers library); a smaller size's merges are a prefix of a larger one's."
        })
public final class TrainTokenizersCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-i", "--input"}, paramLabel = "TABLE|FILE",
            description = "Documents table or .jsonl/.parquet file (train-tokenizers.input). Default: curated.")
    String input;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR",
            description = "Where the tokenizers go (train-tokenizers.output-dir); relative paths go under the warehouse.")
    String outputDir;

    @Option(names = "--sizes", paramLabel = "LIST", split = ",", description = "Vocabulary sizes (train-tokenizers.vocab-sizes).")
    List<Integer> sizes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("train-tokenizers.input", input);
        overrides.put("train-tokenizers.output-dir", outputDir);
        overrides.put("train-tokenizers.vocab-sizes", sizes == null ? null : sizes.stream().map(String::valueOf).toList());
        overrides.values().removeIf(java.util.Objects::isNull);
        PipelineConfig config = common.loadConfig(overrides);
        RunContext context = common.runContext(config);
        SparkSession spark = common.openSpark(config);
        TrainTokenizersConfig training = config.trainTokenizers();
        training = training.withInput(training.input(), LocalPaths.underWarehouse(context, training.outputDir()));
        BpeTrainingJob.Result result = TokenizationJobs.trainTokenizers(spark, context, training);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Trained on %,d documents (%,d characters, %,d distinct pre-tokens) in %.1f s (%.2f MB/s)%n",
                result.documents(), result.characters(), result.distinctPreTokens(), result.totalSeconds(),
                result.megabytesPerSecond());
        for (BpeTrainingJob.TrainedTokenizer tokenizer : result.tokenizers()) {
            out.printf("  vocab %,7d  merges %,7d  %s%n", tokenizer.vocabSize(), tokenizer.merges(), tokenizer.path());
        }
        out.flush();
        return 0;
    }
}
