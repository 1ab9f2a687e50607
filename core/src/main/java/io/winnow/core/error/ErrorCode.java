package io.winnow.core.error;

/**
 * Stable codes for every user-facing failure. Scripts and Airflow callbacks can match on the code;
 * the message carries the details. The process exit code for each is given by {@link #exitCode()}.
 */
public enum ErrorCode {
    /** The configuration file or a command-line option has a bad key or value. */
    CONFIG_INVALID(2),
    /** The configuration file cannot be found or read. */
    CONFIG_NOT_FOUND(2),
    /** An input path does not exist or holds no readable files. */
    INPUT_NOT_FOUND(3),
    /** Input files are present but cannot be used as configured (unknown format, bad schema). */
    INPUT_INVALID(3),
    /** A table a stage needs does not exist yet. */
    TABLE_NOT_FOUND(3),
    /** A table exists but lacks a column the stage needs, or the column has the wrong type. */
    TABLE_SCHEMA_MISMATCH(3),
    /** A Spark profile cannot be found or parsed. */
    SPARK_PROFILE_INVALID(2),
    /** A stage's counts do not add up: an internal error that must never be hidden. */
    COUNTS_DO_NOT_ADD_UP(4),
    /** A stage failed for a reason outside the categories above; the cause is attached. */
    STAGE_FAILED(1);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
