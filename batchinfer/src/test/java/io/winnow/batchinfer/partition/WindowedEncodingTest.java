package io.winnow.batchinfer.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winnow.batchinfer.CountingEncoder;
import io.winnow.batchinfer.EncoderStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

class WindowedEncodingTest {

    /** Emits two rows per input row (as the Matryoshka stage does per granularity) and counts one batch per window. */
    private static final class TwoRowsPerInput implements CountingEncoder {
        final List<Integer> windowSizes = new ArrayList<>();
        boolean closed;
        long texts;

        List<Row> encode(List<Row> window) {
            windowSizes.add(window.size());
            texts += window.size();
            List<Row> out = new ArrayList<>();
            for (Row row : window) {
                out.add(RowFactory.create(row.getString(0), "a"));
                out.add(RowFactory.create(row.getString(0), "b"));
            }
            return out;
        }

        @Override
        public EncoderStats stats() {
            return new EncoderStats(texts, texts * 10, texts, windowSizes.size(), 0, 0, 0);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static EncodingCounters counters() {
        return new EncodingCounters(new LongAccumulator(), new LongAccumulator(), new LongAccumulator(), new LongAccumulator(),
                new LongAccumulator(), new LongAccumulator());
    }

    private static Iterator<Row> rows(int count) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(RowFactory.create("d" + i, "text " + i));
        }
        return rows.iterator();
    }

    @Test
    void rowsAreEncodedInWindowsAndEmittedInOrder() {
        TwoRowsPerInput encoder = new TwoRowsPerInput();
        EncodingCounters counters = counters();
        List<String> emitted = new ArrayList<>();
        WindowedEncoding.over(rows(7), 3, () -> encoder, TwoRowsPerInput::encode, counters)
                .forEachRemaining(row -> emitted.add(row.getString(0) + row.getString(1)));

        assertThat(encoder.windowSizes).containsExactly(3, 3, 1);
        assertThat(emitted).hasSize(14).startsWith("d0a", "d0b", "d1a").endsWith("d6a", "d6b");
        assertThat(encoder.closed).as("outside a Spark task the encoder closes when the rows run out").isTrue();
        Map<String, Long> detail = new HashMap<>();
        counters.putDetail(detail);
        assertThat(detail).containsEntry("tokens", 70L).containsEntry("padded_tokens", 7L).containsEntry("batches", 3L)
                .containsEntry("padding_ppm", 7L * 1_000_000L / 77L);
    }

    @Test
    void anEmptyPartitionNeverOpensAnEncoder() {
        Iterator<Row> out = WindowedEncoding.<TwoRowsPerInput>over(Collections.emptyIterator(), 3, () -> {
            throw new AssertionError("opened an encoder for no rows");
        }, TwoRowsPerInput::encode, counters());
        assertThat(out.hasNext()).isFalse();
    }

    @Test
    void aWindowOfZeroRowsIsRefused() {
        assertThatThrownBy(() -> WindowedEncoding.over(rows(1), 0, TwoRowsPerInput::new, TwoRowsPerInput::encode, counters()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
    }
}
