package io.winnow.jobs.cli;

import io.winnow.dedup.fuzzy.LshParameters;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "lsh-params", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Pick MinHash-LSH bands x rows for a Jaccard threshold and print the S-curve (no Spark needed).",
            "Chooses the split minimising the weighted false-positive plus false-negative area."
        })
public final class LshParamsCommand implements Callable<Integer> {
    @Option(names = "--threshold", paramLabel = "J", defaultValue = "0.8", description = "Target Jaccard threshold (default 0.8).")
    double threshold;

    @Option(names = "--hashes", paramLabel = "N", defaultValue = "260", description = "Most hashes allowed, bands x rows <= N (default 260).")
    int hashes;

    @Option(names = "--bands", paramLabel = "B", description = "Show this bands x rows instead of choosing (with --rows).")
    Integer bands;

    @Option(names = "--rows", paramLabel = "R", description = "Rows per band, with --bands.")
    Integer rows;

    @Option(names = "--false-positive-weight", paramLabel = "W", defaultValue = "0.5")
    double falsePositiveWeight;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LshParameters parameters = bands != null && rows != null ? new LshParameters(bands, rows)
                : LshParameters.choose(threshold, hashes, falsePositiveWeight, 1.0 - falsePositiveWeight);
        out.print(parameters.sCurve());
        out.println();
        out.printf("Set in the config: fuzzy-dedup.lsh.bands: %d, fuzzy-dedup.lsh.rows: %d%n", parameters.bands(), parameters.rows());
        out.flush();
        return 0;
    }
}
