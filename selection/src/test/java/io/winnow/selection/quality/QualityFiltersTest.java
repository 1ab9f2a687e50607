package io.winnow.selection.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QualityFiltersTest {
    private static final Map<String, String> C4 = loadExamples();
    private static final QualityFilterChain DEFAULT_CHAIN = new QualityFilterChain(QualityRules.defaults());

    private static Map<String, String> loadExamples() {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, String> texts = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("src/test/resources/quality/c4-examples.jsonl"))) {
                JsonNode node = mapper.readTree(line);
                texts.put(node.get("name").asText(), node.get("text").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }

    private static List<String> reasons(String text) {
        return DEFAULT_CHAIN.assess(text).reasons();
    }

    static Stream<Arguments> realDocuments() {
        return Stream.of(
                Arguments.of("bbq-class", List.of()),
                Arguments.of("mac-forum", List.of()),
                Arguments.of("insurance-press-release", List.of()),
                Arguments.of("dance-costume", List.of(GopherQualityFilter.TOO_FEW_WORDS)),
                Arguments.of("wordpress-themes", List.of(C4QualityFilter.TOO_FEW_SENTENCES)),
                Arguments.of("torso-sizing", List.of(GopherRepetitionFilter.duplicatedNgramReason(6))),
                Arguments.of("tile-roofing", List.of(GopherRepetitionFilter.topNgramReason(4))),
                Arguments.of("game-download", List.of(GopherQualityFilter.TOO_FEW_STOP_WORDS)),
                Arguments.of("crossword-clue", List.of(GopherRepetitionFilter.duplicatedNgramReason(10))));
    }

    @ParameterizedTest(name = "{0} fails exactly {1}")
    @MethodSource("realDocuments")
    void realC4DocumentsFailExactlyTheirRules(String name, List<String> expected) {
        assertThat(reasons(C4.get(name))).containsExactlyElementsOf(expected);
    }

    @Test
    void titleCaseStopWordsDoNotCountBecauseMatchingIsCaseSensitive() {
        QualityAssessment assessment = DEFAULT_CHAIN.assess(C4.get("game-download"));
        assertThat(assessment.metric("stop_words")).isZero();
        assertThat(C4.get("game-download")).contains("The Same Banner");
    }

    @Test
    void theRepeatedPhraseOfTheRoofingPageCoversMoreThanSixteenPercentOfItsText() {
        String text = C4.get("tile-roofing");
        QualityAssessment assessment = DEFAULT_CHAIN.assess(text);
        long occurrences = Stream.iterate(text.indexOf("Tile Roofing Maintenance Contractor"), i -> i >= 0,
                i -> text.indexOf("Tile Roofing Maintenance Contractor", i + 1)).count();
        assertThat(assessment.metric("top_4gram_char_fraction"))
                .isCloseTo(occurrences * "Tile Roofing Maintenance Contractor".length() / (double) text.length(), within(1e-9))
                .isGreaterThan(0.16);
    }

    @Test
    void hashtagsAboveOnePerTenWordsFailTheHashRule() {
        String text = C4.get("bbq-class") + "\n#bbq #grill #smoke #missoula #class #meat #ribs #brisket #pork #chicken"
                + " #sauce #rub #fire #coals #pit #smoker #kcbs #competition #tshirt #apron #samples #recipes #timelines";
        assertThat(DEFAULT_CHAIN.assess(C4.get("bbq-class")).reasons()).isEmpty();
        assertThat(reasons(text)).contains(GopherQualityFilter.TOO_MANY_HASHES);
    }

    @Test
    void linesEndingInEllipsesFailTheEllipsisRules() {
        String text = String.join("...\n", C4.get("mac-forum").split("\n")) + "...";
        assertThat(reasons(text)).contains(GopherQualityFilter.TOO_MANY_ELLIPSIS_LINES);
        assertThat(DEFAULT_CHAIN.assess(text).metric("ellipsis_line_fraction")).isEqualTo(1.0);
    }

    @Test
    void aDocumentOfBulletLinesFailsTheBulletRule() {
        String text = "\u2022 " + String.join("\n\u2022 ", C4.get("mac-forum").split("\n"));
        assertThat(reasons(text)).contains(GopherQualityFilter.TOO_MANY_BULLET_LINES);
    }

    @Test
    void aTableOfNumbersFailsTheAlphabeticWordRule() {
        String text = C4.get("bbq-class") + "\n" + "12 34 56 78 90 11 22 33 44 55 66 77 88 99 10 20 30 40 50 60\n".repeat(5);
        assertThat(reasons(text)).contains(GopherQualityFilter.TOO_FEW_ALPHA_WORDS);
    }

    @Test
    void aBlobOfEncodedTokensFailsTheMeanWordLengthRule() {
        String text = C4.get("bbq-class") + "\n" + java.util.Base64.getEncoder()
                .encodeToString(C4.get("mac-forum").getBytes(java.nio.charset.StandardCharsets.UTF_8)).replaceAll("(.{24})", "$1 ");
        assertThat(reasons(text)).contains(GopherQualityFilter.MEAN_WORD_LENGTH_TOO_LONG);
    }

    @Test
    void loremIpsumAndCurlyBracketsDropTheDocumentUnderC4() {
        String lorem = C4.get("mac-forum") + "\nLorem ipsum dolor sit amet, consectetur adipiscing elit.";
        String code = C4.get("mac-forum") + "\nfunction track() { return window.dataLayer; }";
        assertThat(reasons(lorem)).containsExactly(C4QualityFilter.LOREM_IPSUM);
        assertThat(reasons(code)).containsExactly(C4QualityFilter.CURLY_BRACKET);
    }

    @Test
    void javascriptAndCookieLinesAreRemovedButTheDocumentIsKept() {
        String original = C4.get("mac-forum");
        String text = original + "\nPlease enable JavaScript to view the comments.\nThis website uses cookies to improve your experience."
                + "\nAs reported [1] in the thread [citation needed], it works.";
        QualityAssessment assessment = DEFAULT_CHAIN.assess(text);
        assertThat(assessment.reasons()).isEmpty();
        assertThat(assessment.text()).isEqualTo(original + "\nAs reported  in the thread , it works.");
        assertThat(assessment.metric("c4_lines_removed")).isEqualTo(2.0);
    }

    @Test
    void theTerminalPunctuationLineRuleIsOffByDefaultAndRemovesHeadingsWhenOn() {
        String text = C4.get("bbq-class") + "\nRead more about our classes";
        C4QualityFilter.Config defaults = C4QualityFilter.Config.defaults();
        C4QualityFilter.Config strict = new C4QualityFilter.Config(true, true, defaults.minWordsPerLine(),
                defaults.maxWordLength(), true, true, true, true, true, defaults.minSentences());
        QualityAssessment assessment = new QualityAssessment(text);
        new C4QualityFilter(strict).assess(assessment);
        assertThat(DEFAULT_CHAIN.assess(text).text()).isEqualTo(text);
        assertThat(assessment.text()).isEqualTo(C4.get("bbq-class"));
    }

    @Test
    void aListOfShortLinesFailsFineWebsShortLineAndListRules() {
        String text = C4.get("bbq-class").replaceAll("[^\\w\\s]", "").replaceAll("(\\S+ \\S+ \\S+)\\s+", "$1\n");
        assertThat(reasons(text)).contains(FineWebQualityFilter.SHORT_LINE_RATIO, FineWebQualityFilter.LIST_RATIO);
    }

    @Test
    void aRepeatedLineFailsFineWebsCharacterDuplicateRule() {
        String text = C4.get("mac-forum") + "\nBut I shouldn't have to do that!!!";
        QualityAssessment assessment = DEFAULT_CHAIN.assess(text);
        assertThat(assessment.reasons()).contains(FineWebQualityFilter.CHAR_DUPLICATE_RATIO);
        assertThat(assessment.metric("fineweb_char_dup_ratio"))
                .isCloseTo("But I shouldn't have to do that!!!".length() / (double) text.replace("\n", "").length(), within(1e-12));
    }

    @Test
    void linesWithoutEndPunctuationFailFineWebsPunctuationRule() {
        String text = String.join("\n", C4.get("bbq-class").replaceAll("[.!?]", "").split("(?<=\\w) (?=[A-Z])"));
        assertThat(reasons(text)).contains(FineWebQualityFilter.LINE_PUNCTUATION_RATIO);
    }

    @Test
    void repeatedParagraphsFailTheParagraphRules() {
        String paragraph = C4.get("bbq-class");
        String text = paragraph + "\n\n" + paragraph + "\n\n" + C4.get("mac-forum");
        assertThat(reasons(text)).contains(GopherRepetitionFilter.DUP_PARAGRAPH_FRACTION,
                GopherRepetitionFilter.DUP_PARAGRAPH_CHAR_FRACTION);
    }

    @Test
    void aRuleSwitchedOffNeverFailsButItsMetricIsStillMeasured() {
        GopherQualityFilter.Config defaults = GopherQualityFilter.Config.defaults();
        GopherQualityFilter.Config noWordCount = new GopherQualityFilter.Config(true, Double.NaN, defaults.maxWords(),
                defaults.minMeanWordLength(), defaults.maxMeanWordLength(), defaults.maxHashRatio(),
                defaults.maxEllipsisRatio(), defaults.maxBulletLineFraction(), defaults.maxEllipsisLineFraction(),
                defaults.minAlphaWordFraction(), defaults.minStopWords());
        QualityRules rules = QualityRules.defaults();
        QualityFilterChain chain = new QualityFilterChain(new QualityRules(rules.gopherRepetition(), noWordCount, rules.c4(),
                rules.fineWeb()));
        QualityAssessment assessment = chain.assess(C4.get("dance-costume"));
        assertThat(assessment.reasons()).isEmpty();
        assertThat(assessment.metric("non_symbol_words")).isEqualTo(29.0);
    }

    @Test
    void aDisabledFilterAddsNoReasons() {
        QualityRules rules = QualityRules.defaults();
        C4QualityFilter.Config d = rules.c4();
        QualityRules withoutC4 = new QualityRules(rules.gopherRepetition(), rules.gopherQuality(),
                new C4QualityFilter.Config(false, d.removeLinesWithoutTerminalPunctuation(), d.minWordsPerLine(),
                        d.maxWordLength(), d.removeJavascriptLines(), d.removePolicyLines(), d.removeCitations(),
                        d.dropLoremIpsum(), d.dropCurlyBracket(), d.minSentences()),
                rules.fineWeb());
        assertThat(new QualityFilterChain(withoutC4).assess(C4.get("wordpress-themes")).reasons()).isEmpty();
    }

    @Test
    void anEmptyTextFailsWithoutDividingByZero() {
        assertThat(reasons("")).contains(GopherQualityFilter.TOO_FEW_WORDS, FineWebQualityFilter.EMPTY);
    }

    @Test
    void wordsSplitOffPunctuationButKeepNumbersContractionsAndHyphens() {
        assertThat(TextUnits.words("It's $4.99, a well-known deal... (really) #1"))
                .containsExactly("It's", "$", "4.99", ",", "a", "well-known", "deal", "...", "(", "really", ")", "#", "1");
        assertThat(TextUnits.isSymbolWord("...")).isTrue();
        assertThat(TextUnits.isSymbolWord("4.99")).isFalse();
    }

    @Test
    void duplicatedNgramCharactersSkipPastEachRepeat() {
        List<String> words = List.of("a", "b", "c", "a", "b", "c", "a", "b");
        // 2-grams: ab bc ca [ab repeat: +2, jump to index 5] ca? no: index 5 is "c a" -> repeat +2, jump to 7.
        assertThat(GopherRepetitionFilter.duplicatedNgramCharacters(words, 2)).isEqualTo(4);
        assertThat(GopherRepetitionFilter.topNgramCharacters(words, 2)).isEqualTo(3L * 3);
    }
}
