package io.winnow.jobs.cli;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import java.nio.file.Path;

/** User-facing errors of the command line that no stage raises: what happened, why, how to fix it. */
final class CliErrors {
    private CliErrors() {}

    static WinnowException badOption(String option, String value, String allowed) {
        return new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "%s is %s, but it must be %s. Pass a value in that range.", option, value, allowed));
    }

    static WinnowException stsFileMissing(Path file) {
        return new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                "The STS file '%s' does not exist, so there is nothing to evaluate. Pass --sts with the headerless CSV"
                        + " sentence1,sentence2,score (e.g. stsb_multi_mt's stsb-en-dev.csv).", file));
    }
}
