package io.winnow.selection.rds;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import java.nio.file.Path;
import java.util.List;

/** The user-facing errors of the {@code select} stage: problem, cause, fix. */
final class SelectErrors {
    private SelectErrors() {}

    static WinnowException badNamedPath(String key, String value) {
        return new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "%s holds '%s', which is not name=path. Write each entry as name=path, e.g. gsm8k=../shared/data/eval/gsm8k/train.jsonl"
                        + " (names use letters, digits, '.', '_', '/', '-').", key, value));
    }

    static WinnowException duplicateName(String key, String name) {
        return new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "%s names '%s' twice, so its items or queries would be mixed up. Give every entry its own name.", key, name));
    }

    static WinnowException pathNotFound(String what, NamedPath entry) {
        return new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                "The %s '%s' points at '%s', which does not exist (relative paths start at the working directory %s)."
                        + " Fix the path in select.%s or pass it with --%s.", what, entry.name(), entry.path(),
                Path.of("").toAbsolutePath(), what.equals("task") ? "tasks" : "pool", what.equals("task") ? "task" : "pool"));
    }

    static WinnowException noQueries(String task, Path path) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "Task '%s' has no query examples under '%s' (files read: .jsonl, .jsonl.gz, .json, .csv). Point the task"
                        + " at GSM8K/HumanEval/BBH/MMLU files or instruction records.", task, path));
    }

    static WinnowException badQueryFile(Path file, String problem) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "Query file '%s' %s. Fix the file or move it out of the task's folder.", file, problem));
    }

    static WinnowException unreadable(Path file, Throwable cause) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "Cannot read '%s': %s. Check the file is complete (a .gz must be whole) and readable.", file,
                cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().lines().findFirst().orElse("")),
                cause);
    }

    static WinnowException emptyPool(List<NamedPath> pool) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "The pool %s has no readable instruction record, so there is nothing to select. Check the files hold"
                        + " Alpaca/GPTeacher/Self-Instruct/T0/GSM8K/messages records (see the quarantine table for why"
                        + " each was set aside).", pool));
    }

    static WinnowException vectorSizeMismatch(String table, int expected, long bad) {
        return new WinnowException(ErrorCode.TABLE_SCHEMA_MISMATCH, String.format(
                "%d vectors in '%s' do not have %d values like the queries, so they cannot be compared. Rerun the"
                        + " stage with --force to re-embed the pool with the configured model.", bad, table, expected));
    }
}
