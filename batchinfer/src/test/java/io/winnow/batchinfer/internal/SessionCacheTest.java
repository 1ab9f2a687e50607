package io.winnow.batchinfer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.TextEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionCacheTest {
    private static final ModelSpec INT8 = ModelSpec.of("all-minilm-l6-v2-int8");

    /** Many texts, so each encode call runs long enough for the close to land in the middle of it. */
    private static List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            texts.add("Sentence number " + i + " about a model session that two tasks share while the cache is closed.");
        }
        return texts;
    }

    @Test
    void twoTasksShareOneSessionAndClosingTheCacheWaitsForRunningBatchesWithoutACrash() throws Exception {
        List<String> texts = texts();
        AtomicInteger encoded = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService tasks = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        for (int task = 0; task < 2; task++) {
            running.add(tasks.submit(() -> {
                for (int call = 0; call < 3; call++) {
                    try (TextEncoder encoder = TextEncoder.open(INT8, EncoderOptions.defaults(1))) {
                        assertThat(encoder.encode(texts).length).isEqualTo(texts.size());
                        encoded.incrementAndGet();
                    } catch (IllegalStateException | io.winnow.core.error.WinnowException closedUnderUs) {
                        // a batch that started after the close is refused with a message, never run on freed memory
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        Thread.sleep(300);
        SessionCache.closeAll();
        for (Future<?> task : running) {
            task.get(2, TimeUnit.MINUTES);
        }
        tasks.shutdown();
        assertThat(encoded.get() + refused.get()).isEqualTo(6);
        // the JVM is alive, and a new encoder opens a new session
        try (TextEncoder encoder = TextEncoder.open(INT8, EncoderOptions.defaults(1))) {
            assertThat(encoder.encode(List.of("still alive"))[0]).hasSize(384);
        }
        assertThat(SessionCache.size()).isGreaterThanOrEqualTo(1);
    }
}
