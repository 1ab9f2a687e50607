package io.winnow.notebooks.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.winnow.notebooks.Show;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Winnow Jupyter kernel: Java cells run by JShell inside the kernel JVM, whose classpath holds the application
 * jar, Spark and Delta (see notebooks/install-kernel.sh). {@link Show} output goes to the notebook as display data.
 * Start: {@code java -cp ... io.winnow.notebooks.kernel.WinnowKernel <connection-file>}.
 */
public final class WinnowKernel extends BaseKernel {
    private static final int STACK_FRAMES_SHOWN = 12;
    /** Held so the level sticks: the protocol library logs every message at INFO. */
    private static final java.util.logging.Logger PROTOCOL_LOG = java.util.logging.Logger.getLogger("io.github.spencerpark");

    private final JShellEvaluator evaluator;
    private final LanguageInfo languageInfo;

    public WinnowKernel(JShellEvaluator evaluator) {
        this.evaluator = evaluator;
        this.languageInfo = new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
        Show.attach(this::displayRepresentations);
    }

    @Override
    public DisplayData eval(String cell) {
        Optional<String> value = evaluator.evaluate(cell);
        return value.map(DisplayData::new).orElse(null);
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "Winnow Java kernel (JShell " + Runtime.version() + ", Spark and Delta on the classpath)";
    }

    @Override
    public List<String> formatError(Exception e) {
        List<String> lines = new ArrayList<>(Arrays.asList(String.valueOf(e.getMessage()).split("\n")));
        Throwable cause = e.getCause();
        if (cause != null) {
            StackTraceElement[] frames = cause.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, STACK_FRAMES_SHOWN); i++) {
                lines.add("    at " + frames[i]);
            }
            if (frames.length > STACK_FRAMES_SHOWN) {
                lines.add("    ... " + (frames.length - STACK_FRAMES_SHOWN) + " more");
            }
        }
        return lines;
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        evaluator.close();
    }

    private void displayRepresentations(Map<String, String> representations) {
        DisplayData data = new DisplayData();
        representations.forEach(data::putData);
        display(data);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: WinnowKernel <connection-file>  (Jupyter passes {connection_file}; install the"
                    + " kernel with notebooks/install-kernel.sh)");
            System.exit(2);
        }
        PROTOCOL_LOG.setLevel(java.util.logging.Level.WARNING);
        String connection = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        JupyterConnection jupyter = new JupyterConnection(KernelConnectionProperties.parse(connection));
        WinnowKernel kernel = new WinnowKernel(JShellEvaluator.open(System.getProperty("java.class.path")));
        kernel.becomeHandlerForConnection(jupyter);
        jupyter.connect();
        jupyter.waitUntilClose();
        System.exit(0);
    }
}
