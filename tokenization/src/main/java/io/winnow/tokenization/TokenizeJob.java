package io.winnow.tokenization;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.winnow.core.ingest.IngestJob;
import io.winnow.core.run.ConfigHash;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageCounts;
import io.winnow.core.run.StageExecution;
import io.winnow.core.run.StageOutcome;
import io.winnow.core.run.StageResult;
import io.winnow.core.run.StageSpec;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Quarantine;
import io.winnow.core.table.Tables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.reflect.ClassTag$;

/**
 * Stage {@code tokenize}: per-document character and token counts (and optionally the token ids)
 * with a HuggingFace tokenizer run through DJL on the executors, loaded once per executor JVM.
 * Corpus totals (documents, characters, tokens, tokens per million characters) go to the run log.
 */
public final class TokenizeJob {
    public static final String STAGE = "tokenize";

    public static final StructType TOKEN_COUNTS_SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("doc_id", DataTypes.StringType, false),
        DataTypes.createStructField("characters", DataTypes.LongType, false),
        DataTypes.createStructField("tokens", DataTypes.LongType, false),
        DataTypes.createStructField("token_ids", DataTypes.createArrayType(DataTypes.IntegerType, false), true),
    });

    private TokenizeJob() {}

    public static StageResult run(SparkSession spark, RunContext context, TokenizeConfig config) {
        String inputPath = context.warehouse().resolve(config.input());
        String outputPath = context.warehouse().resolve(config.output());
        String quarantinePath = context.warehouse().resolve(config.quarantine());
        Dataset<Row> input = DeltaTables.read(spark, inputPath, IngestJob.STAGE);
        DeltaTables.requireColumn(input, inputPath, "doc_id", DataTypes.StringType);
        DeltaTables.requireColumn(input, inputPath, "text", DataTypes.StringType);
        Path tokenizerPath = Path.of(config.tokenizer()).toAbsolutePath().normalize();
        String json = TokenizerCache.readJson(tokenizerPath);
        StageSpec spec = new StageSpec(STAGE, ConfigHash.of(config), Map.of(
                inputPath, "v" + DeltaTables.version(spark, inputPath),
                tokenizerPath.toString(), "sha256:" + sha256(json)), List.of(outputPath));
        return StageExecution.execute(spark, context, spec, () -> tokenize(context, config,
                DeltaTables.withMissingColumns(input, Tables.DOCUMENT_SCHEMA), tokenizerPath.toString(), json,
                outputPath, quarantinePath));
    }

    private static StageOutcome tokenize(RunContext context, TokenizeConfig config, Dataset<Row> input,
            String tokenizerKey, String json, String outputPath, String quarantinePath) {
        SparkSession spark = input.sparkSession();
        Broadcast<String> tokenizerJson = spark.sparkContext().broadcast(json, ClassTag$.MODULE$.apply(String.class));
        try {
            Dataset<Row> counts = input.where(not(Quarantine.missingIdOrText())).select(col("doc_id"), col("text"))
                    .mapPartitions(new CountTokens(tokenizerKey + "#" + sha256(json), tokenizerJson, config.writeIds()),
                            Encoders.row(TOKEN_COUNTS_SCHEMA));
            DeltaTables.overwrite(counts, outputPath);
            long quarantined = Quarantine.replaceStageRowsCounted(
                    Quarantine.missingIdOrText(input, STAGE, context.runId()), quarantinePath, STAGE);

            Row totals = DeltaTables.read(spark, outputPath, STAGE)
                    .agg(count(lit(1)), sum("characters"), sum("tokens")).head();
            long documents = totals.getLong(0);
            long characters = totals.isNullAt(1) ? 0 : totals.getLong(1);
            long tokens = totals.isNullAt(2) ? 0 : totals.getLong(2);
            StageCounts stageCounts = new StageCounts(STAGE, documents + quarantined, documents, 0, quarantined, Map.of(
                    "documents", documents,
                    "characters", characters,
                    "tokens", tokens,
                    "tokens_per_million_characters",
                    characters == 0 ? 0L : Math.round(1e6 * tokens / (double) characters)));
            return new StageOutcome(stageCounts, Map.of(
                    outputPath, DeltaTables.version(spark, outputPath),
                    quarantinePath, DeltaTables.version(spark, quarantinePath)));
        } finally {
            tokenizerJson.destroy();
        }
    }

    /** Rows (doc_id, characters, tokens, token_ids or null) for a partition of (doc_id, text). */
    static final class CountTokens implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private static final int BATCH = 64;
        private final String key;
        private final Broadcast<String> json;
        private final boolean writeIds;

        CountTokens(String key, Broadcast<String> json, boolean writeIds) {
            this.key = key;
            this.json = json;
            this.writeIds = writeIds;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            HuggingFaceTokenizer tokenizer = TokenizerCache.get(key, json.value());
            return new Iterator<>() {
                private final List<Row> buffer = new ArrayList<>();
                private int next;

                @Override
                public boolean hasNext() {
                    if (next < buffer.size()) {
                        return true;
                    }
                    buffer.clear();
                    next = 0;
                    List<String> ids = new ArrayList<>(BATCH);
                    List<String> texts = new ArrayList<>(BATCH);
                    while (rows.hasNext() && texts.size() < BATCH) {
                        Row row = rows.next();
                        ids.add(row.getString(0));
                        texts.add(row.getString(1));
                    }
                    if (texts.isEmpty()) {
                        return false;
                    }
                    Encoding[] encodings = tokenizer.batchEncode(texts, false, false);
                    for (int i = 0; i < texts.size(); i++) {
                        String text = texts.get(i);
                        long[] tokenIds = encodings[i].getIds();
                        int[] asInts = null;
                        if (writeIds) {
                            asInts = new int[tokenIds.length];
                            for (int j = 0; j < tokenIds.length; j++) {
                                asInts[j] = (int) tokenIds[j];
                            }
                        }
                        buffer.add(RowFactory.create(ids.get(i), (long) text.codePointCount(0, text.length()),
                                (long) tokenIds.length, asInts));
                    }
                    return true;
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    return buffer.get(next++);
                }
            };
        }

        private static List<Integer> toList(int[] ids) {
            List<Integer> out = new ArrayList<>(ids.length);
            for (int id : ids) {
                out.add(id);
            }
            return out;
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
