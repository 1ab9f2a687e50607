package io.winnow.embed.bench;

import io.winnow.batchinfer.quantize.StsPairs;
import io.winnow.embed.StsEvaluation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Benchmark sentences: distinct STS-B dev sentences when the file is there, else generated ones. */
final class BenchTexts {
    private static final List<String> FALLBACK = List.of(
            "A man is playing a guitar on the street.", "Two dogs run across a snowy field.",
            "The stock market fell sharply after the announcement.", "She is slicing tomatoes for a salad.",
            "A child rides a red bicycle down the hill.", "The committee postponed its decision until next week.");

    private BenchTexts() {}

    static List<String> load(int count) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        StsPairs pairs = StsPairs.read(StsEvaluation.DEFAULT_DEV_FILE, Integer.MAX_VALUE);
        if (pairs != null) {
            distinct.addAll(pairs.first());
            distinct.addAll(pairs.second());
        }
        List<String> texts = new ArrayList<>();
        for (String text : distinct) {
            if (texts.size() == count) {
                break;
            }
            texts.add(text);
        }
        for (int i = 0; texts.size() < count; i++) {
            texts.add(FALLBACK.get(i % FALLBACK.size()) + " (" + i + ")");
        }
        return texts;
    }
}
