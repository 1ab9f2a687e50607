package io.winnow.batchinfer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.winnow.core.testing.TestSpark;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The crash that sat in the repository (SIGSEGV in {@code OrtSession.run}), reproduced on the old DJL path on
 * 2026-12-08: SIGTERM while a batch runs makes the JVM's shutdown hook close the model session under the running
 * batch. Cluster managers send executors SIGTERM routinely (preemption, decommission, a killed application), so an
 * executor must then exit cleanly, not die in native code with an hs_err file.
 */
class SigtermDuringInferenceTest {

    @Test
    void sigtermInTheMiddleOfTwoEncodingThreadsEndsTheJvmCleanlyWithoutACrashLog() throws Exception {
        Path directory = TestSpark.tempDirectory("sigterm");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-XX:ErrorFile=" + directory.resolve("hs_err_pid%p.log"),
                "-cp", System.getProperty("java.class.path"), EncodeUntilTerminated.class.getName())
                .directory(directory.toFile()).redirectError(directory.resolve("stderr.log").toFile());
        builder.environment().put("OPT_OUT_TRACKING", "true");
        Process child = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("the child's first line; stderr: %s", directory.resolve("stderr.log"))
                    .isEqualTo("encoding");
            Thread.sleep(300);
            child.destroy(); // SIGTERM, in the middle of both threads' batches
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child exits after SIGTERM").isTrue();
        } finally {
            child.destroyForcibly();
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<String> crashLogs = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("hs_err")).toList();
            assertThat(crashLogs).as("JVM crash logs").isEmpty();
        }
        // 143 = terminated by SIGTERM through the JVM's orderly shutdown; a native crash ends with 134 (SIGABRT)
        assertThat(child.exitValue()).isEqualTo(143);
    }
}
