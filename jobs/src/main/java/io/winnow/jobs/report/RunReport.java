package io.winnow.jobs.report;

import io.winnow.core.run.StageCounts;
import io.winnow.core.run.StageResult;
import io.winnow.core.run.StageStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table printed at the end of a run (and by `winnow report`), also saved as Markdown. */
public final class RunReport {
    private RunReport() {}

    public static String render(String runId, String warehouse, List<StageResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("## Winnow run ").append(runId).append("\n\n");
        out.append("Warehouse: `").append(warehouse).append("`\n\n");
        out.append(String.format(Locale.ROOT, "| %-13s | %-9s | %10s | %10s | %10s | %11s | %8s |%n",
                "stage", "status", "in", "kept", "dropped", "quarantined", "seconds"));
        out.append("|---------------|-----------|-----------:|-----------:|-----------:|------------:|---------:|\n");
        boolean allAddUp = true;
        for (StageResult result : results) {
            StageCounts counts = result.counts();
            allAddUp &= counts.in() == counts.kept() + counts.dropped() + counts.quarantined();
            out.append(String.format(Locale.ROOT, "| %-13s | %-9s | %,10d | %,10d | %,10d | %,11d | %8.1f |%n",
                    result.stage(), result.status(), counts.in(), counts.kept(), counts.dropped(), counts.quarantined(),
                    result.elapsed().toMillis() / 1000.0));
        }
        out.append('\n');
        out.append(allAddUp ? "Counts add up for every stage: in = kept + dropped + quarantined.\n"
                : "WARNING: some counts do not add up; see the run log.\n");
        for (StageResult result : results) {
            if (result.status() == StageStatus.SKIPPED) {
                out.append("- ").append(result.stage()).append(": skipped, outputs already match this config and input"
                        + " (counts are from the run that produced them; use --force to recompute)\n");
            }
            Map<String, Long> detail = result.counts().detail();
            if (!detail.isEmpty()) {
                out.append("- ").append(result.stage()).append(" details: ");
                StringBuilder parts = new StringBuilder();
                detail.forEach((key, value) -> parts.append(parts.length() == 0 ? "" : ", ").append(key).append('=')
                        .append(String.format(Locale.ROOT, "%,d", value)));
                out.append(parts).append('\n');
            }
        }
        return out.toString();
    }
}
