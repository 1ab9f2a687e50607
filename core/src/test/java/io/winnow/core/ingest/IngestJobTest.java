package io.winnow.core.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.RunLog;
import io.winnow.core.run.StageResult;
import io.winnow.core.run.StageStatus;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Tables;
import io.winnow.core.testing.TestSpark;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestJobTest {
    private static final Path MIXED = TestSpark.projectRoot().resolve("core/src/test/resources/ingest/mixed");

    private final SparkSession spark = TestSpark.session();

    private static IngestConfig config(Path input) {
        IngestConfig defaults = IngestConfig.defaults(input.toString());
        return new IngestConfig(defaults.input(), defaults.format(), "text", null, "url", "golden", 200, 60,
                defaults.output(), defaults.quarantine());
    }

    private Dataset<Row> table(RunContext context, String name) {
        return DeltaTables.read(spark, context.warehouse().resolve(name), "ingest");
    }

    @Test
    void everyBadInputClassEndsInQuarantineWithItsReasonAndNothingIsLost() {
        RunContext context = TestSpark.newRun();
        StageResult result = IngestJob.run(spark, context, config(MIXED));

        assertThat(result.status()).isEqualTo(StageStatus.SUCCEEDED);
        assertThat(result.counts().in()).isEqualTo(17);
        assertThat(result.counts().kept()).isEqualTo(7);
        assertThat(result.counts().quarantined()).isEqualTo(10);
        assertThat(result.counts().dropped()).isZero();
        assertThat(result.counts().detail()).containsEntry("blank_lines", 1L).containsEntry("files", 5L);

        List<Row> quarantine = table(context, Tables.QUARANTINE).orderBy("source_file", "line_number").collectAsList();
        assertThat(quarantine).extracting(r -> fileName(r.getString(2)), r -> r.get(3), r -> r.getString(5))
                .containsExactly(
                        tuple("records.jsonl", 5L, "malformed_json"),
                        tuple("records.jsonl", 6L, "invalid_utf8"),
                        tuple("records.jsonl", 7L, "missing_text"),
                        tuple("records.jsonl", 8L, "text_not_string"),
                        tuple("records.jsonl", 9L, "empty_text"),
                        tuple("records.jsonl", 10L, "text_too_large"),
                        tuple("records.jsonl", 11L, "not_a_json_object"),
                        tuple("records.jsonl", 12L, "malformed_json"),
                        tuple("empty.txt", null, "empty_text"),
                        tuple("latin1.txt", null, "invalid_utf8"));
        assertThat(quarantine).allSatisfy(row -> {
            assertThat(row.getString(0)).isEqualTo("ingest");
            assertThat(row.getString(1)).isEqualTo(context.runId());
            assertThat(row.getString(6)).as("detail").isNotBlank();
        });
        Row tooLarge = quarantine.get(5);
        assertThat(tooLarge.getString(6)).isEqualTo("text has 300 chars, more than ingest.max-text-chars = 200");
        assertThat(tooLarge.getString(7)).startsWith("{\"text\": \"xxx").contains("[truncated, 312 chars]");
        assertThat(quarantine.get(1).getString(6)).isEqualTo(
                "invalid UTF-8 at byte offset 13 of the line; re-encode the file as UTF-8");
        assertThat(quarantine.get(3).getString(6)).isEqualTo("field 'text' is a number, expected a string");

        Map<String, Long> reasons = result.counts().detail().entrySet().stream()
                .filter(e -> e.getKey().startsWith("quarantined."))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(reasons).containsOnly(
                Map.entry("quarantined.malformed_json", 2L), Map.entry("quarantined.invalid_utf8", 2L),
                Map.entry("quarantined.missing_text", 1L), Map.entry("quarantined.text_not_string", 1L),
                Map.entry("quarantined.empty_text", 2L), Map.entry("quarantined.text_too_large", 1L),
                Map.entry("quarantined.not_a_json_object", 1L));
    }

    @Test
    void goodRecordsKeepTheirTextUrlAndOtherFieldsAsMeta() {
        RunContext context = TestSpark.newRun();
        IngestJob.run(spark, context, config(MIXED));
        Dataset<Row> documents = table(context, Tables.DOCUMENTS);

        assertThat(documents.schema()).isEqualTo(Tables.DOCUMENT_SCHEMA.asNullable());
        Row fox = documents.where(col("url").equalTo("https://example.org/fox")).first();
        assertThat(fox.getString(fox.fieldIndex("text"))).isEqualTo("The quick brown fox jumps over the lazy dog.");
        assertThat(fox.getString(fox.fieldIndex("source"))).isEqualTo("golden");
        assertThat(fox.<String, String>getJavaMap(fox.fieldIndex("meta"))).containsOnly(
                Map.entry("lang", "en"), Map.entry("score", "0.9"));
        assertThat(fox.getLong(fox.fieldIndex("source_line"))).isEqualTo(1L);

        Row german = documents.where(col("text").contains("Köln")).first();
        assertThat(german.getString(german.fieldIndex("text"))).isEqualTo("Ein Text mit Umlauten: Grüße aus Köln.");
        assertThat(german.getLong(german.fieldIndex("source_line"))).isEqualTo(4L);

        assertThat(documents.where(col("source_file").endsWith("compressed.jsonl.gz")).orderBy("source_line")
                .select("text").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
                .as("gzip input, CRLF line ends stripped")
                .containsExactly("Compressed document number 0 about gzip streams.",
                        "Compressed document number 1 about gzip streams.",
                        "Compressed document number 2 about gzip streams.");
        assertThat(documents.where(col("source_file").endsWith("essay.txt")).first().<String>getAs("text"))
                .isEqualTo("A plain text file is one document.\nIt may have many lines.\n");
        assertThat(documents.select("doc_id").distinct().count()).isEqualTo(7);
    }

    @Test
    void generatedIdsAreStableWhereverTheInputIsMounted(@TempDir Path elsewhere) throws IOException {
        copyTree(MIXED, elsewhere.resolve("moved"));
        RunContext first = TestSpark.newRun();
        RunContext second = TestSpark.newRun();
        IngestJob.run(spark, first, config(MIXED));
        IngestJob.run(spark, second, config(elsewhere.resolve("moved")));

        List<String> firstIds = table(first, Tables.DOCUMENTS).orderBy("doc_id").select("doc_id")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        List<String> secondIds = table(second, Tables.DOCUMENTS).orderBy("doc_id").select("doc_id")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertThat(firstIds).hasSize(7).isEqualTo(secondIds);
        assertThat(firstIds).allMatch(id -> id.matches("[0-9a-f]{16}"));
    }

    @Test
    void sourceIdsAreKeptAndARepeatedIdIsQuarantinedAfterItsFirstUse(@TempDir Path input) throws IOException {
        Files.writeString(input.resolve("a.jsonl"), """
                {"id": "doc-1", "text": "first"}
                {"id": 2, "text": "second"}
                {"id": "doc-1", "text": "again"}
                {"text": "no id here"}
                {"id": {"nested": true}, "text": "object id"}
                """);
        RunContext context = TestSpark.newRun();
        IngestConfig defaults = config(input);
        IngestConfig withIds = new IngestConfig(defaults.input(), defaults.format(), "text", "id", "url", null, 1000, 100,
                defaults.output(), defaults.quarantine());
        StageResult result = IngestJob.run(spark, context, withIds);

        assertThat(result.counts().kept()).isEqualTo(2);
        assertThat(result.counts().quarantined()).isEqualTo(3);
        assertThat(table(context, Tables.DOCUMENTS).orderBy("doc_id").collectAsList())
                .extracting(r -> r.getString(0), r -> r.getString(2), r -> r.getString(1))
                .containsExactly(tuple("2", "second", input.getFileName().toString().split("\\.")[0]),
                        tuple("doc-1", "first", input.getFileName().toString().split("\\.")[0]));
        assertThat(table(context, Tables.QUARANTINE).orderBy("line_number").collectAsList())
                .extracting(r -> r.get(3), r -> r.getString(5))
                .containsExactly(tuple(3L, "duplicate_doc_id"), tuple(4L, "missing_id"), tuple(5L, "id_not_scalar"));
    }

    @Test
    void parquetRowsAreIngestedAndBadRowsQuarantinedWithTheirRowNumber(@TempDir Path input) {
        StructType schema = new StructType()
                .add("text", DataTypes.StringType)
                .add("url", DataTypes.StringType)
                .add("year", DataTypes.IntegerType);
        List<Row> rows = List.of(
                RowFactory.create("Parquet document one.", "https://example.org/1", 2020),
                RowFactory.create(null, "https://example.org/2", 2021),
                RowFactory.create("   ", null, 2022),
                RowFactory.create("Parquet document four.", null, null));
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(input.resolve("part").toString());
        RunContext context = TestSpark.newRun();
        StageResult result = IngestJob.run(spark, context, config(input));

        assertThat(result.counts().in()).isEqualTo(4);
        assertThat(result.counts().kept()).isEqualTo(2);
        assertThat(result.counts().quarantined()).isEqualTo(2);
        Row one = table(context, Tables.DOCUMENTS).where(col("text").equalTo("Parquet document one.")).first();
        assertThat(one.<String>getAs("url")).isEqualTo("https://example.org/1");
        assertThat(one.<String, String>getJavaMap(one.fieldIndex("meta"))).containsOnly(Map.entry("year", "2020"));
        assertThat(table(context, Tables.QUARANTINE).orderBy("line_number").collectAsList())
                .extracting(r -> r.get(3), r -> r.getString(5), r -> r.getString(7))
                .containsExactly(
                        tuple(2L, "missing_text", "{\"url\":\"https://example.org/2\",\"year\":2021}"),
                        tuple(3L, "empty_text", "{\"text\":\"   \",\"year\":2022}"));
    }

    @Test
    void aParquetTextColumnThatIsNotAStringQuarantinesEveryRowOfIt(@TempDir Path input) {
        StructType schema = new StructType().add("text", DataTypes.LongType);
        spark.createDataFrame(List.of(RowFactory.create(1L), RowFactory.create(2L)), schema).coalesce(1).write()
                .parquet(input.resolve("numbers").toString());
        RunContext context = TestSpark.newRun();
        StageResult result = IngestJob.run(spark, context, config(input));

        assertThat(result.counts().quarantined()).isEqualTo(2);
        assertThat(table(context, Tables.QUARANTINE).select("reason", "detail").distinct().collectAsList())
                .extracting(r -> r.getString(0), r -> r.getString(1))
                .containsExactly(tuple("text_not_string", "column 'text' has type bigint, expected string"));
    }

    @Test
    void aTruncatedGzipFileKeepsItsReadableLinesAndQuarantinesTheRest(@TempDir Path input) throws IOException {
        Path full = input.resolve("full.jsonl.gz.tmp");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(full))) {
            for (int i = 0; i < 2000; i++) {
                out.write(("{\"text\": \"line " + i + " " + "padding ".repeat(20) + i * 7919 + "\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = Files.readAllBytes(full);
        Files.write(input.resolve("cut.jsonl.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Files.delete(full);
        RunContext context = TestSpark.newRun();
        StageResult result = IngestJob.run(spark, context, config(input));

        assertThat(result.counts().quarantined()).isEqualTo(1);
        assertThat(result.counts().kept()).isBetween(1L, 1999L);
        Row cut = table(context, Tables.QUARANTINE).first();
        assertThat(cut.getString(5)).isEqualTo("unreadable_rest_of_file");
        assertThat(cut.getLong(3)).isEqualTo(result.counts().kept() + 1);
    }

    @Test
    void rerunningWithTheSameInputSkipsAndForcingRewritesTheSameContents() {
        RunContext context = TestSpark.newRun();
        IngestJob.run(spark, context, config(MIXED));
        String path = context.warehouse().resolve(Tables.DOCUMENTS);
        List<Row> before = DeltaTables.read(spark, path, "ingest").orderBy("doc_id").collectAsList();
        long versionBefore = DeltaTables.version(spark, path);

        StageResult again = IngestJob.run(spark, new RunContext("second", context.warehouse(), false), config(MIXED));
        assertThat(again.status()).isEqualTo(StageStatus.SKIPPED);
        assertThat(again.counts()).isEqualTo(new RunLog(spark, context.warehouse().runLogPath()).all().get(1).counts());
        assertThat(DeltaTables.version(spark, path)).isEqualTo(versionBefore);

        StageResult forced = IngestJob.run(spark, new RunContext("third", context.warehouse(), true), config(MIXED));
        assertThat(forced.status()).isEqualTo(StageStatus.SUCCEEDED);
        assertThat(DeltaTables.version(spark, path)).isEqualTo(versionBefore + 1);
        assertThat(DeltaTables.read(spark, path, "ingest").orderBy("doc_id").collectAsList()).isEqualTo(before);
        assertThat(DeltaTables.read(spark, context.warehouse().resolve(Tables.QUARANTINE), "ingest").count())
                .as("quarantine replaced, not appended").isEqualTo(10);
        assertThat(new RunLog(spark, context.warehouse().runLogPath()).all())
                .extracting(StageResult::runId, StageResult::status)
                .containsExactly(tuple("third", StageStatus.SUCCEEDED), tuple("second", StageStatus.SKIPPED),
                        tuple(context.runId(), StageStatus.SUCCEEDED));
    }

    @Test
    void aMissingInputPathIsAClearError(@TempDir Path directory) {
        Path missing = directory.resolve("absent");
        assertThatThrownBy(() -> IngestJob.run(spark, TestSpark.newRun(), config(missing)))
                .isInstanceOfSatisfying(WinnowException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INPUT_NOT_FOUND))
                .hasMessageStartingWith("Input path '" + missing + "' does not exist.");
    }

    @Test
    void aFileOfUnknownFormatIsAnErrorNamingTheFile(@TempDir Path input) throws IOException {
        Files.writeString(input.resolve("table.csv"), "a,b\n");
        assertThatThrownBy(() -> IngestJob.run(spark, TestSpark.newRun(), config(input)))
                .isInstanceOfSatisfying(WinnowException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INPUT_INVALID))
                .hasMessageContaining("table.csv")
                .hasMessageContaining("set ingest.format");
    }

    @Test
    void hiddenAndUnderscoreFilesAreIgnored(@TempDir Path input) throws IOException {
        Files.writeString(input.resolve("docs.jsonl"), "{\"text\": \"kept\"}\n");
        Files.writeString(input.resolve(".hidden.csv"), "x");
        Files.writeString(input.resolve("_SUCCESS"), "");
        StageResult result = IngestJob.run(spark, TestSpark.newRun(), config(input));
        assertThat(result.counts().kept()).isEqualTo(1);
        assertThat(result.counts().detail()).containsEntry("files", 1L);
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
