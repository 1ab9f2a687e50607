package io.winnow.batchinfer.graph;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.winnow.batchinfer.internal.InferErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reading, writing and hashing ONNX model files: the one place where graph edits (layer cuts, quantization) meet
 * the disk. Reads fail with a message naming the file (missing, truncated, not an ONNX protobuf) instead of
 * handing a bad file to ONNX Runtime; writes are atomic, so concurrent tasks never see half a file.
 */
public final class OnnxFiles {
    private static final Map<String, String> HASHES = new ConcurrentHashMap<>();

    private OnnxFiles() {}

    /** The model in {@code path}; a missing, truncated or non-ONNX file is a user error naming the file. */
    public static OnnxMl.ModelProto load(Path path) {
        if (!Files.isRegularFile(path)) {
            throw InferErrors.modelFileNotFound(path);
        }
        try (InputStream in = Files.newInputStream(path)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(coded);
            if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
                throw InferErrors.notAnEncoder(path, "it holds no graph with nodes");
            }
            return model;
        } catch (InvalidProtocolBufferException e) {
            throw InferErrors.notAnEncoder(path, "it does not parse as an ONNX protobuf, so it is truncated or not an"
                    + " ONNX file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw InferErrors.unreadable(path, e);
        }
    }

    /** Writes {@code model} to {@code target} through a temporary file and an atomic rename. */
    public static void write(OnnxMl.ModelProto model, Path target) {
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, ".onnx-", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    model.writeTo(out);
                }
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw InferErrors.cannotWrite(target, e);
        }
    }

    /** SHA-256 of the file's bytes (lower-case hex), memoised per path, size and modification time. */
    public static String sha256(Path file) {
        try {
            String memoKey = file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
            String known = HASHES.get(memoKey);
            if (known != null) {
                return known;
            }
            MessageDigest digest = sha256Digest();
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                int read;
                while ((read = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, read);
                }
            }
            String hash = HexFormat.of().formatHex(digest.digest());
            HASHES.put(memoKey, hash);
            return hash;
        } catch (IOException e) {
            throw InferErrors.unreadable(file, e);
        }
    }

    public static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
