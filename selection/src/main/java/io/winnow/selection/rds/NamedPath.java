package io.winnow.selection.rds;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * A pool source or a target task: a name and a file or folder, written {@code name=path} in the config.
 *
 * @param name the source (pool) or task name
 * @param path a file or a folder of files
 */
public record NamedPath(String name, String path) implements Serializable {
    public NamedPath {
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        if (!name.matches("[A-Za-z0-9._/-]+")) {
            throw new IllegalArgumentException("name must use only letters, digits, '.', '_', '/' or '-', got '" + name + "'");
        }
        if (path.isBlank()) {
            throw new IllegalArgumentException("path of " + name + " is blank");
        }
    }

    /** Parses {@code name=path}; returns null when there is no '=' or either side is empty. */
    public static NamedPath parseOrNull(String value) {
        int equals = value.indexOf('=');
        if (equals <= 0 || equals == value.length() - 1) {
            return null;
        }
        try {
            return new NamedPath(value.substring(0, equals).trim(), value.substring(equals + 1).trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return name + "=" + path;
    }
}
