package io.winnow.batchinfer.internal;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session per (graph file, intra-op threads, device) per JVM (per Spark executor), shared by all
 * the tasks of that JVM ({@code OrtSession.run} is thread-safe). Graph files live in the content-addressed model
 * cache, so the path names the content.
 *
 * <p>Lifetime rules, which keep native memory safe: a session's {@link OrtSession.SessionOptions} live as long as the
 * session (ONNX Runtime may keep pointers into them); every run holds a read lock, and closing (at JVM exit, or
 * {@link #closeAll()} in tests) takes the write lock, so a session is never freed under a running batch. If runs are
 * still going when the JVM exits (an executor killed mid-task), the sessions are left to the operating system rather
 * than freed under them.
 */
public final class SessionCache {
    private static final Logger LOG = LoggerFactory.getLogger(SessionCache.class);

    /** What a session depends on. {@code gpu} is the CUDA device ordinal, -1 for the CPU. */
    record Key(String file, int intraOpThreads, int gpu) {}

    private static final Map<Key, CachedSession> SESSIONS = new ConcurrentHashMap<>();
    private static final ReadWriteLock LIFETIME = new ReentrantReadWriteLock();
    private static volatile boolean closing;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SessionCache::closeAll, "winnow-session-cache-close"));
    }

    /** A shared session: run it from any thread; never close it yourself. */
    public static final class CachedSession {
        private final OrtSession session;
        private final OrtSession.SessionOptions options;
        private final int gpu;
        private volatile boolean closed;

        CachedSession(OrtSession session, OrtSession.SessionOptions options, int gpu) {
            this.session = session;
            this.options = options;
            this.gpu = gpu;
        }

        public Set<String> inputNames() {
            return session.getInputNames();
        }

        public Set<String> outputNames() {
            return session.getOutputNames();
        }

        /** The CUDA device the session runs on, -1 for the CPU. */
        public int gpu() {
            return gpu;
        }

        /** Runs the graph; the caller closes the result. */
        public OrtSession.Result run(Map<String, OnnxTensor> inputs, Set<String> outputs) throws OrtException {
            LIFETIME.readLock().lock();
            try {
                if (closing || closed) {
                    throw new IllegalStateException("the model session is closed (the JVM is shutting down, or the"
                            + " session cache was cleared); open a new encoder");
                }
                return session.run(inputs, outputs);
            } finally {
                LIFETIME.readLock().unlock();
            }
        }

        void close() throws OrtException {
            closed = true;
            try {
                session.close();
            } finally {
                options.close();
            }
        }
    }

    private SessionCache() {}

    /** The process-wide ONNX Runtime environment (created on first use with ONNX Runtime's defaults). */
    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    /**
     * The shared session for a graph. With {@code gpu >= 0} the CUDA execution provider is added for that device; if
     * ONNX Runtime cannot start it, {@code GpuUnavailable} is thrown so the caller decides between failing and a
     * reported CPU fallback.
     */
    public static CachedSession get(Path file, int intraOpThreads, int gpu) {
        requireNonNull(file, "file is null");
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be >= 1, got " + intraOpThreads);
        }
        return SESSIONS.computeIfAbsent(new Key(file.toAbsolutePath().normalize().toString(), intraOpThreads, gpu),
                SessionCache::open);
    }

    public static int size() {
        return SESSIONS.size();
    }

    /** Closes every session once no batch is running (waits up to 10 s for running batches). */
    public static void closeAll() {
        boolean locked = false;
        try {
            locked = LIFETIME.writeLock().tryLock(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!locked) {
            LOG.warn("Model sessions still running at JVM exit; leaving them to the operating system");
            return;
        }
        try {
            closing = true;
            List<Key> keys = new ArrayList<>(SESSIONS.keySet());
            for (Key key : keys) {
                CachedSession session = SESSIONS.remove(key);
                if (session != null) {
                    try {
                        session.close();
                    } catch (OrtException e) {
                        LOG.debug("Closing session {} failed", key, e);
                    }
                }
            }
        } finally {
            closing = false;
            LIFETIME.writeLock().unlock();
        }
    }

    /** Thrown when a GPU session was asked for and ONNX Runtime's CUDA provider cannot start. */
    public static final class GpuUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GpuUnavailable(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static CachedSession open(Key key) {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(key.intraOpThreads());
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            if (key.gpu() >= 0) {
                try {
                    options.addCUDA(key.gpu());
                } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
                    options.close();
                    throw new GpuUnavailable(e);
                }
            }
            long started = System.nanoTime();
            OrtSession session = environment().createSession(key.file(), options);
            LOG.info("Opened ONNX Runtime session for {} ({} intra-op threads, {}) in {} ms", key.file(),
                    key.intraOpThreads(), key.gpu() >= 0 ? "GPU " + key.gpu() : "CPU",
                    (System.nanoTime() - started) / 1_000_000);
            return new CachedSession(session, options, key.gpu());
        } catch (OrtException e) {
            options.close();
            throw InferErrors.sessionFailed(Path.of(key.file()), e);
        }
    }
}
