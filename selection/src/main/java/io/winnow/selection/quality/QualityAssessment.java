package io.winnow.selection.quality;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the filters found in one document: every rule it fails (in filter order), the measured
 * metrics (so users can re-threshold without recomputing) and the text after line-level removals.
 */
public final class QualityAssessment {
    private final List<String> reasons = new ArrayList<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private String text;
    /** The words of {@code text}, split once and shared by the filters until a filter replaces the text. */
    private List<String> words;

    public QualityAssessment(String text) {
        this.text = text;
    }

    void fail(String reason) {
        reasons.add(reason);
    }

    void measure(String metric, double value) {
        metrics.put(metric, value);
    }

    void replaceText(String newText) {
        if (!newText.equals(text)) {
            words = null;
        }
        text = newText;
    }

    List<String> words() {
        if (words == null) {
            words = TextUnits.words(text);
        }
        return words;
    }

    public List<String> reasons() {
        return List.copyOf(reasons);
    }

    public Map<String, Double> metrics() {
        return Map.copyOf(metrics);
    }

    public Double metric(String name) {
        return metrics.get(name);
    }

    public String text() {
        return text;
    }

    public boolean passed() {
        return reasons.isEmpty();
    }
}
