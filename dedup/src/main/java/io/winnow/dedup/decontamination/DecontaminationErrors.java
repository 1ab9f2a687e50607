package io.winnow.dedup.decontamination;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import java.nio.file.Path;

/** The user-facing errors of this stage: problem, cause, fix. */
final class DecontaminationErrors {
    private DecontaminationErrors() {}

    static WinnowException tasksNotFound(Path path) {
        return new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                "Evaluation tasks path '%s' does not exist. Point decontaminate.tasks at an eval file or a directory of them (the bundled set is data/demo/eval).",
                path));
    }

    static WinnowException noTaskFiles(Path path) {
        return new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                "Evaluation tasks path '%s' holds no eval files (.jsonl, .jsonl.gz, .json, .csv; names starting with '.' or '_' are ignored). Add eval files or point decontaminate.tasks elsewhere.",
                path));
    }

    static WinnowException noTaskNgrams(Path path, int minNgram) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "The eval files under '%s' have no text of at least %d words, so there is nothing to decontaminate against. Check the files hold the questions (and decontaminate.text-field for generic JSONL), or lower decontaminate.min-ngram.",
                path, minNgram));
    }

    static WinnowException badLine(Path file, long line, String problem) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "Line %d of eval file '%s' %s. Fix or delete that line, or move the file out of decontaminate.tasks.",
                line, file, problem));
    }

    static WinnowException badFile(Path file, String problem) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "Eval file '%s' %s. Replace it with a complete copy of the eval set, or move it out of decontaminate.tasks.",
                file, problem));
    }

    static WinnowException unreadable(Path file, Throwable cause) {
        return new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                "Cannot read eval file '%s': %s. Check the file is complete (a .gz must be whole) and readable.",
                file, cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().lines().findFirst().orElse("")),
                cause);
    }
}
