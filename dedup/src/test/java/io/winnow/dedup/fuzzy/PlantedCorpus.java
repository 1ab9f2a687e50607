package io.winnow.dedup.fuzzy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Real C4 documents from the bundled demo corpus, and edits of them with known kinds of change. */
final class PlantedCorpus {
    private PlantedCorpus() {}

    /** The first {@code count} C4 documents of at least {@code minChars} characters. */
    static List<String> c4Documents(int count, int minChars) {
        Path file = TestSpark.projectRoot().resolve("data/demo/corpus/c4-en-sample.jsonl");
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String text = json.readTree(line).get("text").asText();
                if (text.length() >= minChars) {
                    texts.add(text);
                }
                if (texts.size() == count) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }

    /** Replaces a fraction of the words with other words, at random positions. */
    static String replaceWords(String text, double fraction, long seed) {
        Random random = new Random(seed);
        String[] words = text.split(" ");
        int changes = Math.max(1, (int) (words.length * fraction));
        for (int i = 0; i < changes; i++) {
            words[random.nextInt(words.length)] = "edit" + random.nextInt(1_000_000);
        }
        return String.join(" ", words);
    }

    /** Inserts a sentence in the middle of the text. */
    static String insertSentence(String text, String sentence) {
        int middle = text.indexOf(' ', text.length() / 2);
        return text.substring(0, middle) + " " + sentence + text.substring(middle);
    }

    /** Wraps the text in a site header and footer. */
    static String withBoilerplate(String text) {
        return "Home | About | Contact\n" + text + "\nCopyright 2024. All rights reserved.";
    }
}
