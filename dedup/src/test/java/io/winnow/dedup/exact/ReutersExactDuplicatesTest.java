package io.winnow.dedup.exact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.ingest.IngestConfig;
import io.winnow.core.ingest.IngestJob;
import io.winnow.core.ingest.InputFormat;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageResult;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Tables;
import io.winnow.core.testing.TestSpark;
import io.winnow.core.text.NormalizationOptions;
import io.winnow.core.text.TextNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reuters-21578 has natural duplicates: 263 groups of identical bodies (528 documents) per the data
 * manifest. Ingest + exact dedup must find exactly the groups a plain in-memory grouping finds.
 */
class ReutersExactDuplicatesTest {
    private static final Path REUTERS = TestSpark.sharedData().resolve("web_text/reuters21578/reuters21578.jsonl");
    private static RunContext context;
    private static StageResult ingest;

    private final SparkSession spark = TestSpark.session();

    @BeforeAll
    static void ingestReuters() {
        assumeTrue(Files.isRegularFile(REUTERS), "../shared/data is absent; skipping the Reuters test");
        context = TestSpark.newRun();
        IngestConfig defaults = IngestConfig.defaults(REUTERS.toString());
        IngestConfig config = new IngestConfig(defaults.input(), InputFormat.JSONL, "text", "id", "url", "reuters",
                defaults.maxTextChars(), defaults.rawRecordMaxChars(), defaults.output(), defaults.quarantine());
        ingest = IngestJob.run(TestSpark.session(), context, config);
    }

    @Test
    void ingestKeepsEveryBodyAndQuarantinesTheEmptyOnes() {
        assertThat(ingest.counts().in()).isEqualTo(21_578);
        assertThat(ingest.counts().kept()).isEqualTo(19_779);
        assertThat(ingest.counts().quarantined()).isEqualTo(1_799);
        assertThat(ingest.counts().detail()).containsEntry("quarantined.empty_text", 1_799L);
    }

    @Test
    void exactDedupWithoutNormalisationFindsTheKnownGroupsExactly() throws IOException {
        ExactDedupConfig config = ExactDedupConfig.defaults().withNormalization(NormalizationOptions.NONE)
                .withTables(Tables.DOCUMENTS, "reuters_raw_kept", "reuters_raw_duplicates");
        StageResult result = ExactDedupJob.run(spark, context, config);

        Map<String, String> expected = expectedRepresentatives(NormalizationOptions.NONE);
        assertThat(result.counts().detail()).containsEntry("duplicate_groups", 263L);
        assertThat(result.counts().dropped()).isEqualTo(528 - 263);
        assertThat(expected).hasSize(528 - 263);
        assertThat(actualRepresentatives(config)).isEqualTo(expected);
    }

    @Test
    void exactDedupWithTheDefaultNormalisationMatchesAnInMemoryGrouping() throws IOException {
        ExactDedupConfig config = ExactDedupConfig.defaults()
                .withTables(Tables.DOCUMENTS, "reuters_norm_kept", "reuters_norm_duplicates");
        StageResult result = ExactDedupJob.run(spark, context, config);

        Map<String, String> expected = expectedRepresentatives(NormalizationOptions.DOCUMENT_DEFAULT);
        assertThat(actualRepresentatives(config)).isEqualTo(expected);
        assertThat(result.counts().dropped()).isEqualTo(expected.size()).isGreaterThan(528 - 263);
        assertThat(result.counts().kept() + result.counts().dropped()).isEqualTo(19_779);
    }

    private Map<String, String> actualRepresentatives(ExactDedupConfig config) {
        Map<String, String> actual = new TreeMap<>();
        for (Row row : DeltaTables.read(spark, context.warehouse().resolve(config.duplicates()), "x").collectAsList()) {
            actual.put(row.getString(0), row.getString(2));
        }
        return actual;
    }

    /** duplicate doc_id -> representative (lowest doc_id in string order), computed without Spark. */
    private static Map<String, String> expectedRepresentatives(NormalizationOptions options) throws IOException {
        TextNormalizer normalizer = new TextNormalizer(options);
        ObjectMapper json = new ObjectMapper();
        Map<String, TreeSet<String>> groups = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(REUTERS)) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode record = json.readTree(line);
                String text = record.get("text").asText();
                if (text.isBlank()) {
                    continue;
                }
                groups.computeIfAbsent(normalizer.normalize(text), k -> new TreeSet<>()).add(record.get("id").asText());
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (TreeSet<String> ids : groups.values()) {
            String representative = ids.first();
            List<String> rest = ids.stream().skip(1).toList();
            rest.forEach(id -> expected.put(id, representative));
        }
        return expected;
    }
}
