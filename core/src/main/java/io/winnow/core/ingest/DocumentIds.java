package io.winnow.core.ingest;

import io.winnow.core.text.Murmur3;

/**
 * Stable ids for documents whose source has none: a 64-bit hash of source name, path below the
 * input root and line (or row) number. Re-ingesting the same files gives the same ids, wherever
 * the input directory is mounted.
 */
public final class DocumentIds {
    private DocumentIds() {}

    public static String generated(String source, String relativePath, long line) {
        return Murmur3.hex64(source + "\u0000" + relativePath + "\u0000" + line);
    }
}
