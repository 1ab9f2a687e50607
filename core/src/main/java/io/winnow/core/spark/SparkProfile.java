package io.winnow.core.spark;

import static java.util.Objects.requireNonNull;

import io.winnow.core.error.WinnowErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A named set of Spark settings read from {@code conf/spark/NAME.conf}, in spark-defaults.conf
 * syntax: one {@code key value} per line, {@code #} comments, blank lines ignored.
 */
public record SparkProfile(String name, Map<String, String> settings) {
    public SparkProfile {
        requireNonNull(name, "name is null");
        settings = Map.copyOf(requireNonNull(settings, "settings is null"));
    }

    public static SparkProfile load(Path directory, String name) {
        Path file = directory.resolve(name + ".conf");
        if (!Files.isRegularFile(file)) {
            throw WinnowErrors.sparkProfileNotFound(name, directory.toString(), available(directory));
        }
        try {
            return new SparkProfile(name, parse(file.toString(), Files.readAllLines(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Spark profile " + file, e);
        }
    }

    static Map<String, String> parse(String fileName, List<String> lines) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("[\\s=]+", 2);
            if (parts.length < 2 || !parts[0].startsWith("spark.")) {
                throw WinnowErrors.badSparkProfileLine(fileName, i + 1, line);
            }
            settings.put(parts[0], parts[1].strip());
        }
        return settings;
    }

    static List<String> available(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".conf"))
                    .map(n -> n.substring(0, n.length() - ".conf".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
