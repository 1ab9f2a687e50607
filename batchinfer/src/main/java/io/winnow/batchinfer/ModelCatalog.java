package io.winnow.batchinfer;

import static java.util.Objects.requireNonNull;

import io.winnow.batchinfer.internal.InferErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds models: the four built-in ones unpacked by the batchinfer build into
 * {@code batchinfer/target/models/<dir>/}, or a model given by path. Built-in models are looked for in,
 * in order: the folder named by the system property {@code winnow.models.dir},
 * {@code $WINNOW_HOME/batchinfer/target/models}, and {@code ./batchinfer/target/models}.
 */
public final class ModelCatalog {
    public static final String MODELS_DIR_PROPERTY = "winnow.models.dir";

    /** One built-in model: its folder and files under the models root, and how it is pooled. */
    record BuiltIn(String directory, String onnx, String tokenizer, Precision precision, Pooling pooling) {}

    private static final Map<String, BuiltIn> BUILT_INS = builtIns();
    public static final List<String> BUILT_IN = List.copyOf(BUILT_INS.keySet());

    private final List<Path> roots;
    private final List<String> rootOrigins;

    public ModelCatalog(List<Path> roots, List<String> rootOrigins) {
        this.roots = List.copyOf(requireNonNull(roots, "roots is null"));
        this.rootOrigins = List.copyOf(requireNonNull(rootOrigins, "rootOrigins is null"));
        if (roots.size() != rootOrigins.size()) {
            throw new IllegalArgumentException("roots and rootOrigins must have the same size");
        }
    }

    /** A catalog over one models folder (tests, tools). */
    public static ModelCatalog at(Path root) {
        return new ModelCatalog(List.of(root), List.of("given folder"));
    }

    /** The catalog of this JVM: system property, then {@code $WINNOW_HOME}, then the working directory. */
    public static ModelCatalog locate() {
        List<Path> roots = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        String property = System.getProperty(MODELS_DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            roots.add(Path.of(property));
            origins.add("-D" + MODELS_DIR_PROPERTY);
        }
        String home = System.getenv("WINNOW_HOME");
        if (home != null && !home.isBlank()) {
            roots.add(Path.of(home, "batchinfer", "target", "models"));
            origins.add("$WINNOW_HOME");
        }
        roots.add(Path.of("batchinfer", "target", "models"));
        origins.add("working directory");
        return new ModelCatalog(roots, origins);
    }

    public static boolean isBuiltIn(String name) {
        return BUILT_INS.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** A built-in name or a path (a directory with one .onnx and its tokenizer, or a .onnx file). */
    public ModelSpec resolve(String nameOrPath) {
        requireNonNull(nameOrPath, "nameOrPath is null");
        if (isBuiltIn(nameOrPath)) {
            return builtIn(nameOrPath);
        }
        Path path = Path.of(nameOrPath);
        if (Files.isDirectory(path)) {
            return fromDirectory(path);
        }
        if (Files.isRegularFile(path)) {
            return ModelSpec.fromFiles(path, tokenizerFor(path));
        }
        throw InferErrors.modelPathNotFound(nameOrPath, BUILT_IN);
    }

    public ModelSpec builtIn(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        BuiltIn model = BUILT_INS.get(key);
        if (model == null) {
            throw InferErrors.modelPathNotFound(name, BUILT_IN);
        }
        List<String> looked = new ArrayList<>();
        for (int i = 0; i < roots.size(); i++) {
            Path directory = roots.get(i).resolve(model.directory());
            Path onnx = directory.resolve(model.onnx());
            Path tokenizer = directory.resolve(model.tokenizer());
            if (Files.isRegularFile(onnx) && Files.isRegularFile(tokenizer)) {
                return new ModelSpec(key, onnx.toString(), tokenizer.toString(), ModelSpec.ONNX_RUNTIME,
                        model.precision(), ModelSpec.DEFAULT_MAX_TOKENS, model.pooling(), true);
            }
            looked.add(roots.get(i).toAbsolutePath().normalize() + " (" + rootOrigins.get(i) + ")");
        }
        throw InferErrors.builtInModelNotFound(key, model.directory() + "/" + model.onnx(), looked);
    }

    static ModelSpec fromDirectory(Path directory) {
        List<Path> onnxFiles;
        try (Stream<Path> files = Files.list(directory)) {
            onnxFiles = files.filter(file -> file.getFileName().toString().endsWith(".onnx")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list model directory " + directory, e);
        }
        if (onnxFiles.size() != 1) {
            throw InferErrors.noOnnxFile(directory.toString(),
                    onnxFiles.stream().map(file -> file.getFileName().toString()).toList());
        }
        return ModelSpec.fromFiles(onnxFiles.get(0), tokenizerFor(onnxFiles.get(0)));
    }

    /** {@code <stem>-tokenizer.json} (the layout of the built-in models) or {@code tokenizer.json} beside the .onnx. */
    static Path tokenizerFor(Path onnxFile) {
        String fileName = onnxFile.getFileName().toString();
        String stem = fileName.endsWith(".onnx") ? fileName.substring(0, fileName.length() - 5) : fileName;
        Path directory = onnxFile.toAbsolutePath().getParent();
        List<Path> candidates = List.of(directory.resolve(stem + "-tokenizer.json"), directory.resolve("tokenizer.json"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw InferErrors.tokenizerNotFound(onnxFile.toString(), candidates.stream().map(Path::toString).toList());
    }

    private static Map<String, BuiltIn> builtIns() {
        Map<String, BuiltIn> models = new LinkedHashMap<>();
        models.put("all-minilm-l6-v2", new BuiltIn("all-minilm-l6-v2", "all-minilm-l6-v2.onnx",
                "all-minilm-l6-v2-tokenizer.json", Precision.FP32, Pooling.MEAN));
        models.put("all-minilm-l6-v2-int8", new BuiltIn("all-minilm-l6-v2-q", "all-minilm-l6-v2-q.onnx",
                "all-minilm-l6-v2-q-tokenizer.json", Precision.INT8, Pooling.MEAN));
        models.put("bge-small-en-v1.5", new BuiltIn("bge-small-en-v15", "bge-small-en-v1.5.onnx",
                "bge-small-en-v1.5-tokenizer.json", Precision.FP32, Pooling.CLS));
        models.put("bge-small-en-v1.5-int8", new BuiltIn("bge-small-en-v15-q", "bge-small-en-v1.5-q.onnx",
                "bge-small-en-v1.5-q-tokenizer.json", Precision.INT8, Pooling.CLS));
        return Collections.unmodifiableMap(models);
    }
}
