package io.winnow.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.testing.TestSpark;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The ASCII lookup table and the skipped Unicode normaliser must not change a single output: exact
 * dedup hashes these strings, so a difference would silently change which documents are duplicates.
 * The oracle is the straightforward per-code-point algorithm the fast path replaced.
 */
class TextNormalizerOracleTest {

    @Test
    void everyOptionCombinationMatchesThePlainAlgorithmOnMixedScriptsAndControlCharacters() {
        SplittableRandom random = new SplittableRandom(3);
        String alphabet = " \t\n\r\u000b\f\u001c\u0085\u00a0\u2003AZaz09.,;!?-_()[]\"'#~\u0000\u0007"
                + "ÉéÀçßİı\u0301\u0308ﬁＡ①²½ΣσДжअ\u0e01中日\ud83d\ude00\u200b\u00ad";
        List<String> texts = new ArrayList<>(List.of("", " ", "plain ascii only", "  Hello,\n\n  WORLD\t42!  "));
        for (int i = 0; i < 400; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int j = 0; j < length; j++) {
                // Keep surrogate pairs whole, and sometimes leave a lone half (invalid UTF-16 occurs in the wild).
                int at = random.nextInt(alphabet.length());
                text.append(alphabet.charAt(at));
                if (Character.isHighSurrogate(alphabet.charAt(at)) && random.nextInt(4) > 0) {
                    text.append(alphabet.charAt(at + 1));
                }
            }
            texts.add(text.toString());
        }
        assertAllCombinationsMatch(texts);
    }

    @Test
    void realMultilingualDocumentsNormaliseExactlyAsBefore() throws IOException {
        Path udhr = TestSpark.sharedData().resolve("multilingual/udhr2/udhr2.jsonl");
        assumeTrue(Files.isRegularFile(udhr), "needs ../shared/data/multilingual/udhr2");
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(udhr)) {
            String line;
            while ((line = reader.readLine()) != null && texts.size() < 120) {
                String text = json.readTree(line).get("text").asText();
                texts.add(text.substring(0, Math.min(text.length(), 3000)));
            }
        }
        assertThat(texts).hasSize(120);
        assertAllCombinationsMatch(texts);
    }

    private static void assertAllCombinationsMatch(List<String> texts) {
        for (int bits = 0; bits < 64; bits++) {
            NormalizationOptions options = new NormalizationOptions((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0,
                    (bits & 8) != 0, (bits & 16) != 0, (bits & 32) != 0);
            TextNormalizer normalizer = new TextNormalizer(options);
            for (String text : texts) {
                assertThat(normalizer.normalize(text)).as("%s on %s", options, text).isEqualTo(plain(options, text));
            }
        }
    }

    /** The algorithm before the ASCII fast path, kept as the oracle. */
    private static String plain(NormalizationOptions options, String text) {
        String source = text;
        if (options.unicodeNfkc()) {
            source = Normalizer.normalize(source, Normalizer.Form.NFKC);
        }
        if (options.accents()) {
            source = Normalizer.normalize(source, Normalizer.Form.NFD);
        }
        StringBuilder out = new StringBuilder(source.length());
        boolean pendingSpace = false;
        int index = 0;
        while (index < source.length()) {
            int codePoint = source.codePointAt(index);
            index += Character.charCount(codePoint);
            if (options.whitespace() && Character.isWhitespace(codePoint)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            int type = Character.getType(codePoint);
            if (options.accents() && type == Character.NON_SPACING_MARK) {
                continue;
            }
            boolean punctuation = type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                    || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                    || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                    || type == Character.OTHER_PUNCTUATION;
            boolean invisible = (type == Character.CONTROL && !Character.isWhitespace(codePoint)) || type == Character.FORMAT;
            if (options.punctuation() && (punctuation || invisible)) {
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            if (options.digits() && Character.isDigit(codePoint)) {
                out.append('0');
            } else if (options.lowercase()) {
                out.appendCodePoint(Character.toLowerCase(codePoint));
            } else {
                out.appendCodePoint(codePoint);
            }
        }
        return out.toString();
    }
}
