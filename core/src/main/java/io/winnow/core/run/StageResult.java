package io.winnow.core.run;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** One stage execution as recorded in the run log. */
public record StageResult(
        String runId,
        String stage,
        StageStatus status,
        StageCounts counts,
        Map<String, Long> outputVersions,
        Instant startedAt,
        Instant finishedAt) {
    public StageResult {
        requireNonNull(runId, "runId is null");
        requireNonNull(stage, "stage is null");
        requireNonNull(status, "status is null");
        requireNonNull(counts, "counts is null");
        outputVersions = Map.copyOf(requireNonNull(outputVersions, "outputVersions is null"));
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
    }

    public Duration elapsed() {
        return Duration.between(startedAt, finishedAt);
    }
}
