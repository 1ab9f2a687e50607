package io.winnow.selection.rds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Loads a target task's query examples from a file or a folder (driver side; query sets are small). By content:
 * <ul>
 *   <li>GSM8K JSONL ({@code question}, {@code answer}): prefix "Answer:", label = the worked answer;
 *   <li>HumanEval JSONL[.gz] ({@code prompt}, {@code canonical_solution}): the prompt, label = the solution;
 *   <li>BIG-Bench-Hard JSON ({@code examples: [{input, target}]}): prefix "A:", label = the target;
 *   <li>MMLU CSV (question, A, B, C, D, answer; headerless): question and lettered choices, prefix "Answer:",
 *       label = the letter (read with Spark's CSV reader);
 *   <li>anything else: instruction records as in the pool ({@link InstructionRecords}), label = the response.
 * </ul>
 * With {@code maxQueries > 0} and more examples than that, a seeded sample is taken evenly across the task's files
 * (round-robin over each file's shuffled examples), so a 27-file BBH folder gives every subtask its share.
 */
public final class TaskQueryReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskQueryReader() {}

    public static List<QueryExample> read(SparkSession spark, NamedPath task, int maxQueries, long seed) {
        Path root = Path.of(task.path()).toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            throw SelectErrors.pathNotFound("task", task);
        }
        List<List<QueryExample>> byFile = new ArrayList<>();
        for (Path file : files(root)) {
            List<QueryExample> examples = readFile(spark, task.name(), file);
            if (!examples.isEmpty()) {
                byFile.add(examples);
            }
        }
        List<QueryExample> sampled = sample(byFile, maxQueries, seed);
        if (sampled.isEmpty()) {
            throw SelectErrors.noQueries(task.name(), root);
        }
        return sampled;
    }

    /** All examples in file order when they fit; else round-robin over each file's seeded shuffle. */
    static List<QueryExample> sample(List<List<QueryExample>> byFile, int maxQueries, long seed) {
        int total = byFile.stream().mapToInt(List::size).sum();
        List<QueryExample> out = new ArrayList<>();
        if (maxQueries == 0 || total <= maxQueries) {
            byFile.forEach(out::addAll);
            return out;
        }
        List<List<QueryExample>> shuffled = new ArrayList<>();
        for (int f = 0; f < byFile.size(); f++) {
            List<QueryExample> copy = new ArrayList<>(byFile.get(f));
            Collections.shuffle(copy, new Random(seed * 31 + f));
            shuffled.add(copy);
        }
        for (int round = 0; out.size() < maxQueries; round++) {
            for (List<QueryExample> file : shuffled) {
                if (round < file.size() && out.size() < maxQueries) {
                    out.add(file.get(round));
                }
            }
        }
        return out;
    }

    private static List<Path> files(Path root) {
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> {
                        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                        return !name.startsWith(".") && !name.startsWith("_") && (PoolFileParser.isPoolFile(name)
                                || name.endsWith(".csv"));
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw SelectErrors.unreadable(root, e);
        }
    }

    private static List<QueryExample> readFile(SparkSession spark, String task, Path file) {
        String name = file.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return readMmlu(spark, task, file);
        }
        String content;
        try (InputStream in = open(file)) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw SelectErrors.unreadable(file, e);
        }
        List<JsonNode> records = new ArrayList<>();
        String trimmed = content.stripLeading();
        try {
            if (trimmed.startsWith("[") || trimmed.startsWith("{") && !trimmed.contains("\n{")) {
                JsonNode root = JSON.readTree(trimmed);
                JsonNode examples = root.isArray() ? root : root.get("examples");
                if (examples != null && examples.isArray()) {
                    examples.forEach(records::add);
                } else {
                    records.add(root);
                }
            } else {
                try (BufferedReader reader = new BufferedReader(new java.io.StringReader(content))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (!line.isBlank()) {
                            records.add(JSON.readTree(line));
                        }
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw SelectErrors.badQueryFile(file, "is not valid JSON or JSON Lines (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw SelectErrors.unreadable(file, e);
        }
        List<QueryExample> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            QueryExample example = fromRecord(task, name + "#" + i, records.get(i));
            if (example == null) {
                throw SelectErrors.badQueryFile(file, "has record " + i + " in no known shape (GSM8K question/answer,"
                        + " HumanEval prompt/canonical_solution, BBH input/target, or an instruction record)");
            }
            out.add(example);
        }
        return out;
    }

    /** One JSON record as a query, or null when its shape is unknown. */
    static QueryExample fromRecord(String task, String queryId, JsonNode record) {
        if (has(record, "input") && has(record, "target") && !has(record, "instruction")) {
            return new QueryExample(task, queryId, record.get("input").asText(), "A:", record.get("target").asText());
        }
        if (has(record, "question") && has(record, "answer")) {
            return new QueryExample(task, queryId, record.get("question").asText(), "Answer:", record.get("answer").asText());
        }
        if (has(record, "prompt") && has(record, "canonical_solution")) {
            return new QueryExample(task, queryId, record.get("prompt").asText(), "", record.get("canonical_solution").asText());
        }
        InstructionRecords.Parsed parsed = InstructionRecords.parse(record);
        if (!parsed.ok()) {
            return null;
        }
        return new QueryExample(task, queryId, parsed.prompt(), "", parsed.response());
    }

    private static List<QueryExample> readMmlu(SparkSession spark, String task, Path file) {
        List<Row> rows = spark.read().option("header", "false").option("multiLine", "true").option("escape", "\"")
                .csv(file.toString()).collectAsList();
        List<QueryExample> out = new ArrayList<>();
        String name = file.getFileName().toString();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (row.size() != 6) {
                throw SelectErrors.badQueryFile(file, "has " + row.size() + " CSV columns, expected 6 (question, A, B, C,"
                        + " D, answer)");
            }
            String prompt = row.getString(0) + "\nA. " + row.getString(1) + "\nB. " + row.getString(2) + "\nC. "
                    + row.getString(3) + "\nD. " + row.getString(4);
            out.add(new QueryExample(task, name + "#" + i, prompt, "Answer:", row.getString(5)));
        }
        return out;
    }

    private static boolean has(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value != null && value.isTextual();
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new java.util.zip.GZIPInputStream(in) : in;
    }
}
