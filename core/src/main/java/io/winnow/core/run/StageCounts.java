package io.winnow.core.run;

import static java.util.Objects.requireNonNull;

import io.winnow.core.error.WinnowErrors;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows a stage saw and where each went. The constructor enforces the project's first rule:
 * in = kept + dropped + quarantined. {@code detail} holds named sub-counts (per reason, per file kind).
 */
public record StageCounts(String stage, long in, long kept, long dropped, long quarantined, Map<String, Long> detail) {
    public StageCounts {
        requireNonNull(stage, "stage is null");
        if (in < 0 || kept < 0 || dropped < 0 || quarantined < 0) {
            throw new IllegalArgumentException("counts must be >= 0, got " + in + "/" + kept + "/" + dropped + "/" + quarantined);
        }
        if (in != kept + dropped + quarantined) {
            throw WinnowErrors.countsDoNotAddUp(stage, in, kept, dropped, quarantined);
        }
        detail = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(detail, "detail is null")));
    }
}
