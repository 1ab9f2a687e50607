package io.winnow.tokenization;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import io.winnow.core.run.RunContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * {@code winnow train-tokenizers}: byte-level BPE trained once to the largest requested size.
 * Executors pre-tokenize (GPT-2 regex + byte-level characters) and count pre-tokens with a
 * map-side combine and {@code reduceByKey}; the driver collects the pre-token count table (far
 * smaller than the corpus) and runs the exact incremental merges ({@link BpeTrainer}). Each size's
 * tokenizer is the merge list cut to that size ({@link BpeVocabulary}).
 */
public final class BpeTrainingJob {
    private static final Logger LOG = LoggerFactory.getLogger(BpeTrainingJob.class);

    private BpeTrainingJob() {}

    /** One written tokenizer. */
    public record TrainedTokenizer(int vocabSize, int merges, Path path) {}

    /** What training saw and wrote; times in seconds. */
    public record Result(long documents, long characters, long bytes, long preTokens, long distinctPreTokens,
            double countSeconds, double mergeSeconds, double totalSeconds, List<TrainedTokenizer> tokenizers) {
        public Result {
            tokenizers = List.copyOf(tokenizers);
        }

        public double megabytesPerSecond() {
            return bytes / 1e6 / totalSeconds;
        }
    }

    public static Result run(SparkSession spark, RunContext context, TrainTokenizersConfig config) {
        Dataset<Row> rows = CorpusInput.read(spark, context, config.input(), "train-tokenizers");
        if (config.maxDocuments() > 0) {
            rows = rows.limit((int) Math.min(Integer.MAX_VALUE, config.maxDocuments()));
        }
        return train(spark, CorpusInput.texts(rows, spark.sparkContext().defaultParallelism()), config);
    }

    /** Trains on the given texts and writes the tokenizers to {@code config.outputDir()}. */
    public static Result train(SparkSession spark, Dataset<String> texts, TrainTokenizersConfig config) {
        long start = System.nanoTime();
        LongAccumulator documents = spark.sparkContext().longAccumulator("bpe.documents");
        LongAccumulator characters = spark.sparkContext().longAccumulator("bpe.characters");
        LongAccumulator bytes = spark.sparkContext().longAccumulator("bpe.bytes");
        LongAccumulator preTokens = spark.sparkContext().longAccumulator("bpe.preTokens");
        JavaPairRDD<String, Long> counts = texts.javaRDD()
                .mapPartitionsToPair(new CountPreTokens(documents, characters, bytes, preTokens))
                .reduceByKey(Long::sum);
        Map<String, Long> table = new HashMap<>(counts.collectAsMap());
        long counted = System.nanoTime();
        if (documents.value() == 0) {
            throw new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                    "Input '%s' holds no non-null text, so no tokenizer can be trained. Point train-tokenizers.input at a table or file with documents.",
                    config.input()));
        }

        int maxSize = config.vocabSizes().get(config.vocabSizes().size() - 1);
        List<BpeTrainer.Merge> merges = BpeTrainer.train(table, maxSize - config.specialTokens().size());
        long merged = System.nanoTime();
        BpeVocabulary vocabulary = new BpeVocabulary(config.specialTokens(), merges);
        if (vocabulary.maxVocabSize() < maxSize) {
            throw new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                    "The corpus only supports %d tokens (every pre-token is a single token by then), but vocab-sizes asks for %d. Train on more text or lower train-tokenizers.vocab-sizes.",
                    vocabulary.maxVocabSize(), maxSize));
        }
        List<TrainedTokenizer> written = new ArrayList<>();
        try {
            for (int size : config.vocabSizes()) {
                Path path = vocabulary.write(Path.of(config.outputDir()).resolve("bpe-" + size), size);
                written.add(new TrainedTokenizer(size, vocabulary.mergesFor(size), path));
            }
        } catch (IOException e) {
            throw new WinnowException(ErrorCode.STAGE_FAILED, String.format(
                    "Cannot write tokenizers under '%s': %s. Check that the directory is writable or change train-tokenizers.output-dir.",
                    config.outputDir(), e.getMessage()), e);
        }
        long end = System.nanoTime();
        Result result = new Result(documents.value(), characters.value(), bytes.value(), preTokens.value(), table.size(),
                (counted - start) / 1e9, (merged - counted) / 1e9, (end - start) / 1e9, written);
        LOG.info("Trained byte-level BPE on {} documents ({} bytes, {} distinct pre-tokens) in {} s (count {} s, merges {} s)",
                result.documents(), result.bytes(), result.distinctPreTokens(), result.totalSeconds(),
                result.countSeconds(), result.mergeSeconds());
        return result;
    }

    /** Per partition: pre-tokenize, combine counts locally, emit (byte-level pre-token, count). */
    static final class CountPreTokens implements PairFlatMapFunction<Iterator<String>, String, Long> {
        private static final long serialVersionUID = 1L;
        private final LongAccumulator documents;
        private final LongAccumulator characters;
        private final LongAccumulator bytes;
        private final LongAccumulator preTokens;

        CountPreTokens(LongAccumulator documents, LongAccumulator characters, LongAccumulator bytes,
                LongAccumulator preTokens) {
            this.documents = documents;
            this.characters = characters;
            this.bytes = bytes;
            this.preTokens = preTokens;
        }

        @Override
        public Iterator<Tuple2<String, Long>> call(Iterator<String> texts) {
            Map<String, long[]> local = new HashMap<>();
            long docs = 0;
            long chars = 0;
            long byteCount = 0;
            long[] pieces = {0};
            while (texts.hasNext()) {
                String text = texts.next();
                docs++;
                chars += text.codePointCount(0, text.length());
                byteCount += text.getBytes(StandardCharsets.UTF_8).length;
                ByteLevel.preTokenize(text, piece -> {
                    local.computeIfAbsent(piece, k -> new long[1])[0]++;
                    pieces[0]++;
                });
            }
            documents.add(docs);
            characters.add(chars);
            bytes.add(byteCount);
            preTokens.add(pieces[0]);
            List<Tuple2<String, Long>> out = new ArrayList<>(local.size());
            local.forEach((k, v) -> out.add(new Tuple2<>(k, v[0])));
            return out.iterator();
        }
    }
}
