package io.winnow.jobs.cli;

import io.winnow.jobs.pipeline.PipelineStage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "quality", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Filter documents with the Gopher, C4 and FineWeb heuristics and score them with the quality classifier.",
            "Every document gets a row in the metrics table with all the rules it fails and every value measured,",
            "so you can re-threshold with SQL without recomputing. Thresholds: the quality section of conf/winnow.yaml."
        })
public final class QualityCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-i", "--input"}, paramLabel = "TABLE", description = "Documents table to read (quality.input).")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "TABLE", description = "Kept documents table (quality.output).")
    String output;

    @Option(names = "--metrics", paramLabel = "TABLE", description = "Per-document metrics and reasons (quality.metrics).")
    String metrics;

    @Option(names = "--classifier-policy", paramLabel = "POLICY",
            description = "off (score only), threshold or pareto (quality.classifier.policy).")
    String policy;

    @Option(names = "--classifier-threshold", paramLabel = "P",
            description = "Keep documents scoring at least P under the threshold policy (quality.classifier.threshold).")
    Double threshold;

    @Option(names = "--model", paramLabel = "DIR", description = "Quality classifier model (quality.classifier.model).")
    String model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("quality.input", input);
        overrides.put("quality.output", output);
        overrides.put("quality.metrics", metrics);
        overrides.put("quality.classifier.policy", policy);
        overrides.put("quality.classifier.threshold", threshold);
        overrides.put("quality.classifier.model", model);
        return StageRunSupport.runSingleStage(common, spec.commandLine().getOut(), overrides, PipelineStage.QUALITY,
                c -> List.of(c.quality().output(), c.quality().metrics()));
    }
}
