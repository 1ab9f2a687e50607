package io.winnow.dedup.fuzzy;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.winnow.core.run.ConfigHash;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageCounts;
import io.winnow.core.run.StageExecution;
import io.winnow.core.run.StageOutcome;
import io.winnow.core.run.StageResult;
import io.winnow.core.run.StageSpec;
import io.winnow.core.table.ConcurrentWrites;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Quarantine;
import io.winnow.core.table.Tables;
import io.winnow.core.text.Murmur3;
import io.winnow.dedup.exact.ExactDedupJob;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * Stage {@code fuzzy_dedup}: MinHash-LSH with distributed connected components, the MT-NLG /
 * NeMo Curator method. Signatures -> band buckets -> star edges to two bucket anchors -> optional
 * Jaccard verification -> large-star/small-star components -> one representative per component.
 */
public final class FuzzyDedupJob {
    public static final String STAGE = "fuzzy_dedup";
    static final String NEAR_DUPLICATE = "near_duplicate";

    private FuzzyDedupJob() {}

    public static StageResult run(SparkSession spark, RunContext context, FuzzyDedupConfig config) {
        String inputPath = context.warehouse().resolve(config.input());
        Dataset<Row> input = DeltaTables.read(spark, inputPath, ExactDedupJob.STAGE);
        DeltaTables.requireColumn(input, inputPath, "doc_id", DataTypes.StringType);
        DeltaTables.requireColumn(input, inputPath, "text", DataTypes.StringType);
        Map<String, String> inputVersions = new LinkedHashMap<>();
        inputVersions.put(inputPath, "v" + DeltaTables.version(spark, inputPath));
        Dataset<Row> existing = null;
        if (config.existingSignatures() != null) {
            String existingPath = context.warehouse().resolve(config.existingSignatures());
            existing = DeltaTables.read(spark, existingPath, STAGE + " (with fuzzy-dedup.signatures set)");
            DeltaTables.requireColumn(existing, existingPath, "signature", DataTypes.createArrayType(DataTypes.LongType, true));
            // The signatures table may be overwritten below: pin the version read (a local checkpoint
            // would also do, but its blocks die with their executor and cannot be recomputed).
            long existingVersion = DeltaTables.version(spark, existingPath);
            existing = DeltaTables.readVersion(spark, existingPath, existingVersion);
            inputVersions.put(existingPath, "v" + existingVersion);
        }
        List<String> owned = new ArrayList<>(List.of(context.warehouse().resolve(config.output()),
                context.warehouse().resolve(config.duplicates())));
        if (config.signatures() != null) {
            owned.add(context.warehouse().resolve(config.signatures()));
        }
        StageSpec spec = new StageSpec(STAGE, ConfigHash.of(config), inputVersions, owned);
        Dataset<Row> existingSignatures = existing;
        return StageExecution.execute(spark, context, spec,
                () -> deduplicate(spark, context, config, input, existingSignatures));
    }

