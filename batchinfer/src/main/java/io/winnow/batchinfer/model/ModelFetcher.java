package io.winnow.batchinfer.model;

import static java.util.Objects.requireNonNull;

import io.winnow.batchinfer.graph.OnnxFiles;
import io.winnow.batchinfer.internal.InferErrors;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a model file to this JVM's local disk: from the classpath ({@code classpath:NAME}, the built-in models inside
 * the application jar) or from any Hadoop file system ({@code file:}, {@code hdfs://}, {@code s3a://} ...).
 *
 * <p>The local cache is content-addressed: {@code <cache>/<sha256>/<file name>}. A fetch streams the source into a
 * temporary file in the cache while hashing it, checks the hash against the expected one (the driver's, when the spec
 * is pinned), and publishes the file with an atomic rename, so concurrent tasks and JVMs on one host never see half a
 * file and later tasks and runs reuse it without reading the source again. The cache folder is the system property
 * {@code winnow.model.cache}, else {@code $WINNOW_MODEL_CACHE}, else {@code <java.io.tmpdir>/winnow-models}.
 */
public final class ModelFetcher {
    public static final String CLASSPATH_SCHEME = "classpath:";
    public static final String CACHE_PROPERTY = "winnow.model.cache";
    private static final Logger LOG = LoggerFactory.getLogger(ModelFetcher.class);
    private static final Map<String, LocalModelFile> FETCHED = new ConcurrentHashMap<>();

    /** A fetched file: where it is on this host and its content hash. */
    public record LocalModelFile(Path path, String sha256) {
        public LocalModelFile {
            requireNonNull(path, "path is null");
            requireNonNull(sha256, "sha256 is null");
        }
    }

    private ModelFetcher() {}

    /** This JVM's model cache folder. */
    public static Path cacheRoot() {
        String property = System.getProperty(CACHE_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String environment = System.getenv("WINNOW_MODEL_CACHE");
        if (environment != null && !environment.isBlank()) {
            return Path.of(environment);
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "winnow-models");
    }

    /** A reference with a scheme: {@code classpath:} and URIs stay, a plain local path becomes an absolute file: URI. */
    public static String qualify(String reference) {
        requireNonNull(reference, "reference is null");
        if (reference.startsWith(CLASSPATH_SCHEME) || reference.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")
                || reference.startsWith("file:")) {
            return reference;
        }
        return Path.of(reference).toAbsolutePath().normalize().toUri().toString();
    }

    /**
     * The local copy of {@code uri}. With {@code expectedSha256}, a cached copy of that content is used as it is and a
     * fresh copy must hash to it; without, the source is read and hashed (the driver pins a spec this way).
     */
    public static LocalModelFile fetch(String uri, String expectedSha256, Configuration hadoopConfiguration) {
        requireNonNull(uri, "uri is null");
        String fileName = fileName(uri);
        Path root = cacheRoot();
        if (expectedSha256 != null) {
            Path cached = root.resolve(expectedSha256).resolve(fileName);
            if (Files.isRegularFile(cached)) {
                return new LocalModelFile(cached, expectedSha256);
            }
        }
        String memoKey = uri + "|" + version(uri, hadoopConfiguration);
        LocalModelFile known = FETCHED.get(memoKey);
        if (known != null && Files.isRegularFile(known.path())
                && (expectedSha256 == null || expectedSha256.equals(known.sha256()))) {
            return known;
        }
        LocalModelFile fetched = copy(uri, fileName, expectedSha256, root, hadoopConfiguration);
        FETCHED.put(memoKey, fetched);
        return fetched;
    }

    private static LocalModelFile copy(String uri, String fileName, String expectedSha256, Path root,
            Configuration hadoopConfiguration) {
        long started = System.nanoTime();
        Path temporary;
        try {
            Files.createDirectories(root);
            temporary = Files.createTempFile(root, ".incoming-", "-" + fileName);
        } catch (IOException e) {
            throw InferErrors.modelCacheUnwritable(root, e);
        }
        try {
            MessageDigest digest = OnnxFiles.sha256Digest();
            try (InputStream source = open(uri, hadoopConfiguration);
                    InputStream hashing = new DigestInputStream(source, digest);
                    OutputStream out = Files.newOutputStream(temporary)) {
                hashing.transferTo(out);
            } catch (FileNotFoundException e) {
                throw InferErrors.modelFileMissingHere(uri);
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().contains("No space left")) {
                    throw InferErrors.modelCacheUnwritable(root, e);
                }
                throw InferErrors.fileSystemUnreachable(uri, e);
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            if (expectedSha256 != null && !expectedSha256.equals(sha256)) {
                throw InferErrors.checksumMismatch(uri, expectedSha256, sha256);
            }
            Path target = root.resolve(sha256).resolve(fileName);
            publish(temporary, target);
            LOG.info("Fetched model file {} ({} bytes, sha256 {}) to {} in {} ms", uri, Files.size(target),
                    sha256.substring(0, 12), target, (System.nanoTime() - started) / 1_000_000);
            return new LocalModelFile(target, sha256);
        } catch (IOException e) {
            throw InferErrors.modelCacheUnwritable(root, e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                LOG.debug("Cannot delete {}", temporary, e);
            }
        }
    }

    /** Moves a complete file into place atomically; another task that published the same content first wins. */
    private static void publish(Path temporary, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        if (Files.isRegularFile(target)) {
            return;
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // the same content, published by a concurrent fetch
        }
    }

    private static InputStream open(String uri, Configuration hadoopConfiguration) throws IOException {
        if (uri.startsWith(CLASSPATH_SCHEME)) {
            String resource = uri.substring(CLASSPATH_SCHEME.length());
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            InputStream in = (loader != null ? loader : ModelFetcher.class.getClassLoader()).getResourceAsStream(resource);
            if (in == null) {
                throw InferErrors.builtInModelNotFound(resource.replaceFirst("(-tokenizer\\.json|\\.onnx)$", ""), resource);
            }
            return in;
        }
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
        return path.getFileSystem(hadoopConfiguration).open(path);
    }

    /** Length and modification time of a file-system source, so a replaced file is fetched again; "" for resources. */
    private static String version(String uri, Configuration hadoopConfiguration) {
        if (uri.startsWith(CLASSPATH_SCHEME)) {
            return "";
        }
        try {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
            FileSystem fileSystem = path.getFileSystem(hadoopConfiguration);
            FileStatus status = fileSystem.getFileStatus(path);
            return status.getLen() + "|" + status.getModificationTime();
        } catch (FileNotFoundException e) {
            throw InferErrors.modelFileMissingHere(uri);
        } catch (IOException | RuntimeException e) {
            throw InferErrors.fileSystemUnreachable(uri, e);
        }
    }

    private static String fileName(String uri) {
        String path = uri.startsWith(CLASSPATH_SCHEME) ? uri.substring(CLASSPATH_SCHEME.length()) : uri;
        int slash = path.lastIndexOf('/');
        String name = slash < 0 ? path : path.substring(slash + 1);
        if (name.isEmpty() || name.startsWith(".")) {
            throw InferErrors.modelNotFound(uri, io.winnow.batchinfer.ModelCatalog.BUILT_IN);
        }
        return name;
    }
}
