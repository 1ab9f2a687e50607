package io.winnow.dedup.semantic;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.TextEncoder;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageResult;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.testing.TestSpark;
import io.winnow.core.vector.VectorMath;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * SemDeDup on the GPTeacher toolformer pool ({@code ../shared/data/instruct/gpteacher}): 7,673 items (instruction,
 * input, response) embedded with all-MiniLM-L6-v2 int8, deduplicated at several eps, and compared with the pools
 * GPTeacher released after its own embedding-similarity dedup at 0.9 / 0.8 / 0.7 / 0.6. Embeddings are cached
 * under dedup/target, so only the first run pays for the encoder (about a minute or two on 2 cores).
 */
class GpteacherSemanticDedupTest {
    private static final String MODEL = "all-minilm-l6-v2-int8";
    private static final List<Double> EPS = List.of(0.01, 0.05, 0.1, 0.2, 0.3, 0.4);
    /** Released pool sizes by similarity threshold (1 - eps). */
    private static final Map<Double, String> RELEASED = Map.of(0.1, "toolformer-similarity-0.9-dataset.json",
            0.2, "toolformer-similarity-0.8-dataset.json", 0.3, "toolformer-similarity-0.7-dataset.json",
            0.4, "toolformer-similarity-0.6-dataset.json");

    private final SparkSession spark = TestSpark.session();

