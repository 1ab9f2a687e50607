package io.winnow.batchinfer;

import static java.util.Objects.requireNonNull;

import io.winnow.core.config.ConfigSection;
import io.winnow.core.table.Tables;
import java.io.Serializable;

/**
 * Config of the {@code infer} stage (YAML section {@code infer}).
 *
 * @param input table holding the texts
 * @param textColumn column with the text to embed
 * @param idColumn column with each row's id, written as doc_id
 * @param output table of embeddings ({@link InferJob#OUTPUT_SCHEMA})
 * @param model a built-in name ({@link ModelCatalog#BUILT_IN}) or a URI (local path, file:, hdfs://, s3a://) of a
 *     folder with one .onnx and its tokenizer.json, or of the .onnx file
 * @param pooling mean, cls or weighted-mean; null = the model's default (MiniLM mean, BGE cls, paths mean)
 * @param normalize L2-normalise vectors; null = the model's default (true)
 * @param precision label recorded with each vector; null = the model's (int8 for the -int8 built-ins, else fp32)
 * @param maxTokens longer texts are truncated to this many tokens
 * @param tokenBudget a batch holds at most this many token positions (longest text x texts)
 * @param maxBatchSize a batch holds at most this many texts (1 = per-row inference)
 * @param sortByLength sort by token length before batching; false = fixed-size batches in input order
 * @param sortWindow texts sorted together; a partition larger than this is handled in windows of this size
 *     (bounds memory: every text of a window is tokenized before the first batch runs)
 * @param intraOpThreads ONNX Runtime threads per task; 0 = {@code spark.task.cpus}
 * @param partitions repartition the input into this many partitions; 0 = keep, but at least Spark's default
 *     parallelism so every core works on a small input
 * @param device auto, cpu or gpu (see {@link DevicePlacement})
 * @param quarantine table for rows without id or text
 */
