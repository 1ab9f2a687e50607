package io.winnow.dedup.fuzzy;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageResult;
import io.winnow.core.run.StageStatus;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.RowValues;
import io.winnow.core.table.Tables;
import io.winnow.core.testing.TestSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Planted near-duplicates made from real C4 documents: word edits, an inserted sentence, site
 * boilerplate, a chain of edits (for transitivity) and heavy rewrites that must stay apart.
 */
class FuzzyDedupJobTest {
    private static final List<Row> DOCUMENTS = new ArrayList<>();
    /** near-duplicate doc_id -> the original it was made from. */
    private static final Map<String, String> PLANTED = new HashMap<>();
    private static final List<String> MUST_STAY = new ArrayList<>();

    private final SparkSession spark = TestSpark.session();

    private static Row doc(String id, String text) {
        return RowFactory.create(id, "test", text, null, RowValues.map(Map.of()), "f.jsonl", 1L);
    }

    @BeforeAll
    static void plant() {
        List<String> originals = PlantedCorpus.c4Documents(40, 1200);
        for (int i = 0; i < originals.size(); i++) {
            String original = originals.get(i);
            String id = String.format("c4-%02d", i);
            DOCUMENTS.add(doc(id, original));
            String copy;
            String kind;
            switch (i % 5) {
                case 0 -> { copy = PlantedCorpus.replaceWords(original, 0.01, i); kind = "edit1"; }
                case 1 -> { copy = PlantedCorpus.replaceWords(original, 0.02, i); kind = "edit2"; }
                case 2 -> { copy = PlantedCorpus.insertSentence(original, "This sentence was added by a later edition of the page."); kind = "insert"; }
                case 3 -> { copy = PlantedCorpus.withBoilerplate(original); kind = "boilerplate"; }
                default -> {
                    copy = PlantedCorpus.replaceWords(original, 0.30, i);
                    kind = "rewrite";
                }
            }
            String copyId = id + "-" + kind;
            DOCUMENTS.add(doc(copyId, copy));
            if (kind.equals("rewrite")) {
                MUST_STAY.add(copyId);
            } else {
                PLANTED.put(copyId, id);
            }
        }
    }

    private RunContext warehouse(List<Row> rows, int partitions) {
        RunContext context = TestSpark.newRun();
        DeltaTables.overwrite(spark.createDataFrame(rows, Tables.DOCUMENT_SCHEMA).repartition(partitions),
                context.warehouse().resolve(Tables.EXACT_DEDUPED));
        return context;
    }

    private Map<String, String> duplicates(RunContext context, FuzzyDedupConfig config) {
        Map<String, String> out = new HashMap<>();
        DeltaTables.read(spark, context.warehouse().resolve(config.duplicates()), "x").collectAsList()
                .forEach(r -> out.put(r.getString(0), r.getString(2)));
        return out;
    }

