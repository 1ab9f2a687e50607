package io.winnow.dedup.fuzzy;

import java.util.Map;

/** Records the wall time of each phase as {@code millis.<phase>} in a stage's detail counts. */
final class PhaseTimer {
    private final Map<String, Long> detail;
    private long last = System.nanoTime();

    PhaseTimer(Map<String, Long> detail) {
        this.detail = detail;
    }

    void lap(String phase) {
        long now = System.nanoTime();
        detail.put("millis." + phase, (now - last) / 1_000_000);
        last = now;
    }
}
