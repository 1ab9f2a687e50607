package io.winnow.core.run;

import static java.util.Objects.requireNonNull;

import io.winnow.core.table.Warehouse;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * What every stage gets besides its own config: the run id shared by all stages of one pipeline
 * run, the warehouse, and whether to recompute even when the outputs are up to date.
 */
public record RunContext(String runId, Warehouse warehouse, boolean force) {
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    public RunContext {
        requireNonNull(runId, "runId is null");
        requireNonNull(warehouse, "warehouse is null");
        if (!runId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("runId must use only letters, digits, '.', '_' or '-', got " + runId);
        }
    }

    /** A sortable, unique id such as {@code 20261122T140312-3f9a1c}. */
    public static String newRunId() {
        return LocalDateTime.now(ZoneOffset.UTC).format(RUN_ID_TIME) + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
