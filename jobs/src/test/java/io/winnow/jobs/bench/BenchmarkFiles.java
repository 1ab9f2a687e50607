package io.winnow.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Set-up shared by the benchmarks: a clean work folder and a local SparkSession using every core. */
final class BenchmarkFiles {
    private BenchmarkFiles() {}

    /** Local Spark on all cores with {@code partitionsPerCore} shuffle partitions per core, logging errors only. */
    static org.apache.spark.sql.SparkSession localSpark(String appName, int partitionsPerCore) {
        int cores = Runtime.getRuntime().availableProcessors();
        org.apache.spark.sql.SparkSession spark = io.winnow.core.spark.SparkSessions.builder().appName(appName)
                .master("local[" + cores + "]")
                .config("spark.sql.shuffle.partitions", String.valueOf(cores * partitionsPerCore)).getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        return spark;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The non-blank "text" fields of JSONL files under the shared data folder; fails clearly if one is missing. */
    static List<String> sharedTexts(Path shared, List<String> files) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        for (String file : files) {
            Path path = shared.resolve(file);
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("Benchmark data missing: " + path + " (needs ../shared/data)");
            }
            try (BufferedReader reader = Files.newBufferedReader(path)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    String text = json.readTree(line).path("text").asText("");
                    if (!text.isBlank()) {
                        texts.add(text);
                    }
                }
            }
        }
        return texts;
    }
}
