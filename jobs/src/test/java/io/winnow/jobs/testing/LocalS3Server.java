package io.winnow.jobs.testing;

import io.winnow.core.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real S3-compatible server on loopback for tests: S3Proxy (Apache-2.0, from Maven Central, copied
 * to {@code jobs/target/s3proxy/s3proxy.jar} by the build) with its filesystem backend, run as a child
 * JVM so its Jetty and Jackson never meet Spark's. Buckets are folders under {@link #dataDirectory()}.
 */
public final class LocalS3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "winnow-test-access";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path dataDirectory;
    private final Path logFile;

    private LocalS3Server(Process process, int port, Path dataDirectory, Path logFile) {
        this.process = process;
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
    }

    /** The server jar the build copies; absent when the module was not built by Maven. */
    public static Path serverJar() {
        return TestSpark.projectRoot().resolve("jobs/target/s3proxy/s3proxy.jar");
    }

    /** Starts the server with the given credentials (signature V2 or V4) and waits until it accepts connections. */
    public static LocalS3Server start(String accessKey, String secretKey) throws IOException, InterruptedException {
        Path directory = TestSpark.tempDirectory("s3");
        Path data = Files.createDirectories(directory.resolve("data"));
        int port = freePort();
        Path properties = directory.resolve("s3proxy.properties");
        Files.write(properties, List.of(
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + accessKey,
                "s3proxy.credential=" + secretKey,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data));
        Path log = directory.resolve("s3proxy.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-jar", serverJar().toString(), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalS3Server server = new LocalS3Server(process, port, data, log);
        server.awaitListening();
        return server;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** A bucket is a folder of the filesystem backend. */
    public void createBucket(String bucket) throws IOException {
        Files.createDirectories(dataDirectory.resolve(bucket));
    }

    private void awaitListening() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + ": " + Files.readString(logFile));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        close();
        throw new IllegalStateException("S3Proxy did not listen on port " + port + " within " + START_TIMEOUT + ": "
                + Files.readString(logFile));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
