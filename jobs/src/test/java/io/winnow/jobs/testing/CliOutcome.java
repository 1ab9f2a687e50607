package io.winnow.jobs.testing;

import io.winnow.jobs.WinnowCli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process {@code winnow} command: its exit code and what it printed to stdout and stderr. */
public record CliOutcome(int exitCode, String out, String err) {
    public static CliOutcome winnow(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WinnowCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new CliOutcome(code, out.toString(), err.toString());
    }
}
