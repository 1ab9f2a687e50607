package io.winnow.dedup.semantic;

import static java.util.Objects.requireNonNull;

import io.winnow.core.config.ConfigSection;
import io.winnow.core.error.WinnowErrors;
import io.winnow.core.table.Tables;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Config of the {@code semantic_dedup} stage (YAML section {@code semantic-dedup}): SemDeDup (Abbas et al. 2023)
 * on an embeddings table.
 *
 * @param input table with one vector per document (the {@code infer} stage's {@code embeddings} by default)
 * @param idColumn column with the document id (string)
 * @param vectorColumn column with the vector, array&lt;float&gt; or array&lt;double&gt;
 * @param filter optional SQL predicate applied to the input first, e.g. {@code "layer = 6 AND dim = 384"} to pick
 *     one vector per document from a long-format table; null = all rows
 * @param documents optional documents table: when set the output holds the kept documents (all columns of
 *     this table) instead of kept ids, and {@code priority} may be used
 * @param priority optional SQL expression on the documents table; within a cluster, items with a higher value
 *     come first (and so are kept), {@code keep} breaks ties; null = order by {@code keep} only
 * @param output table of kept ids (doc_id, cluster_id) or of kept documents
 * @param duplicates table of removed items, one row per (doc_id, eps) for every eps at which it is removed
 * @param clusters k of the k-means; 0 = auto, min(100, max(1, n / 10)) for n vectors
 * @param maxIterations k-means iterations (SemDeDup: 100)
 * @param seed k-means and random-order seed (SemDeDup: 1234)
 * @param eps thresholds: an item is a duplicate when its max cosine to an earlier item in its cluster is
 *     {@code >= 1 - eps}; all are evaluated in one run (NeMo's {@code eps_to_extract})
 * @param outputEps the eps whose result is written to {@code output} (must be one of {@code eps})
 * @param keep order within a cluster: hard (farthest from the centroid first), easy, random
 * @param maxClusterSize clusters are compared in blocks of at most this many items per task (exact: every block
 *     pair of a cluster is compared), so one large cluster never has to fit one task
 * @param adaptive Matryoshka shortlist for the pairwise step ({@link AdaptiveShortlist#OFF}: every pair at full
 *     dimension)
 * @param quarantine table for rows with a null id or a null, empty, non-finite, zero or wrong-length vector
 */
public record SemanticDedupConfig(
        String input,
        String idColumn,
        String vectorColumn,
        String filter,
        String documents,
        String priority,
        String output,
        String duplicates,
        int clusters,
        int maxIterations,
        long seed,
        List<Double> eps,
        double outputEps,
        KeepOrder keep,
        int maxClusterSize,
        AdaptiveShortlist adaptive,
        String quarantine) implements Serializable {

    public static final String SECTION = "semantic-dedup";
    public static final String DEFAULT_INPUT = "embeddings";
    public static final String DEFAULT_OUTPUT = "semantic_deduped";
    public static final String DEFAULT_DUPLICATES = "semantic_duplicates";
    public static final List<Double> DEFAULT_EPS = List.of(0.01, 0.05, 0.1);
    public static final int DEFAULT_SHORTLIST = 32;

    public SemanticDedupConfig {
        requireNonNull(input, "input is null");
        requireNonNull(idColumn, "idColumn is null");
        requireNonNull(vectorColumn, "vectorColumn is null");
        requireNonNull(output, "output is null");
        requireNonNull(duplicates, "duplicates is null");
        requireNonNull(keep, "keep is null");
        requireNonNull(adaptive, "adaptive is null");
        requireNonNull(quarantine, "quarantine is null");
        filter = blankToNull(filter);
        documents = blankToNull(documents);
        priority = blankToNull(priority);
        eps = List.copyOf(requireNonNull(eps, "eps is null"));
        check(!eps.isEmpty(), "eps must list at least one value");
        for (double e : eps) {
            check(e > 0 && e < 1, "every eps must be in (0, 1), got " + e);
        }
        check(eps.stream().distinct().count() == eps.size(), "eps values must be distinct, got " + eps);
        check(eps.contains(outputEps), "outputEps (" + outputEps + ") must be one of eps " + eps);
        check(clusters >= 0, "clusters must be >= 0 (0 = auto), got " + clusters);
        check(maxIterations >= 1, "maxIterations must be >= 1, got " + maxIterations);
        check(maxClusterSize >= 2, "maxClusterSize must be >= 2, got " + maxClusterSize);
        check(priority == null || documents != null, "priority needs a documents table to evaluate it on");
    }

    public static SemanticDedupConfig defaults() {
        return new SemanticDedupConfig(DEFAULT_INPUT, "doc_id", "embedding", null, null, null, DEFAULT_OUTPUT,
                DEFAULT_DUPLICATES, 0, 100, 1234L, DEFAULT_EPS, DEFAULT_EPS.get(0), KeepOrder.HARD, 2000, new AdaptiveShortlist(0, DEFAULT_SHORTLIST), Tables.QUARANTINE);
    }

    public static SemanticDedupConfig fromConfig(ConfigSection section) {
        SemanticDedupConfig d = defaults();
        List<Double> eps = epsList(section, d.eps());
        double outputEps = section.has("output-eps") ? section.decimal("output-eps", eps.get(0), 0, 1) : eps.get(0);
        if (!eps.contains(outputEps)) {
            throw WinnowErrors.badConfigValue(section.source(), section.qualified("output-eps"), outputEps,
                    "one of the eps values " + eps);
        }
        String documents = section.string("documents", d.documents());
        String priority = section.string("priority", d.priority());
        if (blankToNull(priority) != null && blankToNull(documents) == null) {
            throw WinnowErrors.badConfigValue(section.source(), section.qualified("priority"), priority,
                    "no priority unless 'documents' names the documents table it is evaluated on");
        }
        SemanticDedupConfig config = new SemanticDedupConfig(
                section.string("input", d.input()),
                section.string("id-column", d.idColumn()),
                section.string("vector-column", d.vectorColumn()),
                section.string("filter", d.filter()),
                documents,
                priority,
                section.string("output", d.output()),
                section.string("duplicates", d.duplicates()),
                (int) section.integer("clusters", d.clusters(), 0, 10_000_000),
                (int) section.integer("max-iterations", d.maxIterations(), 1, 100_000),
                section.integer("seed", d.seed(), Long.MIN_VALUE, Long.MAX_VALUE),
                eps,
                outputEps,
                section.enumValue("keep", KeepOrder.class, d.keep()),
                (int) section.integer("max-cluster-size", d.maxClusterSize(), 2, 1_000_000),
                new AdaptiveShortlist((int) section.integer("adaptive-dim", d.adaptive().lowDim(), 0, 65_536),
                        (int) section.integer("adaptive-shortlist", d.adaptive().size(), 1, 1_000_000)),
                section.string("quarantine", d.quarantine()));
        section.finish();
        return config;
    }

    private static List<Double> epsList(ConfigSection section, List<Double> defaults) {
        String key = "eps";
        List<String> raw = section.stringList(key, null);
        if (raw == null) {
            return defaults;
        }
        List<Double> values = new ArrayList<>();
        for (String text : raw) {
            double value;
            try {
                value = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw WinnowErrors.badConfigValue(section.source(), section.qualified(key), raw,
                        "a list of numbers in (0, 1), e.g. [0.01, 0.05, 0.1]");
            }
            if (!(value > 0 && value < 1) || values.contains(value)) {
                throw WinnowErrors.badConfigValue(section.source(), section.qualified(key), raw,
                        "distinct numbers in (0, 1), e.g. [0.01, 0.05, 0.1] (a pair is a duplicate when cosine >= 1 - eps)");
            }
            values.add(value);
        }
        if (values.isEmpty()) {
            throw WinnowErrors.badConfigValue(section.source(), section.qualified(key), raw, "at least one eps value");
        }
        return List.copyOf(values);
    }

    public SemanticDedupConfig withTables(String inputTable, String outputTable, String duplicatesTable) {
        return new SemanticDedupConfig(inputTable, idColumn, vectorColumn, filter, documents, priority, outputTable,
                duplicatesTable, clusters, maxIterations, seed, eps, outputEps, keep, maxClusterSize, adaptive, quarantine);
    }

    public SemanticDedupConfig withInputColumns(String newIdColumn, String newVectorColumn, String newFilter) {
        return new SemanticDedupConfig(input, newIdColumn, newVectorColumn, newFilter, documents, priority, output,
                duplicates, clusters, maxIterations, seed, eps, outputEps, keep, maxClusterSize, adaptive, quarantine);
    }

    public SemanticDedupConfig withDocuments(String documentsTable, String newPriority) {
        return new SemanticDedupConfig(input, idColumn, vectorColumn, filter, documentsTable, newPriority, output,
                duplicates, clusters, maxIterations, seed, eps, outputEps, keep, maxClusterSize, adaptive, quarantine);
    }

    public SemanticDedupConfig withClustering(int newClusters, int newMaxIterations, long newSeed, int newMaxClusterSize) {
        return new SemanticDedupConfig(input, idColumn, vectorColumn, filter, documents, priority, output, duplicates,
                newClusters, newMaxIterations, newSeed, eps, outputEps, keep, newMaxClusterSize, adaptive, quarantine);
    }

    public SemanticDedupConfig withEps(List<Double> newEps, double newOutputEps, KeepOrder newKeep) {
        return new SemanticDedupConfig(input, idColumn, vectorColumn, filter, documents, priority, output, duplicates,
                clusters, maxIterations, seed, newEps, newOutputEps, newKeep, maxClusterSize, adaptive, quarantine);
    }

    public SemanticDedupConfig withAdaptive(AdaptiveShortlist newAdaptive) {
        return new SemanticDedupConfig(input, idColumn, vectorColumn, filter, documents, priority, output, duplicates,
                clusters, maxIterations, seed, eps, outputEps, keep, maxClusterSize, newAdaptive, quarantine);
    }

    /** k for n valid vectors: the configured value, or min(100, max(1, n / 10)); never more than n. */
    public int clustersFor(long n) {
        long k = clusters > 0 ? clusters : Math.min(100, Math.max(1, n / 10));
        return (int) Math.max(1, Math.min(k, Math.max(1, n)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
