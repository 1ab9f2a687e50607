package io.winnow.core.table;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Independent table writes of one stage, run as concurrent Spark jobs: the driver's planning and Delta
 * commit of one overlap the tasks of another, which on a small cluster is a visible share of a stage.
 * {@link #awaitAll} waits for every write, even after a failure, so the caller's cached inputs are not
 * released under a running job; it then rethrows the first failure.
 */
public final class ConcurrentWrites implements AutoCloseable {
    private final ExecutorService pool;
    private final Map<String, Future<Long>> pending = new LinkedHashMap<>();

    public ConcurrentWrites(int threads) {
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "winnow-table-write");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts {@code write}, which writes the table at {@code path} and returns its new version. */
    public void submit(String path, Supplier<Long> write) {
        pending.put(path, pool.submit(write::get));
    }

    /** Every write's table version by path, once all have finished. */
    public Map<String, Long> awaitAll() {
        Map<String, Long> versions = new LinkedHashMap<>();
        Throwable failure = null;
        for (Map.Entry<String, Future<Long>> write : pending.entrySet()) {
            try {
                versions.put(write.getKey(), write.getValue().get());
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
            }
        }
        pending.clear();
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException("A table write was interrupted", failure);
        }
        return versions;
    }

    /** Waits for writes not yet awaited (when the caller failed first; their own failures are dropped). */
    @Override
    public void close() {
        try {
            for (Future<Long> write : pending.values()) {
                try {
                    write.get();
                } catch (ExecutionException e) {
                    // the caller's failure is the one to report
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            pending.clear();
            pool.shutdown();
        }
    }
}
