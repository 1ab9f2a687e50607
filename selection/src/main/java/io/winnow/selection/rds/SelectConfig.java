package io.winnow.selection.rds;

import static java.util.Objects.requireNonNull;

import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.core.config.ConfigSection;
import io.winnow.core.table.Tables;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Config of the {@code select} stage (YAML section {@code select}): RDS+ data selection and its baselines.
 *
 * @param pool pool sources as {@code source=path} (a file or folder of JSON / JSONL instruction records)
 * @param tasks target tasks as {@code task=path}, in round-robin order
 * @param budget how many pool items each method selects (K)
 * @param methods which selections to make; all share the budget and the output table
 * @param maxQueriesPerTask at most this many query examples per task (a seeded sample spread evenly over the
 *     task's files); 0 = all
 * @param model the encoder, a built-in name or a path; pooled with position-weighted mean on its final layer
 * @param maxTokens longer texts are truncated to this many tokens
 * @param tokenBudget a batch holds at most this many token positions
 * @param maxBatchSize a batch holds at most this many texts
 * @param intraOpThreads ONNX Runtime threads per task; 0 = {@code spark.task.cpus}
 * @param partitions pool partitions for encoding and scoring; 0 = Spark's default parallelism
 * @param seed seed of the random baselines, the query sample and k-means
 * @param prototypeClusters k for prototype pruning; 0 = the square root of the pool size
 * @param prototypeIterations k-means iterations
 * @param reuseEmbeddings keep the pool embeddings table when it already holds this model's vectors for every
 *     pool item (skip re-encoding)
 * @param poolTable the parsed pool ({@link SelectTables#POOL_SCHEMA})
 * @param embeddings pool vectors (the {@code embed} stage's schema)
 * @param output the selection table ({@link SelectTables#SELECTION_SCHEMA})
 * @param export folder under the warehouse with one JSONL export of the selected records per method ({@code method=<name>/})
 * @param quarantine table for records that cannot be read
 */
public record SelectConfig(
        List<NamedPath> pool,
        List<NamedPath> tasks,
        int budget,
        List<SelectionMethod> methods,
        int maxQueriesPerTask,
        String model,
        int maxTokens,
        int tokenBudget,
        int maxBatchSize,
        int intraOpThreads,
        int partitions,
        long seed,
        int prototypeClusters,
        int prototypeIterations,
        boolean reuseEmbeddings,
        String poolTable,
        String embeddings,
        String output,
        String export,
        String quarantine) implements Serializable {

    public static final String SECTION = "select";
    public static final List<String> DEFAULT_POOL = List.of("gpteacher-toolformer=data/demo/select/pool/gpteacher_toolformer.json",
            "gpteacher-codegen=data/demo/select/pool/gpteacher_codegen.json", "gsm8k-train=data/demo/select/pool/gsm8k_train.jsonl");
    public static final List<String> DEFAULT_TASKS = List.of("gsm8k=data/demo/eval/gsm8k/test.jsonl",
            "codex=data/demo/eval/humaneval/HumanEval.jsonl.gz", "bbh=data/demo/eval/bbh");

    public SelectConfig {
        pool = List.copyOf(requireNonNull(pool, "pool is null"));
        tasks = List.copyOf(requireNonNull(tasks, "tasks is null"));
        methods = List.copyOf(new LinkedHashSet<>(requireNonNull(methods, "methods is null")));
        requireNonNull(model, "model is null");
        requireNonNull(poolTable, "poolTable is null");
        requireNonNull(embeddings, "embeddings is null");
        requireNonNull(output, "output is null");
        requireNonNull(export, "export is null");
        requireNonNull(quarantine, "quarantine is null");
        checkArgument(!pool.isEmpty(), "pool must name at least one source=path");
        checkArgument(!methods.isEmpty(), "methods must name at least one method");
        checkArgument(!methods.contains(SelectionMethod.RDS) || !tasks.isEmpty(), "method rds needs at least one task=path");
        checkArgument(budget >= 1, "budget must be >= 1, got %s", budget);
        checkArgument(maxQueriesPerTask >= 0, "maxQueriesPerTask must be >= 0, got %s", maxQueriesPerTask);
        checkArgument(maxTokens >= 2, "maxTokens must be >= 2, got %s", maxTokens);
        checkArgument(tokenBudget >= maxTokens, "tokenBudget must be >= maxTokens (%s), got %s", maxTokens, tokenBudget);
        checkArgument(maxBatchSize >= 1, "maxBatchSize must be >= 1, got %s", maxBatchSize);
        checkArgument(intraOpThreads >= 0, "intraOpThreads must be >= 0, got %s", intraOpThreads);
        checkArgument(partitions >= 0, "partitions must be >= 0, got %s", partitions);
        checkArgument(prototypeClusters >= 0, "prototypeClusters must be >= 0, got %s", prototypeClusters);
        checkArgument(prototypeIterations >= 1, "prototypeIterations must be >= 1, got %s", prototypeIterations);
    }

    public static SelectConfig defaults() {
        return new SelectConfig(parse(DEFAULT_POOL), parse(DEFAULT_TASKS), 100, List.of(SelectionMethod.RDS), 100,
                "all-minilm-l6-v2", ModelSpec.DEFAULT_MAX_TOKENS, EncoderOptions.DEFAULT_TOKEN_BUDGET,
                EncoderOptions.DEFAULT_MAX_BATCH_SIZE, 0, 0, 42L, 0, 20, true, "select_pool", "select_embeddings",
                "selection", "select_export", Tables.QUARANTINE);
    }

    public static SelectConfig fromConfig(ConfigSection section) {
        SelectConfig defaults = defaults();
        List<NamedPath> pool = namedPaths(section, "pool", DEFAULT_POOL);
        List<NamedPath> tasks = namedPaths(section, "tasks", DEFAULT_TASKS);
        List<SelectionMethod> methods = new ArrayList<>();
        for (String name : section.stringList("methods", List.of("rds"))) {
            methods.add(section.parseEnum(section.qualified("methods"), name, SelectionMethod.class));
        }
        long maxTokens = section.integer("max-tokens", defaults.maxTokens(), 2, 8192);
        SelectConfig config = new SelectConfig(pool, tasks,
                (int) section.integer("budget", defaults.budget(), 1, Integer.MAX_VALUE),
                methods,
                (int) section.integer("max-queries-per-task", defaults.maxQueriesPerTask(), 0, 1_000_000),
                section.string("model", defaults.model()),
                (int) maxTokens,
                (int) Math.min(Integer.MAX_VALUE, section.integer("token-budget", defaults.tokenBudget(), maxTokens, Long.MAX_VALUE)),
                (int) section.integer("max-batch-size", defaults.maxBatchSize(), 1, 1_000_000),
                (int) section.integer("intra-op-threads", defaults.intraOpThreads(), 0, 1024),
                (int) section.integer("partitions", defaults.partitions(), 0, 1_000_000),
                section.integer("seed", defaults.seed(), Long.MIN_VALUE, Long.MAX_VALUE),
                (int) section.integer("prototype-clusters", defaults.prototypeClusters(), 0, 1_000_000),
                (int) section.integer("prototype-iterations", defaults.prototypeIterations(), 1, 10_000),
                section.bool("reuse-embeddings", defaults.reuseEmbeddings()),
                section.string("pool-table", defaults.poolTable()),
                section.string("embeddings", defaults.embeddings()),
                section.string("output", defaults.output()),
                section.string("export", defaults.export()),
                section.string("quarantine", defaults.quarantine()));
        section.finish();
        return config;
    }

    /** The encoder with this config's max tokens. */
    public ModelSpec modelSpec(org.apache.hadoop.conf.Configuration hadoopConfiguration) {
        return io.winnow.batchinfer.ModelCatalog.resolve(model, hadoopConfiguration).withMaxTokens(maxTokens);
    }

    public SelectConfig withBudget(int newBudget, List<SelectionMethod> newMethods) {
        return new SelectConfig(pool, tasks, newBudget, newMethods, maxQueriesPerTask, model, maxTokens, tokenBudget,
                maxBatchSize, intraOpThreads, partitions, seed, prototypeClusters, prototypeIterations, reuseEmbeddings,
                poolTable, embeddings, output, export, quarantine);
    }

    public SelectConfig withInputs(List<NamedPath> newPool, List<NamedPath> newTasks, int newMaxQueriesPerTask) {
        return new SelectConfig(newPool, newTasks, budget, methods, newMaxQueriesPerTask, model, maxTokens, tokenBudget,
                maxBatchSize, intraOpThreads, partitions, seed, prototypeClusters, prototypeIterations, reuseEmbeddings,
                poolTable, embeddings, output, export, quarantine);
    }

    public SelectConfig withEncoding(String newModel, int newMaxTokens, int newPartitions) {
        return new SelectConfig(pool, tasks, budget, methods, maxQueriesPerTask, newModel, newMaxTokens,
                Math.max(tokenBudget, newMaxTokens), maxBatchSize, intraOpThreads, newPartitions, seed, prototypeClusters,
                prototypeIterations, reuseEmbeddings, poolTable, embeddings, output, export, quarantine);
    }

    public SelectConfig withTables(String newOutput, String newExport) {
        return new SelectConfig(pool, tasks, budget, methods, maxQueriesPerTask, model, maxTokens, tokenBudget,
                maxBatchSize, intraOpThreads, partitions, seed, prototypeClusters, prototypeIterations, reuseEmbeddings,
                poolTable, embeddings, newOutput, newExport, quarantine);
    }

    public SelectConfig withPrototypes(int clusters, int iterations) {
        return new SelectConfig(pool, tasks, budget, methods, maxQueriesPerTask, model, maxTokens, tokenBudget,
                maxBatchSize, intraOpThreads, partitions, seed, clusters, iterations, reuseEmbeddings, poolTable,
                embeddings, output, export, quarantine);
    }

    private static List<NamedPath> namedPaths(ConfigSection section, String key, List<String> defaults) {
        List<NamedPath> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String value : section.stringList(key, defaults)) {
            NamedPath entry = NamedPath.parseOrNull(value);
            if (entry == null) {
                throw SelectErrors.badNamedPath(section.qualified(key), value);
            }
            if (!names.add(entry.name())) {
                throw SelectErrors.duplicateName(section.qualified(key), entry.name());
            }
            out.add(entry);
        }
        return out;
    }

    private static List<NamedPath> parse(List<String> values) {
        return values.stream().map(NamedPath::parseOrNull).toList();
    }

    private static void checkArgument(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(format, args));
        }
    }
}