    static List<Map<String, String>> items(Path file) {
        try {
            return new ObjectMapper().readValue(file.toFile(), new TypeReference<List<Map<String, String>>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Map<String, String> item) {
        String input = item.getOrDefault("input", "");
        return item.getOrDefault("instruction", "") + (input == null || input.isBlank() ? "" : "\n" + input) + "\n"
                + item.getOrDefault("response", "");
    }

    static float[][] embeddings(List<String> texts) {
        Path cache = TestSpark.projectRoot().resolve("dedup/target/gpteacher-embeddings")
                .resolve(MODEL + "-" + texts.size() + "-" + Integer.toHexString(texts.hashCode()) + ".f32");
        if (Files.isRegularFile(cache)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cache)))) {
                int rows = in.readInt();
                int dim = in.readInt();
                float[][] out = new float[rows][dim];
                for (float[] row : out) {
                    for (int i = 0; i < dim; i++) {
                        row[i] = in.readFloat();
                    }
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long start = System.nanoTime();
        float[][] vectors;
        try (TextEncoder encoder = TextEncoder.open(ModelSpec.of(MODEL), EncoderOptions.defaults(2))) {
            vectors = encoder.encode(texts);
        }
        System.out.printf("Embedded %d GPTeacher items with %s in %.1f s%n", texts.size(), MODEL,
                (System.nanoTime() - start) / 1e9);
        try {
            Files.createDirectories(cache.getParent());
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(cache)))) {
                out.writeInt(vectors.length);
                out.writeInt(vectors[0].length);
                for (float[] row : vectors) {
                    for (float v : row) {
                        out.writeFloat(v);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return vectors;
    }

    /**
     * The task only: the instruction without the tool preamble ("toolformer: enabled", "toolformer access: X", the
     * tool's description and signature, shared by every item of that tool), then input and response.
     */
    static String taskText(Map<String, String> item) {
        String instruction = item.getOrDefault("instruction", "");
        String[] lines = instruction.split("\n");
        String task = instruction.startsWith("toolformer") && lines.length > 1 ? lines[lines.length - 1] : instruction;
        Map<String, String> stripped = new HashMap<>(item);
        stripped.put("instruction", task);
        return text(stripped);
    }

    @Test
    void semDeDupOnTheGpteacherToolformerPoolKeepsLessAsEpsGrowsAndRemovesParaphrases() {
        dedupAndReport("instruction + input + response", GpteacherSemanticDedupTest::text);
    }

    /** The second text variant doubles the test's time; CI runs it only with -Dwinnow.tests.slow=true. */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "winnow.tests.slow", matches = "true")
    void withoutTheSharedToolPreambleFewerItemsLookAlike() {
        dedupAndReport("task line of the instruction + input + response (tool preamble stripped)",
                GpteacherSemanticDedupTest::taskText);
    }

    private void dedupAndReport(String label, java.util.function.Function<Map<String, String>, String> textOf) {
        Path dir = TestSpark.sharedData().resolve("instruct").resolve("gpteacher");
        Path poolFile = dir.resolve("toolformer-dedupe-only-dataset.json");
        assumeTrue(Files.isRegularFile(poolFile), "GPTeacher data not found under " + dir);
        List<Map<String, String>> pool = items(poolFile);
        List<String> texts = pool.stream().map(textOf).toList();
        float[][] vectors = embeddings(texts);

        List<Row> rows = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < vectors.length; i++) {
            String id = String.format("gpt-%05d", i);
            index.put(id, i);
            List<Float> vector = new ArrayList<>(vectors[i].length);
            for (float v : vectors[i]) {
                vector.add(v);
            }
            rows.add(RowFactory.create(id, vector, vectors[i].length, MODEL));
        }
        RunContext context = TestSpark.newRun();
        DeltaTables.overwrite(spark.createDataFrame(rows, new StructType()
                .add("doc_id", DataTypes.StringType).add("embedding", DataTypes.createArrayType(DataTypes.FloatType))
                .add("dim", DataTypes.IntegerType).add("model", DataTypes.StringType)).repartition(2),
                context.warehouse().resolve("embeddings"));

        SemanticDedupConfig config = SemanticDedupConfig.defaults().withEps(EPS, 0.1, KeepOrder.HARD);
        long start = System.nanoTime();
        StageResult result = SemanticDedupJob.run(spark, context, config);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> detail = result.counts().detail();
        assertThat(result.counts().in()).isEqualTo(pool.size());
        assertThat(result.counts().quarantined()).isZero();

        Map<String, Set<String>> released = new HashMap<>();
        for (String file : RELEASED.values()) {
            Path path = dir.resolve(file);
            released.put(file, Files.isRegularFile(path)
                    ? new HashSet<>(items(path).stream().map(textOf).toList()) : Set.of());
        }
        List<Row> duplicates = DeltaTables.read(spark, context.warehouse().resolve(config.duplicates()), "test").collectAsList();
        System.out.printf("%nSemDeDup on GPTeacher toolformer (%d items, embedded text: %s, %s, k=%d clusters, largest %d, keep=hard) in %.1f s%n%n",
                pool.size(), label, MODEL, detail.get("clusters"), detail.get("largest_cluster"), seconds);
        System.out.println("| eps | cosine >= | kept | kept fraction | released pool (similarity) | released kept | released fraction | our kept also in released pool |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        long previous = Long.MAX_VALUE;
        for (double eps : EPS) {
            long kept = detail.get("kept.eps=" + SemanticDedupJob.epsKey(eps));
            assertThat(kept).as("kept at eps %s", eps).isLessThan(previous);
            previous = kept;
            String file = RELEASED.get(eps);
            String releasedCells = " | | |";
            if (file != null && !released.get(file).isEmpty()) {
                Set<String> ours = new HashSet<>(texts);
                for (Row row : duplicates) {
                    if (row.getDouble(row.fieldIndex("eps")) == eps) {
                        ours.remove(texts.get(index.get(row.getString(0))));
                    }
                }
                Set<String> releasedTexts = released.get(file);
                long overlap = ours.stream().filter(releasedTexts::contains).count();
                releasedCells = String.format(" %s | %d | %.3f | %.3f |", file.replace("toolformer-similarity-", "")
                        .replace("-dataset.json", ""), releasedTexts.size(), releasedTexts.size() / (double) pool.size(),
                        overlap / (double) ours.size());
            }
            System.out.printf("| %s | %.2f | %d | %.3f |%s%n", SemanticDedupJob.epsKey(eps), 1 - eps, kept,
                    kept / (double) pool.size(), releasedCells);
        }
        assertThat(detail.get("kept.eps=0.01")).isLessThan(pool.size());

        // Every item dropped at eps 0.01 has a near-identical earlier partner (checked on the raw vectors here).
        List<Row> strict = duplicates.stream().filter(row -> row.getDouble(row.fieldIndex("eps")) == 0.01).toList();
        assertThat(strict).isNotEmpty();
        for (Row row : strict) {
            float[] a = vectors[index.get(row.getString(0))];
            float[] b = vectors[index.get(row.getString(row.fieldIndex("nearest_doc_id")))];
            double cosine = VectorMath.dot(VectorMath.normalize(a), VectorMath.normalize(b));
            assertThat(cosine).as("cosine of %s to its nearest", row.getString(0)).isGreaterThanOrEqualTo(0.99 - 1e-5);
        }
        System.out.println("\nExamples removed (at eps 0.01: cosine >= 0.99; at eps 0.1: 0.90-0.97), with the item they duplicate:");
        java.util.stream.Stream.concat(
                strict.stream().sorted(java.util.Comparator.comparing((Row row) -> row.getString(0))).limit(2),
                duplicates.stream().filter(row -> row.getDouble(row.fieldIndex("eps")) == 0.1)
                        .filter(row -> row.getDouble(row.fieldIndex("max_similarity")) < 0.97)
                        .sorted(java.util.Comparator.comparing((Row row) -> row.getString(0))).limit(3))
                .forEach(row -> System.out.printf("- cos %.3f%n  removed: %s%n  kept:    %s%n",
                        row.getDouble(row.fieldIndex("max_similarity")),
                        oneLine(texts.get(index.get(row.getString(0)))),
                        oneLine(texts.get(index.get(row.getString(row.fieldIndex("nearest_doc_id")))))));
        assertThat(DeltaTables.read(spark, context.warehouse().resolve(config.output()), "test").where(col("doc_id").isNull()).count())
                .isZero();
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ");
        int toolHeader = flat.indexOf("toolformer access:");
        if (toolHeader >= 0) {
            // The tool description is shared by every item of a tool: show the task part.
            int task = flat.indexOf(')', toolHeader);
            flat = flat.substring(0, Math.min(flat.length(), 40)) + " … " + (task > 0 ? flat.substring(task + 1).trim() : flat);
        }
        return flat.length() > 220 ? flat.substring(0, 220) + "…" : flat;
    }
}
