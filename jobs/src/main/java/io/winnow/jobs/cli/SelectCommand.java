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

@Command(name = "select", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "RDS+ data selection (Ivison et al. 2025): pool items and target-task examples in Tulu chat format are",
            "embedded (position-weighted mean of the final layer, unit length); an item's task score is its max cosine",
            "to the task's queries; tasks take turns picking their best remaining item until the budget is reached.",
            "Baselines under the same budget: random, balanced-random (by source), prototype-hard/-easy (k-means).",
            "Output: the selection table and one JSONL export of the selected raw records per method."
        })
public final class SelectCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--pool", paramLabel = "SOURCE=PATH", split = ",",
            description = "Pool sources, e.g. gpteacher=../shared/data/instruct/gpteacher/codegen-instruct.json (select.pool).")
    List<String> pool;

    @Option(names = "--task", paramLabel = "TASK=PATH", split = ",",
            description = "Target tasks in round-robin order, e.g. gsm8k=../shared/data/eval/gsm8k/train.jsonl (select.tasks).")
    List<String> tasks;

    @Option(names = {"-k", "--budget"}, paramLabel = "K", description = "How many items each method selects (select.budget).")
    Integer budget;

    @Option(names = "--methods", paramLabel = "LIST", split = ",",
            description = "rds, random, balanced-random, prototype-hard, prototype-easy (select.methods). Default: rds.")
    List<String> methods;

    @Option(names = "--max-queries", paramLabel = "N", description = "Query examples per task, 0 = all (select.max-queries-per-task).")
    Integer maxQueries;

    @Option(names = {"-m", "--model"}, paramLabel = "NAME|PATH", description = "Encoder, a built-in name or a path (select.model).")
    String model;

    @Option(names = {"-o", "--output"}, paramLabel = "TABLE", description = "Selection table (select.output).")
    String output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("select.pool", pool);
        overrides.put("select.tasks", tasks);
        overrides.put("select.budget", budget);
        overrides.put("select.methods", methods);
        overrides.put("select.max-queries-per-task", maxQueries);
        overrides.put("select.model", model);
        overrides.put("select.output", output);
        return StageRunSupport.runSingleStage(common, spec.commandLine().getOut(), overrides, PipelineStage.SELECT,
                c -> List.of(c.select().output(), c.select().export()));
    }
}
