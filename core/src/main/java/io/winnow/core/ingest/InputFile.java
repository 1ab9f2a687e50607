package io.winnow.core.ingest;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * One input file as listed on the driver.
 *
 * @param path full Hadoop path (with scheme), as shown in quarantine rows
 * @param relativePath path below the input root; generated document ids are built from it
 */
public record InputFile(String path, String relativePath, InputFormat format, long length, long modificationTime)
        implements Serializable {
    public InputFile {
        requireNonNull(path, "path is null");
        requireNonNull(relativePath, "relativePath is null");
        requireNonNull(format, "format is null");
    }
}
