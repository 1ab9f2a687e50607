package io.winnow.notebooks.kernel;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.execution.LocalExecutionControlProvider;

/**
 * Runs notebook cells in a JShell whose snippets execute in this JVM (local execution engine), so a cell sees the
 * kernel's classpath: Winnow, Spark and Delta. A cell may hold several statements and declarations; its value is the
 * value of its last expression, if any. Anything that does not compile or throws fails the whole cell.
 */
public final class JShellEvaluator implements AutoCloseable {
    private final JShell shell;

    private JShellEvaluator(JShell shell) {
        this.shell = shell;
    }

    /** A JShell that compiles against {@code classpath} (usually {@code java.class.path}) and runs in this JVM. */
    public static JShellEvaluator open(String classpath) {
        requireNonNull(classpath, "classpath is null");
        JShell shell = JShell.builder()
                .executionEngine(new LocalExecutionControlProvider(), java.util.Map.of())
                .build();
        if (!classpath.isBlank()) {
            shell.addToClasspath(classpath);
        }
        return new JShellEvaluator(shell);
    }

    /**
     * Evaluates every complete snippet of {@code cell} in order and returns the last expression's value (as JShell
     * renders it), or empty when the cell ends with a statement or declaration.
     *
     * @throws CellFailedException when a snippet does not compile, refers to something undefined, or throws
     */
    public Optional<String> evaluate(String cell) {
        requireNonNull(cell, "cell is null");
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = cell;
        Optional<String> value = Optional.empty();
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            String source = info.completeness().isComplete() ? info.source() : remaining;
            remaining = info.completeness().isComplete() ? info.remaining() : "";
            value = evaluateSnippet(source);
        }
        return value;
    }

    private Optional<String> evaluateSnippet(String source) {
        List<SnippetEvent> events = shell.eval(source);
        Optional<String> value = Optional.empty();
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // an update of an earlier snippet caused by this one
            }
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                throw new CellFailedException("This cell does not compile:\n" + diagnostics(snippet) + "\nin:\n"
                        + source.strip());
            }
            if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                throw new CellFailedException("This cell refers to something not defined yet: "
                        + shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet).collect(Collectors.joining(", "))
                        + ". Run the cells above it first, or define it.\nin:\n" + source.strip());
            }
            JShellException exception = event.exception();
            if (exception != null) {
                throw new CellFailedException(describe(exception), exception);
            }
            if (snippet.kind() == Snippet.Kind.EXPRESSION || snippet.kind() == Snippet.Kind.VAR
                    && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                value = Optional.ofNullable(event.value());
            } else {
                value = Optional.empty();
            }
        }
        return value;
    }

    private String diagnostics(Snippet snippet) {
        return shell.diagnostics(snippet)
                .map(diag -> String.format(Locale.ROOT, "  %s (at %d): %s", diag.isError() ? "error" : "warning",
                        diag.getStartPosition(), diag.getMessage(Locale.ROOT)))
                .collect(Collectors.joining("\n"));
    }

    private static String describe(JShellException exception) {
        List<String> lines = new ArrayList<>();
        Throwable current = exception;
        while (current != null) {
            String type = current instanceof EvalException eval ? eval.getExceptionClassName()
                    : current instanceof UnresolvedReferenceException ? "unresolved reference" : current.getClass().getName();
            lines.add((lines.isEmpty() ? "" : "caused by ") + type + ": " + current.getMessage());
            current = current.getCause();
        }
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        shell.close();
    }

    /** A cell that did not compile or threw; the message says which and why. */
    public static final class CellFailedException extends RuntimeException {
        CellFailedException(String message) {
            super(message);
        }

        CellFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
