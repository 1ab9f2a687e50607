package io.winnow.jobs;

import io.winnow.core.error.WinnowException;
import io.winnow.jobs.cli.DecontaminateCommand;
import io.winnow.jobs.cli.EmbedCommand;
import io.winnow.jobs.cli.ExactDedupCommand;
import io.winnow.jobs.cli.FuzzyDedupCommand;
import io.winnow.jobs.cli.LshParamsCommand;
import io.winnow.jobs.cli.QualityCommand;
import io.winnow.jobs.cli.QuantizeCommand;
import io.winnow.jobs.cli.InferCommand;
import io.winnow.jobs.cli.IngestCommand;
import io.winnow.jobs.cli.ReportCommand;
import io.winnow.jobs.cli.RunCommand;
import io.winnow.jobs.cli.SelectCommand;
import io.winnow.jobs.cli.SemanticDedupCommand;
import io.winnow.jobs.cli.ShowConfigCommand;
import io.winnow.jobs.cli.StsEvalCommand;
import io.winnow.jobs.cli.TokenizeCommand;
import io.winnow.jobs.cli.TrainQualityClassifierCommand;
import io.winnow.jobs.cli.TrainTokenizersCommand;
import io.winnow.jobs.cli.VocabAnalysisCommand;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "winnow", mixinStandardHelpOptions = true, version = "winnow 0.1.0",
        subcommands = {RunCommand.class, IngestCommand.class, ExactDedupCommand.class, FuzzyDedupCommand.class, QualityCommand.class,
            DecontaminateCommand.class, TrainQualityClassifierCommand.class, TrainTokenizersCommand.class,
            TokenizeCommand.class, VocabAnalysisCommand.class, InferCommand.class, QuantizeCommand.class,
            EmbedCommand.class, StsEvalCommand.class, SemanticDedupCommand.class, SelectCommand.class,
            LshParamsCommand.class, ReportCommand.class,
            ShowConfigCommand.class, CommandLine.HelpCommand.class},
        description = {
            "Winnow turns raw text corpora into training data: ingest, deduplicate, filter, select, embed.",
            "Every stage reads and writes Delta Lake tables (default ./warehouse) and records one row per",
            "stage in the run log table _runs.",
            "Start with `winnow run`: the default pipeline on the bundled demo data."
        },
        footer = {
            "",
            "Examples:",
            "  winnow run                                   default pipeline on data/demo/corpus",
            "  winnow run --input /data/crawl --warehouse /data/wh",
            "  winnow run --config conf/winnow.yaml --force",
            "  winnow ingest --input docs.jsonl.gz --id-field id",
            "  winnow exact-dedup --line-dedup line",
            "  winnow fuzzy-dedup --threshold 0.8",
            "  winnow quality --classifier-policy threshold --classifier-threshold 0.3",
            "  winnow train-quality-classifier              print the classifier's held-out ROC AUC",
            "  winnow decontaminate --tasks ../shared/data/eval",
            "  winnow train-tokenizers --sizes 1000,2000,4000,8000,16000",
            "  winnow vocab-analysis --non-vocab-params 3e9,7e9,70e9",
            "  winnow tokenize --tokenizer warehouse/_tokenizers/bpe-8000",
            "  winnow infer --model all-minilm-l6-v2-int8   embeddings of curated -> embeddings",
            "  winnow quantize --model bge-small-en-v1.5 --output bge-int8.onnx   int8 + its STS-B cost",
            "  winnow embed --preset starbucks               2D-Matryoshka embeddings of curated",
            "  winnow sts-eval --model bge-small-en-v1.5     STS-B dev Spearman per (layer, dim) + heatmap",
            "  winnow semantic-dedup --eps 0.01,0.05 --documents curated   SemDeDup over the embeddings table",
            "  winnow select --budget 100 --methods rds,random,balanced-random   RDS+ selection on the demo pool",
            "  winnow lsh-params --threshold 0.7 --hashes 250     pick bands x rows, print the S-curve",
            "  winnow report",
            "",
            "Exit codes: 0 ok, 1 stage failed, 2 bad config or options, 3 bad input or missing table.",
        })
public final class WinnowCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        int code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        SparkSession.getActiveSession().foreach(session -> {
            session.stop();
            return null;
        });
        System.exit(code);
    }

    /** Runs a command with the given streams and returns the exit code; never calls System.exit. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new WinnowCli());
        commandLine.setUsageHelpWidth(110);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            if (exception instanceof WinnowException winnow) {
                err.println("winnow: error [" + winnow.errorCode() + "]: " + winnow.getMessage());
                err.flush();
                return winnow.errorCode().exitCode();
            }
            exception.printStackTrace(err);
            err.println("winnow: unexpected error: " + exception + ". This is a bug in Winnow; the stack trace is above.");
            err.flush();
            return 1;
        });
        return commandLine.execute(args);
    }
}
