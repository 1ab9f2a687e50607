package io.winnow.dedup.decontamination;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads evaluation sets from a file or a directory tree (on the driver's file system). The format
 * and task name come from each file's name:
 * <ul>
 *   <li>{@code *.csv}: MMLU, task {@code mmlu/<subject>} ({@code _test}/{@code _dev}/{@code _val} dropped,
 *       so all splits of a subject are one task);
 *   <li>{@code *.json}: BIG-Bench-Hard, task {@code bbh/<name>};
 *   <li>{@code humaneval*.jsonl[.gz]}: HumanEval prompts, task {@code humaneval};
 *   <li>{@code *.jsonl[.gz]} under a {@code gsm8k} folder or named {@code *gsm8k*}: question and answer,
 *       task {@code gsm8k} for the test split, {@code gsm8k/<name>} for others;
 *   <li>any other {@code *.jsonl[.gz]}: the configured text field, task = path below the root without extension.
 * </ul>
 * Other files (README.md, LICENSE) and names starting with '.' or '_' are ignored.
 */
public final class EvaluationTasks {
    private EvaluationTasks() {}

    public static List<EvaluationTask> load(Path root, String textField) {
        Map<String, List<String>> textsByTask = new LinkedHashMap<>();
        for (Path file : files(root)) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            String stem = stem(name);
            String task;
            List<String> texts;
            if (name.endsWith(".csv")) {
                task = "mmlu/" + stem.replaceFirst("_(test|dev|val)$", "");
                texts = MmluEvaluationReader.read(file);
            } else if (name.endsWith(".json")) {
                task = "bbh/" + stem;
                texts = BbhEvaluationReader.read(file);
            } else if (stem.startsWith("humaneval")) {
                task = "humaneval";
                texts = JsonlEvaluationReader.read(file, "prompt", List.of());
            } else if (isGsm8k(file)) {
                task = stem.equals("test") ? "gsm8k" : "gsm8k/" + stem;
                texts = JsonlEvaluationReader.read(file, "question", List.of("answer"));
            } else {
                String relative = root.equals(file) ? file.getFileName().toString()
                        : root.relativize(file).toString().replace('\\', '/');
                task = stem(relative);
                texts = JsonlEvaluationReader.read(file, textField, List.of());
            }
            textsByTask.computeIfAbsent(task, key -> new ArrayList<>()).addAll(texts);
        }
        List<EvaluationTask> tasks = new ArrayList<>();
        textsByTask.forEach((task, texts) -> tasks.add(new EvaluationTask(task, texts)));
        return tasks;
    }

    /**
     * A short hash of the eval files' relative paths, sizes and modification times: recorded as a
     * stage input version, so adding, removing or editing an eval file reruns the stage.
     */
    public static String fingerprint(Path root) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files(root)) {
                String entry = (root.equals(file) ? file.getFileName().toString() : root.relativize(file).toString())
                        + "\t" + Files.size(file) + "\t" + Files.getLastModifiedTime(file).toMillis() + "\n";
                digest.update(entry.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the eval files under " + root, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The eval files under {@code root}, sorted so task order (and so the n-gram table) is stable. */
    static List<Path> files(Path root) {
        if (!Files.exists(root)) {
            throw DecontaminationErrors.tasksNotFound(root);
        }
        List<Path> files;
        if (Files.isRegularFile(root)) {
            files = List.of(root);
        } else {
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(file -> visible(root.relativize(file)))
                        .filter(EvaluationTasks::isEvaluationFile)
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the eval files under " + root, e);
            }
        }
        if (files.isEmpty() || !files.stream().allMatch(EvaluationTasks::isEvaluationFile)) {
            throw DecontaminationErrors.noTaskFiles(root);
        }
        return files;
    }

    private static boolean visible(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.startsWith("_")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEvaluationFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".jsonl.gz") || name.endsWith(".json") || name.endsWith(".csv");
    }

    private static boolean isGsm8k(Path file) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).contains("gsm8k")) {
            return true;
        }
        Path parent = file.toAbsolutePath().getParent();
        return parent != null && parent.getFileName() != null
                && parent.getFileName().toString().toLowerCase(Locale.ROOT).equals("gsm8k");
    }

    private static String stem(String name) {
        for (String extension : List.of(".jsonl.gz", ".jsonl", ".json", ".csv")) {
            if (name.toLowerCase(Locale.ROOT).endsWith(extension)) {
                return name.substring(0, name.length() - extension.length());
            }
        }
        return name;
    }
}
