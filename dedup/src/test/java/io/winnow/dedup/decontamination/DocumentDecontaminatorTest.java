package io.winnow.dedup.decontamination;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DocumentDecontaminatorTest {
    private static final RemovalRule NEMO_DEFAULTS = DecontaminationConfig.defaults().removalRule();
    private static final TaskNgrams GSM8K = TaskNgrams.build(
            EvaluationTasks.load(RealText.bundledEval().resolve("gsm8k"), "text"), 13, 8);
    private static final List<String> QUESTIONS = RealText.gsm8kQuestions();

    private static DocumentDecontaminator.Result decontaminate(TaskNgrams ngrams, String text) {
        return new DocumentDecontaminator(ngrams, Set.of(), NEMO_DEFAULTS).apply(text);
    }

    /** Where the question's words start and end in {@code text} (a trailing '?' is not a word). */
    private static int[] wordSpan(String text, String question) {
        Words words = Words.of(question);
        int offset = text.indexOf(question);
        return new int[] {offset + words.start(0), offset + words.end(words.size() - 1)};
    }

    @Test
    void aPlantedGsm8kQuestionIsCutOutWithTwoHundredCharactersEachSideAndTheRestStays() {
        String c4 = RealText.c4(1, 2_000).get(0);
        String question = QUESTIONS.get(0);
        String document = RealText.plant(c4, question, 900);
        int[] span = wordSpan(document, question);

        DocumentDecontaminator.Result result = decontaminate(GSM8K, document);

        assertThat(result.outcome()).isEqualTo(DocumentOutcome.SPLIT);
        assertThat(result.pieces()).extracting(DocumentDecontaminator.Piece::text).containsExactly(
                document.substring(0, span[0] - 200), document.substring(span[1] + 200));
        assertThat(result.pieces()).allSatisfy(piece -> assertThat(c4).contains(piece.text()));
        assertThat(result.windows()).singleElement().satisfies(window -> {
            assertThat(window.start()).isEqualTo(span[0] - 200);
            assertThat(window.end()).isEqualTo(span[1] + 200);
        });
        assertThat(result.contaminations()).singleElement().satisfies(record -> {
            assertThat(record.task()).isEqualTo("gsm8k");
            assertThat(record.ngram()).isEqualTo("janet s ducks lay 16 eggs per day she eats three for breakfast");
            assertThat(record.start()).isEqualTo(span[0]);
            assertThat(record.end()).isEqualTo(span[1]);
            assertThat(record.action()).isEqualTo("removed_span");
        });
    }

    @Test
    void aDocumentWithoutTaskTextIsUnchanged() {
        for (String c4 : RealText.c4(20, 0)) {
            assertThat(decontaminate(GSM8K, c4).outcome()).isEqualTo(DocumentOutcome.UNCHANGED);
        }
    }

    @Test
    void piecesShorterThanTwoHundredCharactersAreDropped() {
        String c4 = RealText.c4(1, 2_000).get(0);
        String document = RealText.plant(c4, QUESTIONS.get(1), 320);
        int[] span = wordSpan(document, QUESTIONS.get(1));
        assertThat(span[0] - 200).isBetween(1, 199);

        DocumentDecontaminator.Result result = decontaminate(GSM8K, document);

        assertThat(result.outcome()).isEqualTo(DocumentOutcome.SPLIT);
        assertThat(result.pieces()).extracting(DocumentDecontaminator.Piece::start).containsExactly(span[1] + 200);
    }

    @Test
    void aDocumentLeftWithNoLongEnoughPieceIsDropped() {
        String c4 = RealText.c4(1, 600).get(0).substring(0, 600);
        DocumentDecontaminator.Result result = decontaminate(GSM8K, RealText.plant(c4, QUESTIONS.get(2), 250));
        assertThat(result.outcome()).isEqualTo(DocumentOutcome.DROPPED_NO_PIECE_LONG_ENOUGH);
        assertThat(result.pieces()).isEmpty();
        assertThat(result.contaminations()).extracting(DocumentDecontaminator.Contamination::action)
                .containsOnly("document_dropped_no_piece_long_enough");
    }

    private static String withQuestions(int questions) {
        List<String> c4 = RealText.c4(questions + 1, 700);
        StringBuilder document = new StringBuilder();
        for (int i = 0; i < questions; i++) {
            document.append(c4.get(i), 0, 600).append(' ').append(QUESTIONS.get(10 + i)).append(' ');
        }
        return document.append(c4.get(questions), 0, 600).toString();
    }

    @Test
    void tenSplitsAreKeptButMoreThanTenDropTheDocument() {
        DocumentDecontaminator.Result ten = decontaminate(GSM8K, withQuestions(10));
        assertThat(ten.outcome()).isEqualTo(DocumentOutcome.SPLIT);
        assertThat(ten.windows()).hasSize(10);
        assertThat(ten.pieces()).hasSize(11);

        DocumentDecontaminator.Result eleven = decontaminate(GSM8K, withQuestions(11));
        assertThat(eleven.outcome()).isEqualTo(DocumentOutcome.DROPPED_TOO_MANY_SPLITS);
        assertThat(eleven.pieces()).isEmpty();
        assertThat(eleven.contaminations()).hasSize(11).extracting(DocumentDecontaminator.Contamination::action)
                .containsOnly("document_dropped_too_many_splits");
    }

    @Test
    void overlappingRemovalWindowsMergeIntoOneSplit() {
        String c4 = RealText.c4(1, 2_000).get(0);
        String document = RealText.plant(c4, QUESTIONS.get(3) + " " + QUESTIONS.get(4), 900);
        DocumentDecontaminator.Result result = decontaminate(GSM8K, document);
        assertThat(result.windows()).hasSize(1);
        assertThat(result.pieces()).hasSize(2);
        assertThat(result.windows().get(0).matches().size()).isGreaterThan(2);
    }

    @Test
    void aTaskTextOfEightToTwelveWordsIsUsedWhole() {
        String task = "Which planet in our solar system has the most moons?";
        TaskNgrams ngrams = TaskNgrams.build(List.of(new EvaluationTask("trivia", List.of(task))), 13, 8);
        assertThat(ngrams.lengths()).containsExactly(10);
        assertThat(ngrams.size()).isEqualTo(1);

        String c4 = RealText.c4(1, 2_000).get(0);
        DocumentDecontaminator.Result whole = decontaminate(ngrams, RealText.plant(c4, task.toUpperCase(), 900));
        assertThat(whole.outcome()).isEqualTo(DocumentOutcome.SPLIT);
        assertThat(whole.contaminations()).singleElement().satisfies(record -> {
            assertThat(record.task()).isEqualTo("trivia");
            assertThat(record.ngram()).isEqualTo("which planet in our solar system has the most moons");
        });

        String partial = "Which planet in our solar system has the most";
        assertThat(decontaminate(ngrams, RealText.plant(c4, partial, 900)).outcome()).isEqualTo(DocumentOutcome.UNCHANGED);
    }

    @Test
    void anNgramSharedByTwoTasksIsReportedForEach() {
        String text = "Which planet in our solar system has the most moons?";
        TaskNgrams ngrams = TaskNgrams.build(List.of(new EvaluationTask("trivia", List.of(text)),
                new EvaluationTask("astronomy", List.of(text, "A different question of at least eight words here"))), 13, 8);
        assertThat(ngrams.size()).isEqualTo(2);
        DocumentDecontaminator.Result result = decontaminate(ngrams, RealText.plant(RealText.c4(1, 2_000).get(0), text, 900));
        assertThat(result.contaminations()).extracting(DocumentDecontaminator.Contamination::task)
                .containsExactly("trivia", "astronomy");
    }

    @Test
    void aTaskTextOfFewerThanEightWordsIsIgnored() {
        String task = "What is the capital of France?";
        TaskNgrams ngrams = TaskNgrams.build(List.of(new EvaluationTask("trivia", List.of(task))), 13, 8);
        assertThat(ngrams.size()).isZero();
        String c4 = RealText.c4(1, 2_000).get(0);
        assertThat(decontaminate(ngrams, RealText.plant(c4, task, 900)).outcome()).isEqualTo(DocumentOutcome.UNCHANGED);
    }

    /** What the Spark job's first pass computes: task n-grams occurring at least maxMatches times. */
    private static Set<Long> common(List<String> corpus, int maxMatches) {
        Map<Long, Long> counts = new HashMap<>();
        corpus.forEach(text -> DocumentDecontaminator.countMatches(GSM8K, text, counts));
        Set<Long> common = new HashSet<>();
        counts.forEach((hash, count) -> {
            if (count >= maxMatches) {
                common.add(hash);
            }
        });
        return common;
    }

    private static List<String> corpusWithQuestionIn(int documents) {
        List<String> corpus = new ArrayList<>();
        for (String c4 : RealText.c4(documents, 2_000)) {
            corpus.add(RealText.plant(c4, QUESTIONS.get(5), 900));
        }
        return corpus;
    }

    @Test
    void aTaskNgramFoundInTenDocumentsIsCommonAndNotRemoved() {
        List<String> corpus = corpusWithQuestionIn(10);
        Set<Long> common = common(corpus, 10);
        assertThat(common).isNotEmpty();
        DocumentDecontaminator decontaminator = new DocumentDecontaminator(GSM8K, common, NEMO_DEFAULTS);
        assertThat(corpus).allSatisfy(text ->
                assertThat(decontaminator.apply(text).outcome()).isEqualTo(DocumentOutcome.UNCHANGED));
    }

    @Test
    void aTaskNgramFoundInNineDocumentsIsStillRemoved() {
        List<String> corpus = corpusWithQuestionIn(9);
        Set<Long> common = common(corpus, 10);
        assertThat(common).isEmpty();
        DocumentDecontaminator decontaminator = new DocumentDecontaminator(GSM8K, common, NEMO_DEFAULTS);
        assertThat(corpus).allSatisfy(text ->
                assertThat(decontaminator.apply(text).outcome()).isEqualTo(DocumentOutcome.SPLIT));
    }

    @Test
    void wordsAreLowerCasedWordCharacterRunsWithOffsetsIntoTheOriginalText() {
        Words words = Words.of("Janet’s ducks—lay 16 eggs_per day. ÉTÉ!");
        List<String> found = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            found.add(words.word(i));
        }
        assertThat(found).containsExactly("janet", "s", "ducks", "lay", "16", "eggs_per", "day", "été");
        assertThat(words.text().substring(words.start(7), words.end(7))).isEqualTo("ÉTÉ");
        assertThat(Words.of("Janet's").join(0, 2)).isEqualTo(Words.of("Janet’s").join(0, 2));
    }
}
