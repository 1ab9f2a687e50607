package io.winnow.tokenization;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BpeTrainingTest {
    static final List<Integer> SIZES = List.of(500, 1000, 2000, 4000, 8000);
    static BpeTrainingJob.Result trained;
    static List<String> corpus;

    @BeforeAll
    static void trainOnTheBundledCorpus() {
        SparkSession spark = TestSpark.session();
        String input = TestSpark.projectRoot().resolve("data/demo/corpus/c4-en-sample.jsonl").toString();
        TrainTokenizersConfig config = TrainTokenizersConfig.defaults()
                .withInput(input, TestSpark.tempDirectory("tokenizers").toString()).withVocabSizes(SIZES);
        trained = BpeTrainingJob.run(spark, TestSpark.newRun(), config);
        corpus = spark.read().json(input).select("text").collectAsList().stream().map(r -> r.getString(0)).toList();
        System.out.printf("trained on %d docs, %d bytes, %d distinct pre-tokens: count %.2f s, merges %.2f s, total %.2f s%n",
                trained.documents(), trained.bytes(), trained.distinctPreTokens(), trained.countSeconds(),
                trained.mergeSeconds(), trained.totalSeconds());
    }

    @Test
    void theMergeOrderOfATinyHandExampleIsTheTextbookOne() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("hug", 10L);
        counts.put("pug", 5L);
        counts.put("pun", 12L);
        counts.put("bun", 4L);
        counts.put("hugs", 5L);
        List<BpeTrainer.Merge> merges = BpeTrainer.train(counts, 256 + 3);
        BpeVocabulary vocabulary = new BpeVocabulary(List.of(), merges);
        assertThat(vocabulary.mergeStrings(259)).containsExactly("u g", "u n", "h ug");
        assertThat(merges).extracting(BpeTrainer.Merge::count).containsExactly(20L, 16L, 15L);
    }

    @Test
    void aMergeThatRebuildsAnExistingTokenReusesItsId() {
        // "ab"+"c" and "a"+"bc" both spell "abc": the vocabulary must not hold it twice.
        Map<String, Long> counts = Map.of("abc", 1L, "ab", 5L, "bc", 4L, "xabc", 1L);
        List<BpeTrainer.Merge> merges = BpeTrainer.train(counts, 256 + 4);
        BpeVocabulary vocabulary = new BpeVocabulary(List.of(), merges);
        assertThat(vocabulary.tokens()).doesNotHaveDuplicates();
    }

    @Test
    void everyTrainedTokenizerHasExactlyItsVocabularySizeAndLoadsInDjl() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        for (BpeTrainingJob.TrainedTokenizer t : trained.tokenizers()) {
            JsonNode json = mapper.readTree(t.path().toFile());
            assertThat(json.at("/model/type").asText()).isEqualTo("BPE");
            assertThat(json.at("/pre_tokenizer/type").asText()).isEqualTo("ByteLevel");
            assertThat(json.at("/decoder/type").asText()).isEqualTo("ByteLevel");
            assertThat(json.get("normalizer").isNull()).isTrue();
            assertThat(json.at("/model/vocab").size()).isEqualTo(t.vocabSize());
            assertThat(json.at("/model/merges").size()).isEqualTo(t.merges());
            try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(t.path())) {
                long maxId = 0;
                for (String text : corpus.subList(0, 50)) {
                    for (long id : tokenizer.encode(text, false, false).getIds()) {
                        maxId = Math.max(maxId, id);
                    }
                }
                assertThat(maxId).isLessThan(t.vocabSize());
                assertThat(maxId).isGreaterThan(t.vocabSize() - 50);
            }
        }
    }

    @Test
    void theMergesOfASmallerSizeAreAPrefixOfTheLargerOnes() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<List<String>> merges = new ArrayList<>();
        for (BpeTrainingJob.TrainedTokenizer t : trained.tokenizers()) {
            List<String> list = new ArrayList<>();
            mapper.readTree(t.path().toFile()).at("/model/merges").forEach(n -> list.add(n.asText()));
            merges.add(list);
        }
        for (int i = 1; i < merges.size(); i++) {
            assertThat(merges.get(i).subList(0, merges.get(i - 1).size())).isEqualTo(merges.get(i - 1));
        }
    }

    @Test
    void theBundledCorpusRoundTripsLosslesslyThroughEverySize() {
        for (BpeTrainingJob.TrainedTokenizer t : trained.tokenizers()) {
            HuggingFaceTokenizer tokenizer = TokenizerCache.load(t.path());
            long tokens = 0;
            long characters = 0;
            for (String text : corpus) {
                long[] ids = tokenizer.encode(text, false, false).getIds();
                tokens += ids.length;
                characters += text.codePointCount(0, text.length());
                assertThat(tokenizer.decode(ids, false)).isEqualTo(text);
            }
            System.out.printf("V=%d: %d tokens, %d characters, %.4f tokens/char%n", t.vocabSize(), tokens, characters,
                    tokens / (double) characters);
        }
        String tricky = "Tabs\tand  double  spaces, émojis 🙂, 中文, \u00a0nbsp, CRLF\r\nend \u0000 nul";
        HuggingFaceTokenizer smallest = TokenizerCache.load(trained.tokenizers().get(0).path());
        assertThat(smallest.decode(smallest.encode(tricky, false, false).getIds(), false)).isEqualTo(tricky);
    }

    @Test
    void writtenFilesSitOnePerSize() {
        assertThat(trained.tokenizers()).extracting(BpeTrainingJob.TrainedTokenizer::vocabSize).isEqualTo(SIZES);
        assertThat(trained.tokenizers()).allSatisfy(t -> assertThat(Files.isRegularFile(t.path())).isTrue());
        assertThat(trained.documents()).isEqualTo(1000);
        assertThat(trained.tokenizers().get(0).path().getParent().getFileName()).isEqualTo(Path.of("bpe-500"));
    }
}
