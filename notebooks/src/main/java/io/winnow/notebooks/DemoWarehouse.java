package io.winnow.notebooks;

import io.winnow.jobs.WinnowCli;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the small warehouse the notebooks read, with the winnow command line, in one JVM so Spark starts once: the
 * default pipeline on the bundled demo data, 2D-Matryoshka embeddings at four (layer, dim) pairs, BPE tokenizers at
 * four sizes, the vocabulary analysis (with the UDHR language comparison when ../shared/data has it) and RDS+
 * selection with two baselines on the bundled instruction pool. Stages whose outputs are up to date are skipped, so a second call is quick.
 * Usage: {@code DemoWarehouse <warehouse> [extra command ...]}, e.g. {@code "select --warehouse W"} as one argument.
 */
public final class DemoWarehouse {
    /** The (layer:dim) pairs notebook 03 compares: a low and a high dimension of the last layer, and an early layer. */
    public static final String EMBED_GRANULARITIES = "3:64,6:32,6:128,6:384";
    /** Vocabulary sizes for notebook 05, small enough to train in seconds on the demo corpus. */
    public static final String VOCABULARY_SIZES = "500,1000,2000,4000";

    /** RDS+ and two baselines on the bundled demo pool, for notebook 04. */
    public static final String SELECTION_METHODS = "rds,random,balanced-random";

    private DemoWarehouse() {}

    /** The commands, in order; each is a winnow command line. */
    public static List<List<String>> commands(String warehouse) {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("run", "--warehouse", warehouse));
        commands.add(List.of("embed", "--warehouse", warehouse, "--granularities", EMBED_GRANULARITIES));
        commands.add(List.of("train-tokenizers", "--warehouse", warehouse, "--sizes", VOCABULARY_SIZES));
        List<String> vocabulary = new ArrayList<>(List.of("vocab-analysis", "--warehouse", warehouse));
        java.nio.file.Path udhr = NotebookSession.sharedData().resolve("multilingual/udhr2/udhr2.jsonl");
        if (java.nio.file.Files.isRegularFile(udhr)) {
            vocabulary.addAll(List.of("--multilingual", udhr.toString()));
        }
        commands.add(vocabulary);
        commands.add(List.of("select", "--warehouse", warehouse, "--methods", SELECTION_METHODS));
        return commands;
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: DemoWarehouse <warehouse> [\"extra winnow command\" ...]");
            System.exit(2);
        }
        List<List<String>> commands = commands(args[0]);
        for (int i = 1; i < args.length; i++) {
            commands.add(List.of(args[i].trim().split("\\s+")));
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = 0;
        for (List<String> command : commands) {
            long started = System.nanoTime();
            out.println("== winnow " + String.join(" ", command));
            code = WinnowCli.execute(out, err, command.toArray(String[]::new));
            out.printf("== exit %d after %.1f s%n", code, (System.nanoTime() - started) / 1e9);
            if (code != 0) {
                break;
            }
        }
        SparkSession.getActiveSession().foreach(session -> {
            session.stop();
            return null;
        });
        System.exit(code);
    }
}
