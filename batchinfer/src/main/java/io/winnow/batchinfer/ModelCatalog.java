package io.winnow.batchinfer;

import static java.util.Objects.requireNonNull;

import io.winnow.batchinfer.internal.InferErrors;
import io.winnow.batchinfer.model.ModelFetcher;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Turns a model reference into a {@link ModelSpec}: one of the four built-in models, which the application jar carries
 * as classpath resources (the {@code langchain4j-embeddings-*} model jars from Maven Central, shaded into
 * {@code winnow-app.jar}), or a URI of a folder holding one {@code .onnx} file and its tokenizer, or of the
 * {@code .onnx} file itself. URIs go through the Hadoop FileSystem API, so {@code hdfs://} and {@code s3a://} work
 * like local paths; a path without a scheme is a local path.
 */
public final class ModelCatalog {
    /** One built-in model: its classpath resources and how it is pooled. */
    record BuiltIn(String onnx, String tokenizer, Precision precision, Pooling pooling) {}

    private static final Map<String, BuiltIn> BUILT_INS = builtIns();
    public static final List<String> BUILT_IN = List.copyOf(BUILT_INS.keySet());

    private ModelCatalog() {}

    public static boolean isBuiltIn(String name) {
        return BUILT_INS.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** A built-in name or a model URI; {@code hadoopConfiguration} reaches the URI's file system. */
    public static ModelSpec resolve(String nameOrUri, Configuration hadoopConfiguration) {
        requireNonNull(nameOrUri, "nameOrUri is null");
        if (isBuiltIn(nameOrUri)) {
            return builtIn(nameOrUri);
        }
        String uri = ModelFetcher.qualify(nameOrUri);
        Path path = new Path(uri);
        FileStatus status;
        FileSystem fileSystem;
        try {
            fileSystem = path.getFileSystem(hadoopConfiguration);
            status = fileSystem.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw InferErrors.modelNotFound(nameOrUri, BUILT_IN);
        } catch (IOException | RuntimeException e) {
            throw InferErrors.fileSystemUnreachable(uri, e);
        }
        Path onnx = status.isDirectory() ? onlyOnnxFile(fileSystem, path) : path;
        Path tokenizer = tokenizerFor(fileSystem, onnx);
        String fileName = onnx.getName();
        String name = fileName.endsWith(".onnx") ? fileName.substring(0, fileName.length() - 5) : fileName;
        return new ModelSpec(name, onnx.toUri().toString(), tokenizer.toUri().toString(), null, null, Precision.FP32,
                ModelSpec.DEFAULT_MAX_TOKENS, Pooling.MEAN, true);
    }

    public static ModelSpec builtIn(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        BuiltIn model = BUILT_INS.get(key);
        if (model == null) {
            throw InferErrors.modelNotFound(name, BUILT_IN);
        }
        return new ModelSpec(key, ModelFetcher.CLASSPATH_SCHEME + model.onnx(),
                ModelFetcher.CLASSPATH_SCHEME + model.tokenizer(), null, null, model.precision(),
                ModelSpec.DEFAULT_MAX_TOKENS, model.pooling(), true);
    }

    private static Path onlyOnnxFile(FileSystem fileSystem, Path directory) {
        List<Path> onnxFiles = new ArrayList<>();
        try {
            for (FileStatus file : fileSystem.listStatus(directory)) {
                if (file.isFile() && file.getPath().getName().endsWith(".onnx")) {
                    onnxFiles.add(file.getPath());
                }
            }
        } catch (IOException e) {
            throw InferErrors.fileSystemUnreachable(directory.toString(), e);
        }
        if (onnxFiles.size() != 1) {
            throw InferErrors.noOnnxFile(directory.toString(), onnxFiles.stream().map(Path::getName).sorted().toList());
        }
        return onnxFiles.get(0);
    }

    /** {@code <stem>-tokenizer.json} (the layout of the built-in models) or {@code tokenizer.json} beside the .onnx. */
    private static Path tokenizerFor(FileSystem fileSystem, Path onnxFile) {
        String fileName = onnxFile.getName();
        String stem = fileName.endsWith(".onnx") ? fileName.substring(0, fileName.length() - 5) : fileName;
        List<Path> candidates = List.of(new Path(onnxFile.getParent(), stem + "-tokenizer.json"),
                new Path(onnxFile.getParent(), "tokenizer.json"));
        for (Path candidate : candidates) {
            try {
                if (fileSystem.isFile(candidate)) {
                    return candidate;
                }
            } catch (IOException e) {
                throw InferErrors.fileSystemUnreachable(candidate.toString(), e);
            }
        }
        throw InferErrors.tokenizerNotFound(onnxFile.toString(), candidates.stream().map(Path::toString).toList());
    }

    private static Map<String, BuiltIn> builtIns() {
        Map<String, BuiltIn> models = new LinkedHashMap<>();
        models.put("all-minilm-l6-v2", new BuiltIn("all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json",
                Precision.FP32, Pooling.MEAN));
        models.put("all-minilm-l6-v2-int8", new BuiltIn("all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json",
                Precision.INT8, Pooling.MEAN));
        models.put("bge-small-en-v1.5", new BuiltIn("bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json",
                Precision.FP32, Pooling.CLS));
        models.put("bge-small-en-v1.5-int8", new BuiltIn("bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json",
                Precision.INT8, Pooling.CLS));
        return Collections.unmodifiableMap(models);
    }

}
