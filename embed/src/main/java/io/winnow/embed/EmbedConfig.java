package io.winnow.embed;

import static java.util.Objects.requireNonNull;

import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.DeviceMode;
import io.winnow.batchinfer.ModelCatalog;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.Granularity;
import io.winnow.batchinfer.Pooling;
import io.winnow.core.config.ConfigSection;
import io.winnow.core.table.Tables;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Config of the {@code embed} stage (YAML section {@code embed}): 2D-Matryoshka embeddings, several
 * (layer, dim) granularities of one model from one forward pass per batch.
 *
 * <p>The pairs come from exactly one of: {@code granularities} (a list of {@code "layer:dim"}), the grid
 * {@code layers x dims} (an empty {@code layers} means every layer, an empty {@code dims} the full hidden size;
 * both empty: every layer at full width), or {@code preset} ({@link Preset#STARBUCKS}).
 *
 * @param input table holding the texts
 * @param textColumn column with the text to embed
 * @param idColumn column with each row's id, written as doc_id
 * @param output table of vectors ({@link EmbedJob#OUTPUT_SCHEMA})
 * @param model a built-in name or a path, as for the infer stage (a BERT-style encoder export)
 * @param pooling cls, mean or weighted-mean; null = the model's default (MiniLM mean, BGE cls)
 * @param granularities explicit (layer, dim) pairs, layers counted from 1
 * @param layers grid layers (1-based)
 * @param dims grid dims (prefix lengths)
 * @param preset a named pair list
 * @param maxTokens longer texts are truncated to this many tokens
 * @param tokenBudget a batch holds at most this many token positions (longest text x texts)
 * @param maxBatchSize a batch holds at most this many texts
 * @param intraOpThreads ONNX Runtime threads per task; 0 = {@code spark.task.cpus}
 * @param partitions repartition the input into this many partitions; 0 = keep, but at least Spark's default parallelism
 * @param device auto, cpu or gpu (the task's GPU, see {@code DevicePlacement})
 * @param quarantine table for rows without id or text
 */
public record EmbedConfig(
        String input,
        String textColumn,
        String idColumn,
        String output,
        String model,
        Pooling pooling,
        List<Granularity> granularities,
        List<Integer> layers,
        List<Integer> dims,
        Preset preset,
        int maxTokens,
        int tokenBudget,
        int maxBatchSize,
        int intraOpThreads,
        int partitions,
        DeviceMode device,
        String quarantine) implements Serializable {

    public static final String SECTION = "embed";
    public static final String DEFAULT_INPUT = "curated";
    public static final String DEFAULT_OUTPUT = "matryoshka_embeddings";
    public static final String DEFAULT_MODEL = "all-minilm-l6-v2";

    public EmbedConfig {
        requireNonNull(input, "input is null");
        requireNonNull(textColumn, "textColumn is null");
        requireNonNull(idColumn, "idColumn is null");
        requireNonNull(output, "output is null");
        requireNonNull(model, "model is null");
        requireNonNull(preset, "preset is null");
        requireNonNull(device, "device is null");
        requireNonNull(quarantine, "quarantine is null");
        granularities = List.copyOf(requireNonNull(granularities, "granularities is null"));
        layers = List.copyOf(requireNonNull(layers, "layers is null"));
        dims = List.copyOf(requireNonNull(dims, "dims is null"));
        List<String> ways = new ArrayList<>();
        if (!granularities.isEmpty()) {
            ways.add("granularities");
        }
        if (!layers.isEmpty() || !dims.isEmpty()) {
            ways.add("layers/dims");
        }
        if (preset != Preset.NONE) {
            ways.add("preset " + preset.configName());
        }
        if (ways.size() > 1) {
            throw EmbedErrors.conflictingGranularities(ways);
        }
        for (int value : layers) {
            checkArgument(value >= 1, "layers must be >= 1, got %s", value);
        }
        for (int value : dims) {
            checkArgument(value >= 1, "dims must be >= 1, got %s", value);
        }
        checkArgument(maxTokens >= 2, "maxTokens must be >= 2, got %s", maxTokens);
        checkArgument(tokenBudget >= maxTokens, "tokenBudget must be >= maxTokens (%s), got %s", maxTokens, tokenBudget);
        checkArgument(maxBatchSize >= 1, "maxBatchSize must be >= 1, got %s", maxBatchSize);
        checkArgument(intraOpThreads >= 0, "intraOpThreads must be >= 0, got %s", intraOpThreads);
        checkArgument(partitions >= 0, "partitions must be >= 0, got %s", partitions);
    }

    public static EmbedConfig defaults() {
        return new EmbedConfig(DEFAULT_INPUT, "text", "doc_id", DEFAULT_OUTPUT, DEFAULT_MODEL, null, List.of(), List.of(),
                List.of(), Preset.NONE, ModelSpec.DEFAULT_MAX_TOKENS, EncoderOptions.DEFAULT_TOKEN_BUDGET,
                EncoderOptions.DEFAULT_MAX_BATCH_SIZE, 0, 0, DeviceMode.AUTO, Tables.QUARANTINE);
    }

    public static EmbedConfig fromConfig(ConfigSection section) {
        EmbedConfig defaults = defaults();
        long maxTokens = section.integer("max-tokens", defaults.maxTokens(), 2, 8192);
        long tokenBudget = Math.min(Integer.MAX_VALUE,
                section.integer("token-budget", defaults.tokenBudget(), maxTokens, Long.MAX_VALUE));
        EmbedConfig config = new EmbedConfig(
                section.string("input", defaults.input()),
                section.string("text-column", defaults.textColumn()),
                section.string("id-column", defaults.idColumn()),
                section.string("output", defaults.output()),
                section.string("model", defaults.model()),
                section.enumValue("pooling", Pooling.class, defaults.pooling()),
                section.stringList("granularities", List.of()).stream().map(Granularity::parse).toList(),
                positiveIntegers(section, "layers"),
                positiveIntegers(section, "dims"),
                section.enumValue("preset", Preset.class, defaults.preset()),
                (int) maxTokens,
                (int) tokenBudget,
                (int) section.integer("max-batch-size", defaults.maxBatchSize(), 1, 1_000_000),
                (int) section.integer("intra-op-threads", defaults.intraOpThreads(), 0, 1024),
                (int) section.integer("partitions", defaults.partitions(), 0, 1_000_000),
                section.enumValue("device", DeviceMode.class, defaults.device()),
                section.string("quarantine", defaults.quarantine()));
        section.finish();
        return config;
    }

    private static List<Integer> positiveIntegers(ConfigSection section, String key) {
        List<Integer> out = new ArrayList<>();
        for (String value : section.stringList(key, List.of())) {
            try {
                int parsed = Integer.parseInt(value.trim());
                if (parsed >= 1) {
                    out.add(parsed);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw EmbedErrors.notAPositiveNumber(section.qualified(key), value);
        }
        return out;
    }

    /** The model this config names, with its max tokens and pooling (null: the model's) applied. */
    public ModelSpec modelSpec(org.apache.hadoop.conf.Configuration hadoopConfiguration) {
        ModelSpec spec = ModelCatalog.resolve(model, hadoopConfiguration).withMaxTokens(maxTokens);
        return pooling != null ? spec.withPooling(pooling) : spec;
    }

    public ModelSpec modelSpec() {
        return modelSpec(new org.apache.hadoop.conf.Configuration());
    }

    /** The (layer, dim) pairs for a model of {@code depth} layers and {@code hidden} dims, without repeats. */
    public List<Granularity> resolve(int depth, int hidden) {
        if (!granularities.isEmpty()) {
            return List.copyOf(new LinkedHashSet<>(granularities));
        }
        if (preset != Preset.NONE) {
            return preset.pairs(depth, hidden);
        }
        List<Integer> gridLayers = layers;
        if (gridLayers.isEmpty()) {
            gridLayers = new ArrayList<>();
            for (int layer = 1; layer <= depth; layer++) {
                gridLayers.add(layer);
            }
        }
        List<Integer> gridDims = dims.isEmpty() ? List.of(hidden) : dims;
        LinkedHashSet<Granularity> pairs = new LinkedHashSet<>();
        for (int layer : gridLayers) {
            for (int dim : gridDims) {
                pairs.add(new Granularity(layer, dim));
            }
        }
        return List.copyOf(pairs);
    }

    public EmbedConfig withTables(String inputTable, String outputTable) {
        return new EmbedConfig(inputTable, textColumn, idColumn, outputTable, model, pooling, granularities, layers, dims,
                preset, maxTokens, tokenBudget, maxBatchSize, intraOpThreads, partitions, device, quarantine);
    }

    public EmbedConfig withColumns(String newIdColumn, String newTextColumn) {
        return new EmbedConfig(input, newTextColumn, newIdColumn, output, model, pooling, granularities, layers, dims,
                preset, maxTokens, tokenBudget, maxBatchSize, intraOpThreads, partitions, device, quarantine);
    }

    public EmbedConfig withModel(String newModel, Pooling newPooling) {
        return new EmbedConfig(input, textColumn, idColumn, output, newModel, newPooling, granularities, layers, dims,
                preset, maxTokens, tokenBudget, maxBatchSize, intraOpThreads, partitions, device, quarantine);
    }

    public EmbedConfig withGranularities(List<Granularity> pairs) {
        return new EmbedConfig(input, textColumn, idColumn, output, model, pooling, pairs, List.of(), List.of(),
                Preset.NONE, maxTokens, tokenBudget, maxBatchSize, intraOpThreads, partitions, device, quarantine);
    }

    public EmbedConfig withGrid(List<Integer> gridLayers, List<Integer> gridDims) {
        return new EmbedConfig(input, textColumn, idColumn, output, model, pooling, List.of(), gridLayers, gridDims,
                Preset.NONE, maxTokens, tokenBudget, maxBatchSize, intraOpThreads, partitions, device, quarantine);
    }

    public EmbedConfig withPreset(Preset newPreset) {
        return new EmbedConfig(input, textColumn, idColumn, output, model, pooling, List.of(), List.of(), List.of(),
                newPreset, maxTokens, tokenBudget, maxBatchSize, intraOpThreads, partitions, device, quarantine);
    }

    public EmbedConfig withParallelism(int newPartitions, int newIntraOpThreads) {
        return new EmbedConfig(input, textColumn, idColumn, output, model, pooling, granularities, layers, dims,
                preset, maxTokens, tokenBudget, maxBatchSize, newIntraOpThreads, newPartitions, device, quarantine);
    }

    private static void checkArgument(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(format, args));
        }
    }
}