    private static StageOutcome deduplicate(SparkSession spark, RunContext context, FuzzyDedupConfig config,
            Dataset<Row> input, Dataset<Row> existing) {
        Dataset<Row> documents = DeltaTables.withMissingColumns(input, Tables.DOCUMENT_SCHEMA);
        Column invalidRow = Quarantine.missingIdOrText();
        List<Dataset<?>> cached = new ArrayList<>();
        try {
            // Signatures are kept (2 KB a document) only where something reads them after banding: the
            // signatures table, the estimate (verification by signature or off) or an incremental run. By
            // default only the band keys are cached; texts are re-read later for candidate pairs alone.
            boolean keepSignatures = config.signatures() != null || config.verification() != Verification.EXACT
                    || existing != null;
            Column minhash = keepSignatures
                    ? udf(new SignatureFunction(config), SignatureFunction.RESULT).apply(col("text"))
                    : struct(lit(null).cast(SignatureFunction.LONGS).as("signature"),
                            udf(new SignatureFunction(config).bandsOnly(), SignatureFunction.LONGS).apply(col("text")).as("bands"));
            Dataset<Row> signed = documents.where(not(invalidRow))
                    .select(col("doc_id"), col("source_file"), col("source_line"), minhash.as("minhash"))
                    .select(col("doc_id"), col("source_file"), col("source_line"), col("minhash.signature").as("signature"),
                            col("minhash.bands").as("bands"))
                    .withColumn("node", monotonically_increasing_id())
                    .withColumn("existing", lit(false))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            cached.add(signed);
            // Filtered on the band keys, not the signature: a scan of the cache then never reads the signatures.
            Dataset<Row> nodes = signed.where(col("bands").isNotNull());
            if (existing != null) {
                // Negative ids keep existing nodes apart from new ones.
                nodes = nodes.unionByName(existing.select(col("doc_id"),
                        lit(null).cast(DataTypes.StringType).as("source_file"), lit(null).cast(DataTypes.LongType).as("source_line"),
                        col("signature"), udf(new BandKeysFunction(config.lsh()), DataTypes.createArrayType(DataTypes.LongType, true))
                                .apply(col("signature")).as("bands"),
                        monotonically_increasing_id().plus(1).multiply(-1).as("node"), lit(true).as("existing")));
                nodes = nodes.persist(StorageLevel.MEMORY_AND_DISK());
                cached.add(nodes);
            }

            Map<String, Long> detail = new HashMap<>();
            PhaseTimer timer = new PhaseTimer(detail);
            detail.put("documents_with_signature", nodes.count());
            timer.lap("signatures");
            Dataset<Row> edges = verifiedEdges(config, documents, nodes, existing != null, detail, cached);
            timer.lap("candidates_and_verification");
            ConnectedComponents.Result components = ConnectedComponents.compute(edges.select("src", "dst"), config.maxIterations());
            cached.addAll(components.cached());
            detail.put("cc_rounds", (long) components.rounds());
            timer.lap("connected_components");

            Dataset<Row> similarity = edges.select(col("src").as("node"), col("similarity"))
                    .unionByName(edges.select(col("dst").as("node"), col("similarity")))
                    .groupBy("node").agg(max("similarity").as("max_similarity"));
            Column[] order = Stream.concat(Stream.of(col("existing").desc()), Stream.of(config.keep().order()))
                    .toArray(Column[]::new);
            WindowSpec byComponent = Window.partitionBy("component").orderBy(order);
            UserDefinedFunction componentId = udf((UDF1<String, String>) Murmur3::hex64, DataTypes.StringType);
            // Cached behind a short plan: the writes below derive three Datasets from it, and planning each
            // against the whole signature / verification / components lineage cost seconds of driver time.
            Dataset<Row> members = ConnectedComponents.cachedWithShortPlan(components.labels()
                    .join(nodes.select("node", "doc_id", "source_file", "source_line", "existing"), "node")
                    .join(similarity, "node")
                    .withColumn("rank", row_number().over(byComponent))
                    .withColumn("representative", first("doc_id").over(byComponent))
                    .withColumn("component_id", componentId.apply(min("doc_id").over(Window.partitionBy("component")))));
            cached.add(members);
            Row componentCounts = members.agg(expr("count(distinct component)"), expr("count_if(NOT existing)")).head();
            detail.put("components", componentCounts.getLong(0));
            detail.put("documents_in_components", componentCounts.getLong(1));
            timer.lap("representatives");

            Dataset<Row> duplicates = members.where(col("rank").gt(1).and(not(col("existing")))).select(
                    col("doc_id"), col("component_id"), col("representative"), col("max_similarity"),
                    lit(NEAR_DUPLICATE).as("reason"));
            Dataset<Row> kept = documents.where(not(invalidRow)).join(duplicates.select("doc_id"), documents.col("doc_id")
                    .equalTo(duplicates.col("doc_id")), "left_anti");

            String outputPath = context.warehouse().resolve(config.output());
            String duplicatesPath = context.warehouse().resolve(config.duplicates());
            String quarantinePath = context.warehouse().resolve(config.quarantine());
            Map<String, Long> versions = new HashMap<>();
            long quarantinedRows;
            try (ConcurrentWrites writes = new ConcurrentWrites(3)) {
                writes.submit(duplicatesPath, () -> DeltaTables.overwrite(
                        DeltaTables.conform(duplicates, FuzzyTables.DUPLICATES_SCHEMA).coalesce(1), duplicatesPath));
                writes.submit(outputPath, () -> DeltaTables.overwrite(DeltaTables.conform(kept, Tables.DOCUMENT_SCHEMA), outputPath));
                if (config.signatures() != null) {
                    String signaturesPath = context.warehouse().resolve(config.signatures());
                    Dataset<Row> keptSignatures = signed.where(col("signature").isNotNull()).select("doc_id", "signature")
                            .join(duplicates.select("doc_id"), signed.col("doc_id").equalTo(duplicates.col("doc_id")), "left_anti");
                    if (existing != null) {
                        keptSignatures = existing.select("doc_id", "signature").unionByName(keptSignatures);
                    }
                    Dataset<Row> signaturesTable = DeltaTables.conform(keptSignatures, FuzzyTables.SIGNATURES_SCHEMA);
                    writes.submit(signaturesPath, () -> DeltaTables.overwrite(signaturesTable, signaturesPath));
                }
                Dataset<Row> quarantineRows = Quarantine.missingIdOrText(documents, STAGE, context.runId());
                quarantinedRows = Quarantine.replaceStageRowsCounted(quarantineRows, quarantinePath, STAGE);
                versions.put(quarantinePath, DeltaTables.version(spark, quarantinePath));
                versions.putAll(writes.awaitAll());
            }

            timer.lap("writes");
            long validRows = signed.count();
            detail.put("documents_without_shingles", validRows - detail.get("documents_with_signature")
                    + (existing == null ? 0 : existing.count()));
            long keptRows = DeltaTables.writtenRows(spark, outputPath, versions.get(outputPath));
            long droppedRows = DeltaTables.writtenRows(spark, duplicatesPath, versions.get(duplicatesPath));
            detail.put("dropped." + NEAR_DUPLICATE, droppedRows);
            StageCounts counts = new StageCounts(STAGE, validRows + quarantinedRows, keptRows, droppedRows, quarantinedRows, detail);
            return new StageOutcome(counts, versions);
        } finally {
            cached.forEach(Dataset::unpersist);
        }
    }

