package io.winnow.dedup.fuzzy;

import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the MinHash kernel once per JVM. The Vector API kernel is used when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (bin/winnow and bin/winnow-submit do this for the driver
 * and the executors) and its preferred vectors hold at least 8 longs: 64-bit lane multiplies are
 * native with AVX-512; on narrower hardware they may be emulated and slower than the scalar loop.
 * {@code -Dwinnow.minhash.kernel=scalar} forces the scalar kernel; both give identical signatures.
 */
final class MinHashKernels {
    static final String PROPERTY = "winnow.minhash.kernel";
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final int MIN_VECTOR_LANES = 8;
    private static final Logger LOG = LoggerFactory.getLogger(MinHashKernels.class);
    private static final MinHashKernel FASTEST = choose();

    private MinHashKernels() {}

    /** The kernel this JVM uses for signatures. */
    static MinHashKernel fastest() {
        return FASTEST;
    }

    /** The Vector API kernel, when this JVM can run it (whatever its width). */
    static Optional<MinHashKernel> vector() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of((MinHashKernel) Class.forName("io.winnow.dedup.fuzzy.VectorMinHashKernel")
                    .getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warn("The Vector API module is present but its MinHash kernel did not load ({}); using the scalar loop", e.toString());
            return Optional.empty();
        }
    }

    private static MinHashKernel choose() {
        String requested = System.getProperty(PROPERTY, "auto").toLowerCase(Locale.ROOT);
        MinHashKernel chosen = ScalarMinHashKernel.INSTANCE;
        String why;
        if (requested.equals("scalar")) {
            why = "-D" + PROPERTY + "=scalar";
        } else {
            Optional<MinHashKernel> vector = vector();
            if (vector.isEmpty()) {
                why = "start the JVM with --add-modules jdk.incubator.vector for the vector kernel";
            } else if (vector.get().lanes() < MIN_VECTOR_LANES && !requested.equals("vector")) {
                why = vector.get() + " is narrower than " + MIN_VECTOR_LANES + " lanes; -D" + PROPERTY + "=vector forces it";
            } else {
                chosen = vector.get();
                why = "Vector API enabled";
            }
        }
        LOG.info("MinHash kernel: {} ({})", chosen, why);
        return chosen;
    }
}
