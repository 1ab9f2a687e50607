package io.winnow.core.run;

/** How one stage execution ended. */
public enum StageStatus {
    SUCCEEDED,
    /** Output already matched this config and these input versions; nothing was recomputed. */
    SKIPPED,
    FAILED
}
