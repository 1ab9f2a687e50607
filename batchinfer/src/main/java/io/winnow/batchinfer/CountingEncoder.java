package io.winnow.batchinfer;

/** An encoder that keeps running totals of its work and holds resources until closed. */
public interface CountingEncoder extends AutoCloseable {
    EncoderStats stats();

    @Override
    void close();
}
