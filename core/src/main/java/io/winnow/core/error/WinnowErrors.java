package io.winnow.core.error;

import java.util.Collection;
import java.util.List;

/** All user-facing errors, built in one place: problem, cause, fix. */
public final class WinnowErrors {
    private WinnowErrors() {}

    public static WinnowException unknownConfigKey(String source, String key, Collection<String> allowed, String suggestion) {
        String hint = suggestion == null ? "" : " Did you mean '" + suggestion + "'?";
        return new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "Unknown key '%s' in %s.%s Allowed keys here: %s. Fix the spelling or remove the key.",
                key, source, hint, String.join(", ", allowed)));
    }

    public static WinnowException badConfigValue(String source, String key, Object value, String expected) {
        return new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "Bad value for '%s' in %s: got '%s', expected %s. Change the value and run again.",
                key, source, value, expected));
    }

    public static WinnowException badConfigEnum(String source, String key, Object value, List<String> allowed) {
        return new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "Bad value for '%s' in %s: got '%s'. Allowed values: %s. Change the value and run again.",
                key, source, value, String.join(", ", allowed)));
    }

    public static WinnowException configNotFound(String path) {
        return new WinnowException(ErrorCode.CONFIG_NOT_FOUND, String.format(
                "Config file '%s' does not exist. Pass an existing file with --config, or omit --config to use the defaults.",
                path));
    }

    public static WinnowException configUnreadable(String path, Throwable cause) {
        return new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "Config file '%s' is not valid YAML: %s. Fix the YAML syntax (check indentation and quoting).",
                path, firstLine(cause.getMessage())), cause);
    }

    public static WinnowException inputNotFound(String path) {
        return new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                "Input path '%s' does not exist. Ingest stopped before reading anything (a glob must match at least one file)."
                        + " Fix or remove that entry of ingest.input (or --input): files, directories or globs of .jsonl,"
                        + " .jsonl.gz, .parquet or .txt files, comma separated.",
                path));
    }

    public static WinnowException noInputFiles(String path) {
        return new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                "Input path '%s' holds no data files (files starting with '.' or '_' are ignored). Add .jsonl, .jsonl.gz, .parquet or .txt files, or point ingest.input elsewhere.",
                path));
    }

    public static WinnowException unknownFileFormat(String file, List<String> knownExtensions) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "Cannot tell the format of input file '%s' from its name (known endings: %s). Rename it, move it out of the input directory, or set ingest.format to jsonl, parquet or text.",
                file, String.join(", ", knownExtensions)));
    }

    public static WinnowException unreadableInput(String file, Throwable cause) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "Cannot read input file '%s': %s. Check the file is complete and of the configured format.",
                file, firstLine(cause.getMessage())), cause);
    }

    public static WinnowException tableNotFound(String path, String producedBy) {
        return new WinnowException(ErrorCode.TABLE_NOT_FOUND, String.format(
                "No Delta table at '%s'. Run the stage '%s' first, or point the input at an existing Delta table.",
                path, producedBy));
    }

    public static WinnowException missingColumn(String table, String column, String type, List<String> present) {
        return new WinnowException(ErrorCode.TABLE_SCHEMA_MISMATCH, String.format(
                "Table '%s' has no column '%s' of type %s (its columns: %s). Point the stage at a table with that column or configure the column name.",
                table, column, type, String.join(", ", present)));
    }

    public static WinnowException sparkProfileNotFound(String profile, String directory, List<String> available) {
        return new WinnowException(ErrorCode.SPARK_PROFILE_INVALID, String.format(
                "Spark profile '%s' not found in '%s' (available: %s). Pick one of those with --spark-profile or add %s/%s.conf.",
                profile, directory, available.isEmpty() ? "none" : String.join(", ", available), directory, profile));
    }

    public static WinnowException badSparkProfileLine(String file, int line, String text) {
        return new WinnowException(ErrorCode.SPARK_PROFILE_INVALID, String.format(
                "Line %d of Spark profile '%s' is not 'key value': '%s'. Write one Spark setting per line, e.g. 'spark.sql.shuffle.partitions 8'.",
                line, file, text));
    }

    public static WinnowException countsDoNotAddUp(String stage, long in, long kept, long dropped, long quarantined) {
        return new WinnowException(ErrorCode.COUNTS_DO_NOT_ADD_UP, String.format(
                "Stage '%s' counted %d rows in but %d kept + %d dropped + %d quarantined = %d. This is a bug in Winnow: please report it with the run log.",
                stage, in, kept, dropped, quarantined, kept + dropped + quarantined));
    }

    public static WinnowException stageFailed(String stage, Throwable cause) {
        return new WinnowException(ErrorCode.STAGE_FAILED, String.format(
                "Stage '%s' failed: %s. See the log above for the full stack trace; the run log row for this stage has status FAILED.",
                stage, firstLine(String.valueOf(cause.getMessage()))), cause);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
