package io.winnow.core.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ConcurrentWritesTest {

    @Test
    void writesRunSideBySideAndReturnTheirVersionsByPath() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        try (ConcurrentWrites writes = new ConcurrentWrites(2)) {
            writes.submit("/a", () -> awaitOther(bothStarted, 3L));
            writes.submit("/b", () -> awaitOther(bothStarted, 7L));
            // Each write waits for the other to start: this only finishes when they run concurrently.
            assertThat(writes.awaitAll()).containsExactly(Map.entry("/a", 3L), Map.entry("/b", 7L));
        }
    }

    @Test
    void aFailedWriteIsRethrownOnlyAfterEveryOtherWriteHasFinished() {
        AtomicBoolean slowFinished = new AtomicBoolean();
        try (ConcurrentWrites writes = new ConcurrentWrites(2)) {
            writes.submit("/failing", () -> {
                throw new IllegalArgumentException("disk full");
            });
            writes.submit("/slow", () -> {
                sleep(200);
                slowFinished.set(true);
                return 1L;
            });
            assertThatThrownBy(writes::awaitAll).isInstanceOf(IllegalArgumentException.class).hasMessage("disk full");
            assertThat(slowFinished).isTrue();
        }
    }

    @Test
    void closingWaitsForWritesTheCallerNeverAwaited() {
        AtomicBoolean finished = new AtomicBoolean();
        ConcurrentWrites writes = new ConcurrentWrites(1);
        writes.submit("/slow", () -> {
            sleep(200);
            finished.set(true);
            return 1L;
        });
        writes.close();
        assertThat(finished).isTrue();
    }

    private static long awaitOther(CountDownLatch latch, long version) {
        latch.countDown();
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other write never started");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return version;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
