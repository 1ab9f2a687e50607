package io.winnow.dedup.decontamination;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real texts for the tests: C4 documents from the bundled corpus and the bundled GSM8K test questions. */
final class RealText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RealText() {}

    static Path bundledEval() {
        return TestSpark.projectRoot().resolve("data/demo/eval");
    }

    /** The first {@code count} C4 documents with at least {@code minLength} characters. */
    static List<String> c4(int count, int minLength) {
        List<String> texts = new ArrayList<>();
        for (String line : lines(TestSpark.projectRoot().resolve("data/demo/corpus/c4-en-sample.jsonl"))) {
            String text = field(line, "text");
            if (text.length() >= minLength) {
                texts.add(text);
                if (texts.size() == count) {
                    break;
                }
            }
        }
        return texts;
    }

    static List<String> gsm8kQuestions() {
        return lines(bundledEval().resolve("gsm8k/test.jsonl")).stream().map(line -> field(line, "question")).toList();
    }

    /** {@code text} with {@code inserted} put in at the first space at or after {@code position}. */
    static String plant(String text, String inserted, int position) {
        int at = text.indexOf(' ', position);
        return text.substring(0, at) + " " + inserted + text.substring(at);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String field(String line, String name) {
        try {
            return JSON.readTree(line).get(name).asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
