package io.winnow.core.table;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * Where tables live. A table reference is either a bare name ({@code documents}), resolved under
 * the warehouse root, or a path/URI ({@code /data/x}, {@code s3a://bucket/t}, {@code ./t}) used as is.
 */
public record Warehouse(String root) implements Serializable {
    public Warehouse {
        requireNonNull(root, "root is null");
        if (root.isBlank()) {
            throw new IllegalArgumentException("root must not be blank");
        }
        root = stripTrailingSlash(root);
    }

    public String resolve(String tableReference) {
        requireNonNull(tableReference, "tableReference is null");
        if (isPath(tableReference)) {
            return stripTrailingSlash(tableReference);
        }
        return root + "/" + tableReference;
    }

    public String runLogPath() {
        return resolve(Tables.RUNS);
    }

    static boolean isPath(String reference) {
        return reference.contains("/") || reference.contains(":") || reference.startsWith(".");
    }

    private static String stripTrailingSlash(String value) {
        return value.length() > 1 && value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
