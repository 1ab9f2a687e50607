package io.winnow.core.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream on '\n' without decoding it, so invalid UTF-8 can be reported per line.
 * Strips one trailing '\r'. A line longer than {@code maxLineBytes} keeps only its first
 * {@code maxLineBytes} bytes (the rest is skipped) and reports its full length, so one huge line
 * cannot exhaust the heap.
 */
final class ByteLineReader {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[1024];
    private int lineLength;
    private long fullLength;

    ByteLineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Reads the next line; false at end of stream. */
    boolean next() throws IOException {
        lineLength = 0;
        fullLength = 0;
        boolean sawAnything = false;
        while (true) {
            if (position >= limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (sawAnything && lineLength > 0 && line[lineLength - 1] == '\r' && fullLength == lineLength) {
                        lineLength--;
                        fullLength--;
                    }
                    return sawAnything;
                }
            }
            sawAnything = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            append(start, position - start);
            if (position < limit) {
                position++; // consume '\n'
                if (lineLength > 0 && line[lineLength - 1] == '\r' && fullLength == lineLength) {
                    lineLength--;
                    fullLength--;
                }
                return true;
            }
        }
    }

    byte[] bytes() {
        return line;
    }

    int length() {
        return lineLength;
    }

    /** Length of the whole line in bytes, including any part beyond {@code maxLineBytes}. */
    long fullLength() {
        return fullLength;
    }

    boolean truncated() {
        return fullLength > lineLength;
    }

    private void append(int start, int count) {
        fullLength += count;
        int room = maxLineBytes - lineLength;
        int copy = Math.min(room, count);
        if (copy <= 0) {
            return;
        }
        if (lineLength + copy > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLength + copy, Math.min(maxLineBytes, line.length * 2)));
        }
        System.arraycopy(buffer, start, line, lineLength, copy);
        lineLength += copy;
    }
}