    /**
     * LSH candidate pairs, then verified. When verifying, every pair inside a bucket of at most
     * {@code pairwise-bucket-limit} members is checked; a larger (boilerplate) bucket links each
     * member to the bucket's two anchors, its smallest and largest node, so it stays linear.
     * Without verification stars alone suffice: components make the links transitive.
     * Columns: src, dst, similarity.
     */
    static Dataset<Row> verifiedEdges(FuzzyDedupConfig config, Dataset<Row> documents, Dataset<Row> nodes,
            boolean incremental, Map<String, Long> detail, List<Dataset<?>> cached) {
        // One shuffle of (bucket, node) rows, grouped per partition, keeping buckets that hold two or more
        // documents. Band keys already mix in the band index, so the key alone names a band's bucket. Not a
        // Spark groupBy: nearly all of the documents x bands keys are singletons, which a partial hash
        // aggregation keeps in its map and shuffles only to drop.
        Dataset<LshBucket> buckets = nodes.select(explode(col("bands")).as("bucket"), col("node"))
                .repartition(col("bucket"))
                .mapPartitions(new BucketScanFunction(), Encoders.bean(LshBucket.class))
                .persist(StorageLevel.MEMORY_AND_DISK());
        cached.add(buckets);
        int limit = config.verification() == Verification.OFF ? 1 : config.pairwiseBucketLimit();
        Row bucketCounts = buckets.agg(count(lit(1)), expr("count_if(size(members) > " + limit + ")")).head();
        detail.put("buckets_with_candidates", bucketCounts.getLong(0));
        detail.put("star_buckets", bucketCounts.getLong(1));
        PhaseTimer timer = new PhaseTimer(detail);

        Dataset<Row> candidates = buckets.flatMap(new BucketEdgesFunction(limit), Encoders.tuple(Encoders.LONG(), Encoders.LONG()))
                .toDF("src", "dst")
                .distinct();
        candidates = candidates.persist(StorageLevel.MEMORY_AND_DISK());
        cached.add(candidates);
        candidates.count();
        timer.lap("candidate_pairs");
        // Only documents in some candidate pair need their signature or text: a semi-join, which AQE
        // turns into a broadcast while the candidates are few, keeps the big tables out of the shuffles.
        Dataset<Row> candidateNodes = candidates.select(col("src").as("node"))
                .unionByName(candidates.select(col("dst").as("node"))).distinct();
        boolean exact = config.verification() == Verification.EXACT;
        // The signature estimate is needed unless every pair is checked exactly: it is the similarity
        // without verification, and with exact checks the fallback for existing documents (no text here).
        boolean estimate = !exact || incremental;
        Dataset<Row> involved = nodes.join(candidateNodes, nodes.col("node").equalTo(candidateNodes.col("node")), "left_semi")
                .select(estimate ? new Column[] {col("node"), col("doc_id"), col("signature")}
                        : new Column[] {col("node"), col("doc_id")})
                .persist(StorageLevel.MEMORY_AND_DISK());
        cached.add(involved);
        Dataset<Row> pairs = candidates;
        if (estimate) {
            Dataset<Row> left = involved.select(col("node").as("l_node"), col("signature").as("l_sig"));
            Dataset<Row> right = involved.select(col("node").as("r_node"), col("signature").as("r_sig"));
            pairs = pairs.join(left, col("src").equalTo(col("l_node")))
                    .join(right, col("dst").equalTo(col("r_node")))
                    .withColumn("estimated", expr("aggregate(zip_with(l_sig, r_sig, (x, y) -> IF(x = y, 1, 0)), 0, (a, v) -> a + v) / "
                            + config.lsh().numHashes()));
        }
        Column similarity = col("estimated");
        if (exact) {
            Dataset<Row> involvedIds = involved.select(col("node").as("t_node"), col("doc_id").as("t_doc"));
            // Cached: both sides of the pairs read it, and one scan of the documents is the expensive part.
            Dataset<Row> texts = documents.select(col("doc_id"), col("text"))
                    .join(involvedIds, col("doc_id").equalTo(col("t_doc")))
                    .select(col("t_node"), col("text"))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            cached.add(texts);
            UserDefinedFunction exactJaccard = udf(new ExactJaccardFunction(config), DataTypes.DoubleType);
            pairs = pairs.join(texts.select(col("t_node").as("ls"), col("text").as("l_text")), col("src").equalTo(col("ls")), "left")
                    .join(texts.select(col("t_node").as("rs"), col("text").as("r_text")), col("dst").equalTo(col("rs")), "left")
                    .withColumn("exact", exactJaccard.apply(col("l_text"), col("r_text")));
            // Pairs with an existing document (no text kept) fall back to the signature estimate.
            similarity = estimate ? coalesce(col("exact"), col("estimated")) : col("exact");
        }
        Dataset<Row> scored = pairs.select(col("src"), col("dst"), similarity.as("similarity"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        cached.add(scored);
        Column accepted = config.verification() == Verification.OFF ? lit(true)
                : col("similarity").geq(config.jaccardThreshold());
        // One job counts both; the verified edges are a filter over the cached pairs, not a second cache.
        Row pairCounts = scored.agg(count(lit(1)), count(when(accepted, lit(1)))).head();
        timer.lap("similarities");
        long candidatePairs = pairCounts.getLong(0);
        long verifiedPairs = pairCounts.getLong(1);
        detail.put("candidate_pairs", candidatePairs);
        Dataset<Row> verified = scored.where(accepted);
        detail.put("verified_pairs", verifiedPairs);
        detail.put("rejected_pairs", candidatePairs - verifiedPairs);
        return verified;
    }

}