public record InferConfig(
        String input,
        String textColumn,
        String idColumn,
        String output,
        String model,
        Pooling pooling,
        Boolean normalize,
        Precision precision,
        int maxTokens,
        int tokenBudget,
        int maxBatchSize,
        boolean sortByLength,
        int sortWindow,
        int intraOpThreads,
        int partitions,
        DeviceMode device,
        String quarantine) implements Serializable {

    public static final String SECTION = "infer";
    public static final String DEFAULT_INPUT = "curated";
    public static final String DEFAULT_OUTPUT = "embeddings";
    public static final String DEFAULT_MODEL = "all-minilm-l6-v2";

    public InferConfig {
        requireNonNull(input, "input is null");
        requireNonNull(textColumn, "textColumn is null");
        requireNonNull(idColumn, "idColumn is null");
        requireNonNull(output, "output is null");
        requireNonNull(model, "model is null");
        requireNonNull(device, "device is null");
        requireNonNull(quarantine, "quarantine is null");
        checkArgument(maxTokens >= 2, "maxTokens must be >= 2, got %s", maxTokens);
        checkArgument(tokenBudget >= maxTokens, "tokenBudget must be >= maxTokens (%s), got %s", maxTokens, tokenBudget);
        checkArgument(maxBatchSize >= 1, "maxBatchSize must be >= 1, got %s", maxBatchSize);
        checkArgument(sortWindow >= 1, "sortWindow must be >= 1, got %s", sortWindow);
        checkArgument(intraOpThreads >= 0, "intraOpThreads must be >= 0, got %s", intraOpThreads);
        checkArgument(partitions >= 0, "partitions must be >= 0, got %s", partitions);
    }

    public static InferConfig defaults() {
        return new InferConfig(DEFAULT_INPUT, "text", "doc_id", DEFAULT_OUTPUT, DEFAULT_MODEL, null, null, null,
                ModelSpec.DEFAULT_MAX_TOKENS, EncoderOptions.DEFAULT_TOKEN_BUDGET, EncoderOptions.DEFAULT_MAX_BATCH_SIZE, true,
                50_000, 0, 0, DeviceMode.AUTO, Tables.QUARANTINE);
    }

    public static InferConfig fromConfig(ConfigSection section) {
        InferConfig defaults = defaults();
        long maxTokens = section.integer("max-tokens", defaults.maxTokens(), 2, 8192);
        long tokenBudget = Math.min(Integer.MAX_VALUE,
                section.integer("token-budget", defaults.tokenBudget(), maxTokens, Long.MAX_VALUE));
        InferConfig config = new InferConfig(
                section.string("input", defaults.input()),
                section.string("text-column", defaults.textColumn()),
                section.string("id-column", defaults.idColumn()),
                section.string("output", defaults.output()),
                section.string("model", defaults.model()),
                section.enumValue("pooling", Pooling.class, defaults.pooling()),
                section.has("normalize") ? Boolean.valueOf(section.bool("normalize", true)) : defaults.normalize(),
                section.enumValue("precision", Precision.class, defaults.precision()),
                (int) maxTokens,
                (int) tokenBudget,
                (int) section.integer("max-batch-size", defaults.maxBatchSize(), 1, 1_000_000),
                section.bool("sort-by-length", defaults.sortByLength()),
                (int) section.integer("sort-window", defaults.sortWindow(), 1, Integer.MAX_VALUE),
                (int) section.integer("intra-op-threads", defaults.intraOpThreads(), 0, 1024),
                (int) section.integer("partitions", defaults.partitions(), 0, 1_000_000),
                section.enumValue("device", DeviceMode.class, defaults.device()),
                section.string("quarantine", defaults.quarantine()));
        section.finish();
        return config;
    }

    /** The model this config names, with its pooling, normalisation, precision and max tokens applied. */
    public ModelSpec modelSpec() {
        return modelSpec(new org.apache.hadoop.conf.Configuration());
    }

    /** As {@link #modelSpec()}, reaching model URIs with the given Hadoop configuration. */
    public ModelSpec modelSpec(org.apache.hadoop.conf.Configuration hadoopConfiguration) {
        ModelSpec spec = ModelCatalog.resolve(model, hadoopConfiguration).withMaxTokens(maxTokens);
        if (pooling != null) {
            spec = spec.withPooling(pooling);
        }
        if (normalize != null) {
            spec = spec.withNormalize(normalize);
        }
        if (precision != null) {
            spec = spec.withPrecision(precision);
        }
        return spec;
    }

    public InferConfig withTables(String inputTable, String outputTable) {
        return new InferConfig(inputTable, textColumn, idColumn, outputTable, model, pooling, normalize, precision,
                maxTokens, tokenBudget, maxBatchSize, sortByLength, sortWindow, intraOpThreads, partitions, device, quarantine);
    }

    public InferConfig withColumns(String newIdColumn, String newTextColumn) {
        return new InferConfig(input, newTextColumn, newIdColumn, output, model, pooling, normalize, precision,
                maxTokens, tokenBudget, maxBatchSize, sortByLength, sortWindow, intraOpThreads, partitions, device, quarantine);
    }

    public InferConfig withModel(String newModel, Pooling newPooling, Boolean newNormalize) {
        return new InferConfig(input, textColumn, idColumn, output, newModel, newPooling, newNormalize, precision,
                maxTokens, tokenBudget, maxBatchSize, sortByLength, sortWindow, intraOpThreads, partitions, device, quarantine);
    }

    public InferConfig withBatching(int newTokenBudget, int newMaxBatchSize, boolean newSortByLength) {
        return new InferConfig(input, textColumn, idColumn, output, model, pooling, normalize, precision,
                maxTokens, newTokenBudget, newMaxBatchSize, newSortByLength, sortWindow, intraOpThreads, partitions, device,
                quarantine);
    }

    public InferConfig withSortWindow(int newSortWindow) {
        return new InferConfig(input, textColumn, idColumn, output, model, pooling, normalize, precision,
                maxTokens, tokenBudget, maxBatchSize, sortByLength, newSortWindow, intraOpThreads, partitions, device,
                quarantine);
    }

    public InferConfig withParallelism(int newPartitions, int newIntraOpThreads) {
        return new InferConfig(input, textColumn, idColumn, output, model, pooling, normalize, precision,
                maxTokens, tokenBudget, maxBatchSize, sortByLength, sortWindow, newIntraOpThreads, newPartitions, device,
                quarantine);
    }

    private static void checkArgument(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(format, args));
        }
    }
}
