package io.winnow.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A real Spark standalone cluster on 127.0.0.1: one Master and N Workers, each a child JVM started
 * from a Spark home folder (the build's {@code jobs/target/spark-home}), on free ports. Executors
 * are the Workers' child processes. {@link #close()} ends every process it started, executors
 * first, and a shutdown hook does the same if the test JVM exits early.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path sparkHome;
    private final Path directory;
    private final int masterPort;
    private final int masterWebPort;
    private final List<Process> daemons = new ArrayList<>();
    private final List<Integer> workerPorts = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAll);

    private StandaloneCluster(Path sparkHome, Path directory) {
        this.sparkHome = sparkHome;
        this.directory = directory;
        this.masterPort = freePort();
        this.masterWebPort = freePort();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the Master and the Workers without waiting for them; see {@link #awaitWorkers}. */
    static StandaloneCluster start(Path sparkHome, Path directory, int workers, int coresPerWorker, String memoryPerWorker) {
        return start(sparkHome, directory, workers, coresPerWorker, memoryPerWorker, List.of());
    }

    /**
     * As above, with each Worker (and so its executors) in its own mount namespace where every folder of
     * {@code hiddenFolders} is covered by an empty folder of its own: executors that do not see the driver's files,
     * on one machine. Needs root and {@code unshare} (see {@link #canHideFolders()}).
     */
    static StandaloneCluster start(Path sparkHome, Path directory, int workers, int coresPerWorker, String memoryPerWorker,
            List<Path> hiddenFolders) {
        StandaloneCluster cluster = new StandaloneCluster(sparkHome, directory);
        try {
            cluster.daemons.add(cluster.launch("master", List.of(), "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", Integer.toString(cluster.masterPort),
                    "--webui-port", Integer.toString(cluster.masterWebPort)));
            for (int i = 1; i <= workers; i++) {
                int port = freePort();
                cluster.workerPorts.add(port);
                Path workDirectory = Files.createDirectories(directory.resolve("worker-" + i));
                List<String> mounts = new ArrayList<>();
                for (int h = 0; h < hiddenFolders.size(); h++) {
                    Path cover = Files.createDirectories(directory.resolve("worker-" + i + "-cover-" + h));
                    Files.createDirectories(hiddenFolders.get(h));
                    mounts.add("mount --bind '" + cover + "' '" + hiddenFolders.get(h) + "'");
                }
                cluster.daemons.add(cluster.launch("worker-" + i, mounts, "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", "0",
                        "--cores", Integer.toString(coresPerWorker), "--memory", memoryPerWorker,
                        "--work-dir", workDirectory.toString(), cluster.masterUrl()));
            }
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** Waits until the Master reports {@code count} ALIVE workers (about 15 s after start). */
    void awaitWorkers(int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (aliveWorkers() >= count) {
                return;
            }
            for (Process daemon : daemons) {
                if (!daemon.isAlive()) {
                    throw new IllegalStateException("A Spark daemon exited with " + daemon.exitValue() + "; see its log in " + directory);
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(count + " workers did not register with the Master within " + timeout
                + "; see the logs in " + directory);
    }

    int aliveWorkers() {
        try {
            JsonNode state = JSON.readTree(URI.create("http://127.0.0.1:" + masterWebPort + "/json/").toURL());
            int alive = 0;
            for (JsonNode worker : state.path("workers")) {
                if (worker.path("state").asText().equals("ALIVE")) {
                    alive++;
                }
            }
            return alive;
        } catch (IOException notUpYet) {
            return 0;
        }
    }

    /** Executor JVMs (CoarseGrainedExecutorBackend) that the Workers of this cluster started. */
    List<ProcessHandle> executors() {
        return daemons.stream().skip(1).flatMap(Process::descendants)
                .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .toList();
    }

    /** The executor JVM with Spark executor id {@code executorId}. */
    ProcessHandle executor(String executorId) {
        return executors().stream()
                .filter(p -> p.info().commandLine().orElse("").contains("--executor-id " + executorId + " "))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No executor process with id " + executorId + " among " + executors()));
    }

    /** The environment every Spark JVM of these tests gets (Workers pass it on to executors). */
    Map<String, String> environment() {
        return Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13",
                "SPARK_LOCAL_IP", "127.0.0.1", "OPT_OUT_TRACKING", "true");
    }

    /** The folder a Worker's executors use as model cache when the driver's is hidden: cover {@code h} of worker i. */
    Path cover(int worker, int hidden) {
        return directory.resolve("worker-" + worker + "-cover-" + hidden);
    }

    /** True when this process may start Workers in their own mount namespace (root with unshare). */
    static boolean canHideFolders() {
        try {
            Process probe = new ProcessBuilder("unshare", "-m", "--propagation", "private", "true").start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Process launch(String name, List<String> mounts, String mainClass, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        if (!mounts.isEmpty()) {
            // a private mount namespace: the bind mounts cover the driver's folders for this Worker and its executors only
            command.addAll(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                    String.join(" && ", mounts) + " && exec \"$@\"", "worker"));
        }
        command.addAll(List.of(javaExecutable(), "-Xmx512m"));
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptions().split("\\s+")));
        command.addAll(List.of("-Dai.djl.offline=true", "-cp", sparkHome.resolve("conf") + ":" + sparkHome.resolve("jars") + "/*",
                mainClass));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(directory.resolve(name + ".log").toFile());
        builder.environment().putAll(environment());
        return builder.start();
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stopAll();
        deleteCopiedJars();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    /** Each executor fetched its own copy of the ~160 MB app jar into its work directory; keep only the logs. */
    private void deleteCopiedJars() {
        for (int i = 1; i <= workerPorts.size(); i++) {
            Path workDirectory = directory.resolve("worker-" + i);
            if (!Files.isDirectory(workDirectory)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(workDirectory)) {
                for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).toList()) {
                    Files.deleteIfExists(jar);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot clean the worker directory " + workDirectory, e);
            }
        }
    }

    /** Executors first (a killed Worker would orphan them), then Workers, then the Master. */
    private synchronized void stopAll() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process daemon : daemons) {
            daemon.descendants().forEach(all::add);
        }
        // Executors whose Worker already died are no longer descendants; find them by their worker URL.
        ProcessHandle.allProcesses()
                .filter(p -> workerPorts.stream().anyMatch(port ->
                        p.info().commandLine().orElse("").contains("--worker-url spark://Worker@127.0.0.1:" + port + " ")))
                .forEach(all::add);
        for (int i = daemons.size() - 1; i >= 0; i--) {
            all.add(daemons.get(i).toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : all) {
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                process.destroyForcibly();
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
