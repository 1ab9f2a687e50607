package io.winnow.core.run;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** What a stage body hands back: its counts and the Delta version of each table it wrote. */
public record StageOutcome(StageCounts counts, Map<String, Long> outputVersions) {
    public StageOutcome {
        requireNonNull(counts, "counts is null");
        outputVersions = Map.copyOf(requireNonNull(outputVersions, "outputVersions is null"));
    }
}
