package io.winnow.embed;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One ONNX Runtime session per (model file, intra-op threads) per JVM (per Spark executor), shared by all the
 * tasks of that JVM: {@code OrtSession.run} is thread-safe. Sessions stay open until the JVM exits.
 */
public final class SessionCache {
    private record Key(String file, int intraOpThreads) {}

    private static final Map<Key, OrtSession> SESSIONS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SessionCache::closeAll, "winnow-session-cache-close"));
    }

    private SessionCache() {}

    /**
     * The process-wide ONNX Runtime environment. DJL's OnnxRuntime engine (used by the infer stage in the same JVM)
     * insists on creating it itself, with threading options, and fails if it already exists: so let DJL create it
     * first, then share it.
     */
    public static OrtEnvironment environment() {
        ai.djl.engine.Engine.getEngine("OnnxRuntime");
        return OrtEnvironment.getEnvironment();
    }

    public static OrtSession get(Path file, int intraOpThreads) {
        requireNonNull(file, "file is null");
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be >= 1, got " + intraOpThreads);
        }
        return SESSIONS.computeIfAbsent(new Key(file.toAbsolutePath().normalize().toString(), intraOpThreads),
                SessionCache::open);
    }

    /** A new session the caller owns and closes (benchmarks compare sessions side by side). */
    public static OrtSession open(Path file, int intraOpThreads) {
        return open(new Key(file.toAbsolutePath().normalize().toString(), intraOpThreads));
    }

    public static int size() {
        return SESSIONS.size();
    }

    public static void closeAll() {
        List<Key> keys = new ArrayList<>(SESSIONS.keySet());
        for (Key key : keys) {
            OrtSession session = SESSIONS.remove(key);
            if (session != null) {
                try {
                    session.close();
                } catch (OrtException e) {
                    // closing at exit: nothing to do
                }
            }
        }
    }

    private static OrtSession open(Key key) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(key.intraOpThreads());
            options.setInterOpNumThreads(1);
            return environment().createSession(key.file(), options);
        } catch (OrtException e) {
            throw EmbedErrors.sessionFailed(Path.of(key.file()), e);
        }
    }
}
