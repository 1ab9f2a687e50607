package io.winnow.core.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * Runs on executors: streams one JSONL or text file and yields one row per line (JSONL) or per
 * file (text). The file is read lazily, so memory does not grow with file size. A file that
 * breaks off mid-way (truncated gzip) yields a quarantine row for the unreadable rest.
 */
final class FileRecordReader implements FlatMapFunction<InputFile, Row> {
    private static final long serialVersionUID = 1L;

    private final IngestConfig config;
    private final String source;
    private final Map<String, String> hadoopSettings;

    FileRecordReader(IngestConfig config, String source, Map<String, String> hadoopSettings) {
        this.config = config;
        this.source = source;
        this.hadoopSettings = hadoopSettings;
    }

    @Override
    public Iterator<Row> call(InputFile file) throws IOException {
        InputStream in = open(file);
        return file.format() == InputFormat.TEXT ? textDocument(file, in) : new JsonLines(file, in);
    }

    private InputStream open(InputFile file) throws IOException {
        Configuration conf = new Configuration(false);
        hadoopSettings.forEach(conf::set);
        Path path = new Path(file.path());
        FileSystem fs = path.getFileSystem(conf);
        InputStream raw = fs.open(path);
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
        return codec == null ? raw : codec.createInputStream(raw);
    }

    private int maxLineBytes() {
        // Up to 4 UTF-8 bytes per char plus room for the JSON around the text, capped to fit an array.
        long wanted = config.maxTextChars() * 4L + (1L << 20);
        return (int) Math.min(wanted, Integer.MAX_VALUE - 64);
    }

    private Iterator<Row> textDocument(InputFile file, InputStream in) throws IOException {
        try (in) {
            int cap = maxLineBytes();
            byte[] bytes = in.readNBytes(cap);
            boolean more = in.read() >= 0;
            String docId = DocumentIds.generated(source, file.relativePath(), 0);
            if (more) {
                return single(IngestRows.quarantine(file.path(), null, docId, QuarantineReason.TEXT_TOO_LARGE,
                        "file is larger than " + cap + " bytes (ingest.max-text-chars = " + config.maxTextChars() + ")",
                        IngestRows.truncate(Utf8.lossy(bytes, 0, Math.min(bytes.length, config.rawRecordMaxChars())), config.rawRecordMaxChars())));
            }
            int offset = startsWithBom(bytes, bytes.length) ? 3 : 0;
            Utf8.Decoded decoded = Utf8.decode(bytes, offset, bytes.length - offset);
            if (!decoded.valid()) {
                return single(IngestRows.quarantine(file.path(), null, docId, QuarantineReason.INVALID_UTF8,
                        "invalid UTF-8 at byte offset " + (decoded.badOffset() + offset) + "; re-encode the file as UTF-8",
                        IngestRows.truncate(Utf8.lossy(bytes, offset, bytes.length - offset), config.rawRecordMaxChars())));
            }
            String text = decoded.text();
            if (text.isBlank()) {
                return single(IngestRows.quarantine(file.path(), null, docId, QuarantineReason.EMPTY_TEXT,
                        "file is empty or only whitespace", text));
            }
            if (text.length() > config.maxTextChars()) {
                return single(IngestRows.quarantine(file.path(), null, docId, QuarantineReason.TEXT_TOO_LARGE,
                        "text has " + text.length() + " chars, more than ingest.max-text-chars = " + config.maxTextChars(),
                        IngestRows.truncate(text, config.rawRecordMaxChars())));
            }
            return single(IngestRows.document(docId, source, text, null, Map.of(), file.path(), null));
        }
    }

    private static Iterator<Row> single(Row row) {
        return java.util.List.of(row).iterator();
    }

    private static boolean startsWithBom(byte[] bytes, int length) {
        return length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF;
    }

    /** Lazy iterator over the lines of one JSONL file. */
    private final class JsonLines implements Iterator<Row> {
        private final InputFile file;
        private final InputStream in;
        private final ByteLineReader lines;
        private final JsonRecordParser parser;
        private long lineNumber;
        private Row next;
        private boolean done;

        JsonLines(InputFile file, InputStream in) {
            this.file = file;
            this.in = in;
            this.lines = new ByteLineReader(in, maxLineBytes());
            this.parser = new JsonRecordParser(config, source);
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = advance();
            }
            return next != null;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row row = next;
            next = null;
            return row;
        }

        private Row advance() {
            try {
                if (!lines.next()) {
                    close();
                    return null;
                }
            } catch (IOException e) {
                close();
                return IngestRows.quarantine(file.path(), lineNumber + 1, null, QuarantineReason.UNREADABLE_REST_OF_FILE,
                        "reading stopped after line " + lineNumber + ": " + e + "; the file is truncated or corrupt, re-create it",
                        null);
            }
            lineNumber++;
            byte[] bytes = lines.bytes();
            int length = lines.length();
            int offset = lineNumber == 1 && startsWithBom(bytes, length) ? 3 : 0;
            if (lines.truncated()) {
                return IngestRows.quarantine(file.path(), lineNumber, null, QuarantineReason.TEXT_TOO_LARGE,
                        "line has " + lines.fullLength() + " bytes, more than the " + maxLineBytes()
                                + " allowed by ingest.max-text-chars = " + config.maxTextChars(),
                        IngestRows.truncate(Utf8.lossy(bytes, offset, Math.min(length - offset, config.rawRecordMaxChars() * 4)),
                                config.rawRecordMaxChars()));
            }
            Utf8.Decoded decoded = Utf8.decode(bytes, offset, length - offset);
            if (!decoded.valid()) {
                return IngestRows.quarantine(file.path(), lineNumber, null, QuarantineReason.INVALID_UTF8,
                        "invalid UTF-8 at byte offset " + (decoded.badOffset() + offset) + " of the line; re-encode the file as UTF-8",
                        IngestRows.truncate(Utf8.lossy(bytes, offset, length - offset), config.rawRecordMaxChars()));
            }
            if (decoded.text().isBlank()) {
                return IngestRows.blank(file.path(), lineNumber);
            }
            return parser.parse(decoded.text(), file, lineNumber);
        }

        private void close() {
            done = true;
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot close " + file.path(), e);
            }
        }
    }
}