    @Test
    void plantedNearDuplicatesAreFoundAndRewritesAndDistinctDocumentsStay() {
        RunContext context = warehouse(DOCUMENTS, 4);
        FuzzyDedupConfig config = FuzzyDedupConfig.defaults();
        StageResult result = FuzzyDedupJob.run(spark, context, config);

        Map<String, String> found = duplicates(context, config);
        assertThat(found).as("every planted near-duplicate merged into its original").isEqualTo(PLANTED);
        assertThat(found.keySet()).doesNotContainAnyElementsOf(MUST_STAY);
        assertThat(result.counts().in()).isEqualTo(DOCUMENTS.size());
        assertThat(result.counts().dropped()).isEqualTo(PLANTED.size());
        assertThat(result.counts().kept()).isEqualTo(DOCUMENTS.size() - PLANTED.size());
        assertThat(result.counts().detail()).containsEntry("components", (long) PLANTED.size())
                .containsKeys("candidate_pairs", "verified_pairs", "cc_rounds", "star_buckets");
        List<Row> rows = DeltaTables.read(spark, context.warehouse().resolve(config.duplicates()), "x").collectAsList();
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.getDouble(3)).as("max similarity of %s", r.getString(0)).isGreaterThanOrEqualTo(0.8);
            assertThat(r.getString(4)).isEqualTo("near_duplicate");
        });
    }

    @Test
    void componentsAreTransitiveAcrossAChainOfEdits() {
        String base = PlantedCorpus.c4Documents(1, 3000).get(0);
        // Each step edits 0.8% of the words: neighbours are close (Jaccard >= 0.9, which 20 x 13 LSH
        // misses with probability ~3e-4 per link), the ends of the chain far apart.
        List<Row> chain = new ArrayList<>();
        String current = base;
        for (int i = 0; i < 12; i++) {
            chain.add(doc("chain-" + (char) ('a' + i), current));
            current = PlantedCorpus.replaceWords(current, 0.008, 100 + i);
        }
        MinHasher hasher = new MinHasher(ShingleType.CHAR, 24, 1, 42);
        for (int i = 0; i + 1 < chain.size(); i++) {
            assertThat(MinHasher.jaccard(hasher.shingleSet(chain.get(i).getString(2).toLowerCase()),
                    hasher.shingleSet(chain.get(i + 1).getString(2).toLowerCase()))).as("link %d", i).isGreaterThanOrEqualTo(0.9);
        }
        double endToEnd = MinHasher.jaccard(hasher.shingleSet(base.toLowerCase()),
                hasher.shingleSet(chain.get(11).getString(2).toLowerCase()));
        assertThat(endToEnd).as("the chain's ends are not duplicates of each other").isLessThan(0.8);

        RunContext context = warehouse(chain, 3);
        FuzzyDedupJob.run(spark, context, FuzzyDedupConfig.defaults());
        Map<String, String> found = duplicates(context, FuzzyDedupConfig.defaults());
        assertThat(found).hasSize(11).containsValue("chain-a").allSatisfy((id, representative) ->
                assertThat(representative).isEqualTo("chain-a"));
    }

    @Test
    void resultsAreIdenticalAcrossPartitioningsAndReruns() {
        FuzzyDedupConfig config = FuzzyDedupConfig.defaults();
        List<List<Row>> outcomes = new ArrayList<>();
        for (int partitions : new int[] {1, 5}) {
            RunContext context = warehouse(DOCUMENTS, partitions);
            FuzzyDedupJob.run(spark, context, config);
            outcomes.add(DeltaTables.read(spark, context.warehouse().resolve(config.duplicates()), "x")
                    .orderBy("doc_id").collectAsList());
            StageResult rerun = FuzzyDedupJob.run(spark, new RunContext("forced", context.warehouse(), true), config);
            assertThat(rerun.status()).isEqualTo(StageStatus.SUCCEEDED);
            outcomes.add(DeltaTables.read(spark, context.warehouse().resolve(config.duplicates()), "x")
                    .orderBy("doc_id").collectAsList());
        }
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isEqualTo(outcomes.get(0)));
    }

    @Test
    void newDocumentsAreDeduplicatedAgainstPersistedSignatures() {
        List<Row> originals = DOCUMENTS.stream().filter(r -> r.getString(0).indexOf('-', 3) < 0).toList();
        List<Row> copies = DOCUMENTS.stream().filter(r -> r.getString(0).indexOf('-', 3) > 0).toList();
        RunContext context = warehouse(originals, 2);
        FuzzyDedupConfig first = FuzzyDedupConfig.defaults();
        StageResult initial = FuzzyDedupJob.run(spark, context, first);
        assertThat(initial.counts().dropped()).isZero();
        assertThat(DeltaTables.read(spark, context.warehouse().resolve(first.signatures()), "x").count()).isEqualTo(originals.size());

        DeltaTables.overwrite(spark.createDataFrame(copies, Tables.DOCUMENT_SCHEMA), context.warehouse().resolve("new_batch"));
        FuzzyDedupConfig incremental = first.withTables("new_batch", "new_batch_kept", "new_batch_duplicates",
                first.signatures(), first.signatures());
        StageResult result = FuzzyDedupJob.run(spark, context, incremental);

        assertThat(duplicates(context, incremental)).isEqualTo(PLANTED);
        assertThat(result.counts().kept()).isEqualTo(MUST_STAY.size());
        assertThat(DeltaTables.read(spark, context.warehouse().resolve("new_batch_kept"), "x").select("doc_id")
                .as(Encoders.STRING()).collectAsList()).containsExactlyInAnyOrderElementsOf(MUST_STAY);
        assertThat(DeltaTables.read(spark, context.warehouse().resolve(first.signatures()), "x").count())
                .as("signatures now cover the old documents and the new kept ones").isEqualTo(originals.size() + MUST_STAY.size());
    }

    @Test
    void withoutVerificationEveryCandidatePairIsConnected() {
        RunContext context = warehouse(DOCUMENTS, 2);
        FuzzyDedupConfig config = FuzzyDedupConfig.defaults().withVerification(Verification.OFF, 0.8);
        StageResult result = FuzzyDedupJob.run(spark, context, config);
        assertThat(result.counts().detail().get("verified_pairs")).isEqualTo(result.counts().detail().get("candidate_pairs"));
        assertThat(duplicates(context, config)).containsAllEntriesOf(PLANTED);
    }

    @Test
    void wordShinglesFindTheSameEditsAsCharacterShingles() {
        RunContext context = warehouse(DOCUMENTS, 2);
        FuzzyDedupConfig config = FuzzyDedupConfig.defaults().withShingles(ShingleType.WORD, 5)
                .withLsh(new LshParameters(14, 8));
        FuzzyDedupJob.run(spark, context, config);
        Map<String, String> found = duplicates(context, config);
        assertThat(found.keySet()).doesNotContainAnyElementsOf(MUST_STAY);
        assertThat(found).containsAllEntriesOf(Map.of("c4-00-edit1", "c4-00", "c4-03-boilerplate", "c4-03"));
    }

    @Test
    void identicalShortBoilerplateDocumentsFormOneGiantBucketWithoutAPairExplosion() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(doc(String.format("cookie-%03d", i), "We use cookies to improve your experience. Accept all cookies."));
        }
        rows.add(doc("other", "A completely different and much longer document about rivers and bridges."));
        RunContext context = warehouse(rows, 2);
        FuzzyDedupConfig config = FuzzyDedupConfig.defaults().withPairwiseBucketLimit(100);
        StageResult result = FuzzyDedupJob.run(spark, context, config);
        assertThat(result.counts().detail().get("star_buckets")).isEqualTo(20L);
        assertThat(result.counts().detail().get("candidate_pairs")).as("star edges, not 300*299/2 pairs").isLessThanOrEqualTo(600L);
        assertThat(result.counts().kept()).isEqualTo(2);
        assertThat(DeltaTables.read(spark, context.warehouse().resolve(config.output()), "x").where(col("doc_id").equalTo("cookie-000"))
                .count()).isEqualTo(1);
    }
}
