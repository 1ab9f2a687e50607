package io.winnow.jobs.pipeline;

import io.winnow.core.run.RunContext;
import java.nio.file.Path;

/**
 * Local files a stage writes or reads beside the tables (tokenizers, plots). A relative path goes
 * under the warehouse when the warehouse is local, so one --warehouse keeps a run together;
 * absolute paths, and every path when the warehouse is remote, are used as given.
 */
public final class LocalPaths {
    private LocalPaths() {}

    public static String underWarehouse(RunContext context, String path) {
        String root = context.warehouse().root();
        if (Path.of(path).isAbsolute() || path.contains("://") || root.contains("://")) {
            return path;
        }
        String local = root.startsWith("file:") ? root.substring("file:".length()) : root;
        return Path.of(local).resolve(path).toString();
    }
}
