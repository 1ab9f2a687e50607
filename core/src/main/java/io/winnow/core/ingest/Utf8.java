package io.winnow.core.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding that reports where the first bad byte is instead of replacing it. */
final class Utf8 {
    /** Decoded text, or the byte offset of the first invalid sequence. */
    record Decoded(String text, int badOffset) {
        boolean valid() {
            return text != null;
        }
    }

    private Utf8() {}

    static Decoded decode(byte[] bytes, int offset, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return new Decoded(null, in.position() - offset);
        }
        result = decoder.flush(out);
        if (result.isError()) {
            return new Decoded(null, in.position() - offset);
        }
        out.flip();
        return new Decoded(out.toString(), -1);
    }

    /** Lossy decoding for showing a bad record in quarantine. */
    static String lossy(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
}
