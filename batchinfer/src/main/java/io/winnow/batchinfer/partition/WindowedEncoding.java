package io.winnow.batchinfer.partition;

import static java.util.Objects.requireNonNull;

import io.winnow.batchinfer.CountingEncoder;
import io.winnow.batchinfer.EncoderStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.util.TaskCompletionListener;

/**
 * The executor-side loop shared by the encoding stages: read up to {@code window} input rows, encode them
 * in one call (which sorts them by length and batches by token budget), emit that window's output rows,
 * repeat. The encoder lives for the task: it is closed when the task completes (or, outside a Spark
 * task, when the rows run out), and its stats are published to the stage's counters after every window.
 */
public final class WindowedEncoding {

    /** Output rows for one window of input rows (any number per input row), from the task's encoder. */
    @FunctionalInterface
    public interface WindowFunction<E extends CountingEncoder> {
        List<Row> encode(E encoder, List<Row> window);
    }

    private WindowedEncoding() {}

    /**
     * Output rows of {@code rows}, encoded window by window. {@code open} is called only for a non-empty
     * partition, so empty partitions never load a model.
     */
    public static <E extends CountingEncoder> Iterator<Row> over(Iterator<Row> rows, int window, Supplier<E> open,
            WindowFunction<E> function, EncodingCounters counters) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        if (!rows.hasNext()) {
            return Collections.emptyIterator();
        }
        requireNonNull(function, "function is null");
        E encoder = requireNonNull(open.get(), "open returned null");
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> encoder.close());
        }
        return new WindowIterator<>(rows, window, encoder, function, counters, task == null);
    }

    private static final class WindowIterator<E extends CountingEncoder> implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final int window;
        private final E encoder;
        private final WindowFunction<E> function;
        private final EncodingCounters counters;
        private final boolean closeWhenDone;
        private List<Row> output = List.of();
        private int next;
        private EncoderStats published = EncoderStats.EMPTY;

        WindowIterator(Iterator<Row> rows, int window, E encoder, WindowFunction<E> function, EncodingCounters counters,
                boolean closeWhenDone) {
            this.rows = rows;
            this.window = window;
            this.encoder = encoder;
            this.function = function;
            this.counters = counters;
            this.closeWhenDone = closeWhenDone;
        }

        @Override
        public boolean hasNext() {
            while (next >= output.size()) {
                if (!rows.hasNext()) {
                    if (closeWhenDone) {
                        encoder.close();
                    }
                    return false;
                }
                List<Row> read = new ArrayList<>(Math.min(window, 4096));
                while (rows.hasNext() && read.size() < window) {
                    read.add(rows.next());
                }
                output = function.encode(encoder, read);
                next = 0;
                EncoderStats now = encoder.stats();
                counters.addDifference(published, now);
                published = now;
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return output.get(next++);
        }
    }
}
