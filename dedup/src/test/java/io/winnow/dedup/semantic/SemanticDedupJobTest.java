package io.winnow.dedup.semantic;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageCounts;
import io.winnow.core.run.StageResult;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.RowValues;
import io.winnow.core.table.Tables;
import io.winnow.core.testing.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SemanticDedupJobTest {
    private static final StructType EMBEDDINGS = new StructType()
            .add("doc_id", DataTypes.StringType, true)
            .add("embedding", DataTypes.createArrayType(DataTypes.FloatType, true), true)
            .add("dim", DataTypes.IntegerType, true);

    private final SparkSession spark = TestSpark.session();

    private static Row vec(String id, float... values) {
        List<Float> list = new ArrayList<>();
        for (float v : values) {
            list.add(v);
        }
        return RowFactory.create(id, values == null ? null : list, values == null ? null : values.length);
    }

    /**
     * Seven valid vectors: x1 = x2 (identical), x3 at cosine 0.99875 to them, y1/y2 at cosine 0.9496, z and w
     * orthogonal or far from everything.
     */
    private static final List<Row> VALID = List.of(
            vec("x1", 1, 0, 0, 0),
            vec("x2", 2, 0, 0, 0),
            vec("x3", 1, 0.05f, 0, 0),
            vec("y1", 0, 1, 0, 0),
            vec("y2", 0, 1, 0.33f, 0),
            vec("z", 0, 0, 0, 1),
            vec("w", 0, 0, 1, 0));

    private static List<Row> withBadRows() {
        List<Row> rows = new ArrayList<>(VALID);
        rows.add(vec(null, 1, 1, 1, 1));
        rows.add(RowFactory.create("q-null", null, null));
        rows.add(vec("q-empty"));
        rows.add(vec("q-short", 1, 0, 0));
        rows.add(vec("q-nan", 1, Float.NaN, 0, 0));
        rows.add(vec("q-zero", 0, 0, 0, 0));
        rows.add(vec("q-twice", 1, 1, 0, 0));
        rows.add(vec("q-twice", 0, 1, 1, 0));
        return rows;
    }

    private RunContext warehouseWith(List<Row> rows) {
        RunContext context = TestSpark.newRun();
        DeltaTables.overwrite(spark.createDataFrame(rows, EMBEDDINGS), context.warehouse().resolve("embeddings"));
        return context;
    }

    private static SemanticDedupConfig oneCluster(KeepOrder keep, int maxClusterSize) {
        return SemanticDedupConfig.defaults()
                .withClustering(1, 20, 7, maxClusterSize)
                .withEps(List.of(0.01, 0.05, 0.1), 0.1, keep);
    }

    private List<String> ids(RunContext context, String table) {
        return DeltaTables.read(spark, context.warehouse().resolve(table), "test")
                .select("doc_id").distinct().orderBy("doc_id").as(Encoders.STRING()).collectAsList();
    }

    private List<String> droppedAt(RunContext context, double eps) {
        return DeltaTables.read(spark, context.warehouse().resolve(SemanticDedupConfig.DEFAULT_DUPLICATES), "test")
                .where(col("eps").equalTo(eps)).select("doc_id").orderBy("doc_id").as(Encoders.STRING()).collectAsList();
    }

    @Test
    void identicalAndNearIdenticalVectorsCollapseWhileOrthogonalOnesStayAndCountsAddUp() {
        RunContext context = warehouseWith(withBadRows());
        StageResult result = SemanticDedupJob.run(spark, context, oneCluster(KeepOrder.HARD, 2000));

        StageCounts counts = result.counts();
        assertThat(counts.in()).isEqualTo(15);
        assertThat(counts.quarantined()).isEqualTo(8);
        assertThat(counts.kept()).isEqualTo(4);
        assertThat(counts.dropped()).isEqualTo(3);
        assertThat(counts.detail()).containsEntry("kept.eps=0.01", 5L).containsEntry("kept.eps=0.05", 5L)
                .containsEntry("kept.eps=0.1", 4L).containsEntry("clusters", 1L).containsEntry("dim", 4L)
                .containsEntry("quarantined.missing_doc_id", 1L).containsEntry("quarantined.missing_vector", 2L)
                .containsEntry("quarantined.vector_dim_mismatch", 1L).containsEntry("quarantined.invalid_vector", 1L)
                .containsEntry("quarantined.zero_vector", 1L).containsEntry("quarantined.duplicate_doc_id", 2L);

        // hard: farthest from the centroid first, so x1 (tie with x2 broken by doc_id) and y1 survive.
        assertThat(ids(context, SemanticDedupConfig.DEFAULT_OUTPUT)).containsExactly("w", "x1", "y1", "z");
        assertThat(droppedAt(context, 0.01)).containsExactly("x2", "x3");
        assertThat(droppedAt(context, 0.05)).containsExactly("x2", "x3");
        assertThat(droppedAt(context, 0.1)).containsExactly("x2", "x3", "y2");

        List<Row> duplicates = DeltaTables.read(spark, context.warehouse().resolve(SemanticDedupConfig.DEFAULT_DUPLICATES), "test")
                .where(col("eps").equalTo(0.1)).orderBy("doc_id").collectAsList();
        assertThat(duplicates.get(0).getString(duplicates.get(0).fieldIndex("nearest_doc_id"))).isEqualTo("x1");
        assertThat(duplicates.get(0).getDouble(duplicates.get(0).fieldIndex("max_similarity"))).isCloseTo(1.0, within(1e-6));
        assertThat(duplicates.get(1).getDouble(duplicates.get(1).fieldIndex("max_similarity"))).isCloseTo(0.99875, within(1e-4));
        assertThat(duplicates.get(2).getString(duplicates.get(2).fieldIndex("nearest_doc_id"))).isEqualTo("y1");
        assertThat(duplicates.get(2).getString(duplicates.get(2).fieldIndex("reason"))).isEqualTo("semantic_duplicate");

        long quarantined = DeltaTables.read(spark, context.warehouse().resolve(Tables.QUARANTINE), "test")
                .where(col("stage").equalTo(SemanticDedupJob.STAGE)).count();
        assertThat(quarantined).isEqualTo(8);
    }

    @Test
    void easyOrderKeepsTheItemClosestToTheCentroid() {
        RunContext context = warehouseWith(VALID);
        SemanticDedupJob.run(spark, context, oneCluster(KeepOrder.EASY, 2000));
        assertThat(ids(context, SemanticDedupConfig.DEFAULT_OUTPUT)).containsExactly("w", "x3", "y2", "z");
        assertThat(droppedAt(context, 0.1)).containsExactly("x1", "x2", "y1");
    }

    @Test
    void smallBlocksGiveTheSameResultAsOneBlockPerCluster() {
        RunContext context = warehouseWith(VALID);
        StageResult result = SemanticDedupJob.run(spark, context, oneCluster(KeepOrder.HARD, 2));
        assertThat(result.counts().detail()).containsEntry("largest_cluster", 7L).containsEntry("block_pairs", 10L);
        assertThat(ids(context, SemanticDedupConfig.DEFAULT_OUTPUT)).containsExactly("w", "x1", "y1", "z");
        assertThat(droppedAt(context, 0.1)).containsExactly("x2", "x3", "y2");
    }

    @Test
    void anAdaptiveShortlistAsLongAsTheBlockGivesTheExactResultAcrossBlocks() {
        RunContext context = warehouseWith(VALID);
        StageResult result = SemanticDedupJob.run(spark, context,
                oneCluster(KeepOrder.HARD, 3).withAdaptive(new AdaptiveShortlist(2, 3)));

        assertThat(result.counts().detail()).containsEntry("adaptive_dim", 2L).containsEntry("adaptive_shortlist", 3L)
                .containsEntry("block_pairs", 6L);
        // the exact answer, as in smallBlocksGiveTheSameResultAsOneBlockPerCluster
        assertThat(ids(context, SemanticDedupConfig.DEFAULT_OUTPUT)).containsExactly("w", "x1", "y1", "z");
        assertThat(droppedAt(context, 0.1)).containsExactly("x2", "x3", "y2");
    }

    @Test
    void aOneDimensionalShortlistOfOneMissesANearDuplicateWhoseFirstDimensionMisleads() {
        // a and b agree on dims 2-4 (cosine 0.97) but differ in sign on dim 1; c is dim 1 alone. Hard order
        // (farthest from the centroid first) is c, b, a: on dim 1 alone c is a's best earlier match, so a
        // shortlist of one never sees b.
        List<Row> rows = List.of(vec("a", 0.2f, 1, 1, 1), vec("b", -0.2f, 1, 1, 1), vec("c", 1, 0, 0, 0));
        SemanticDedupConfig config = SemanticDedupConfig.defaults().withClustering(1, 20, 7, 2000)
                .withEps(List.of(0.1), 0.1, KeepOrder.HARD);
        RunContext shortlisted = warehouseWith(rows);
        SemanticDedupJob.run(spark, shortlisted, config.withAdaptive(new AdaptiveShortlist(1, 1)));
        RunContext longer = warehouseWith(rows);
        SemanticDedupJob.run(spark, longer, config.withAdaptive(new AdaptiveShortlist(1, 2)));

        assertThat(droppedAt(longer, 0.1)).as("the exact answer: a is b's duplicate").containsExactly("a");
        assertThat(droppedAt(shortlisted, 0.1)).as("the approximation is real: a too short shortlist misses").isEmpty();
    }

    @Test
    void randomOrderStillKeepsExactlyOneOfEachGroupAndKMeansSeparatesTheGroups() {
        RunContext context = warehouseWith(VALID);
        StageResult result = SemanticDedupJob.run(spark, context, SemanticDedupConfig.defaults()
                .withClustering(4, 20, 7, 2000).withEps(List.of(0.01, 0.1), 0.1, KeepOrder.RANDOM));
        assertThat(result.counts().kept()).isEqualTo(4);
        List<String> kept = ids(context, SemanticDedupConfig.DEFAULT_OUTPUT);
        assertThat(kept).contains("w", "z");
        assertThat(kept.stream().filter(id -> id.startsWith("x"))).hasSize(1);
        assertThat(kept.stream().filter(id -> id.startsWith("y"))).hasSize(1);
    }

    @Test
    void aDocumentsTableGivesKeptDocumentsAndItsPriorityDecidesWhichSurvives() {
        RunContext context = warehouseWith(VALID);
        List<Row> documents = new ArrayList<>();
        for (Row row : VALID) {
            String id = row.getString(0);
            documents.add(RowFactory.create(id, "test", "text of " + id, null,
                    RowValues.map(Map.of("quality", id.equals("x2") || id.equals("y2") ? "9" : "1")), null, null));
        }
        DeltaTables.overwrite(spark.createDataFrame(documents, Tables.DOCUMENT_SCHEMA),
                context.warehouse().resolve(Tables.DOCUMENTS));
        SemanticDedupConfig config = oneCluster(KeepOrder.HARD, 2000)
                .withDocuments(Tables.DOCUMENTS, "cast(meta['quality'] as int)");
        StageResult result = SemanticDedupJob.run(spark, context, config);
        assertThat(result.counts().kept()).isEqualTo(4);
        assertThat(ids(context, SemanticDedupConfig.DEFAULT_OUTPUT)).containsExactly("w", "x2", "y2", "z");
        assertThat(DeltaTables.read(spark, context.warehouse().resolve(SemanticDedupConfig.DEFAULT_OUTPUT), "test").columns())
                .contains("text", "meta");
    }

    @Test
    void aFilterThatDoesNotParseIsAConfigErrorNamingTheColumns() {
        RunContext context = warehouseWith(VALID);
        SemanticDedupConfig config = SemanticDedupConfig.defaults().withInputColumns("doc_id", "embedding", "layer = 6");
        assertThatThrownBy(() -> SemanticDedupJob.run(spark, context, config))
                .isInstanceOf(WinnowException.class)
                .satisfies(e -> assertThat(((WinnowException) e).errorCode()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessageContaining("semantic-dedup.filter").hasMessageContaining("doc_id, embedding, dim");
    }

    @Test
    void aFilterPicksOneVectorPerDocumentFromALongFormatTable() {
        List<Row> rows = new ArrayList<>(VALID);
        rows.add(vec("x1", 1, 0));
        rows.add(vec("y1", 0, 1));
        RunContext context = warehouseWith(rows);
        StageResult result = SemanticDedupJob.run(spark, context,
                oneCluster(KeepOrder.HARD, 2000).withInputColumns("doc_id", "embedding", "dim = 4"));
        assertThat(result.counts().in()).isEqualTo(7);
        assertThat(result.counts().quarantined()).isZero();
        assertThat(result.counts().kept()).isEqualTo(4);
    }
}
