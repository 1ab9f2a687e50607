package io.winnow.core.run;

import io.winnow.core.error.WinnowErrors;
import io.winnow.core.error.WinnowException;
import io.winnow.core.table.DeltaTables;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stage body and records it in the run log: SUCCEEDED with its counts, SKIPPED when the
 * outputs already match this config and these inputs, FAILED with the error (then rethrown).
 */
public final class StageExecution {
    private static final Logger LOG = LoggerFactory.getLogger(StageExecution.class);

    private StageExecution() {}

    public static StageResult execute(SparkSession spark, RunContext context, StageSpec spec, Supplier<StageOutcome> body) {
        RunLog runLog = new RunLog(spark, context.warehouse().runLogPath());
        Instant started = Instant.now();
        if (!context.force()) {
            Optional<StageResult> previous = runLog.latestSuccess(spec);
            if (previous.isPresent() && outputsUnchanged(spark, spec, previous.get().outputVersions())) {
                StageResult skipped = new StageResult(context.runId(), spec.stage(), StageStatus.SKIPPED,
                        previous.get().counts(), previous.get().outputVersions(), started, Instant.now());
                runLog.append(skipped, spec.configHash(), spec.inputVersions(), null);
                LOG.info("Stage {} is up to date (run {}); skipped", spec.stage(), previous.get().runId());
                return skipped;
            }
        }
        try {
            StageOutcome outcome = body.get();
            StageResult result = new StageResult(context.runId(), spec.stage(), StageStatus.SUCCEEDED, outcome.counts(),
                    outcome.outputVersions(), started, Instant.now());
            runLog.append(result, spec.configHash(), spec.inputVersions(), null);
            return result;
        } catch (RuntimeException e) {
            WinnowException error = e instanceof WinnowException winnow ? winnow : WinnowErrors.stageFailed(spec.stage(), e);
            StageResult failed = new StageResult(context.runId(), spec.stage(), StageStatus.FAILED,
                    new StageCounts(spec.stage(), 0, 0, 0, 0, Map.of()), Map.of(), started, Instant.now());
            try {
                runLog.append(failed, spec.configHash(), spec.inputVersions(),
                        "[" + error.errorCode() + "] " + error.getMessage());
            } catch (RuntimeException logFailure) {
                error.addSuppressed(logFailure);
            }
            throw error;
        }
    }

    private static boolean outputsUnchanged(SparkSession spark, StageSpec spec, Map<String, Long> recorded) {
        for (String path : spec.outputPaths()) {
            Long version = recorded.get(path);
            if (version == null || DeltaTables.version(spark, path) != version) {
                return false;
            }
        }
        return true;
    }
}
