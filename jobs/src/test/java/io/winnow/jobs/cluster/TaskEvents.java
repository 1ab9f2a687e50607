package io.winnow.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads what {@link TaskEventListener} wrote: per-executor task counts, executor changes, stage names. */
record TaskEvents(List<String[]> lines) {
    TaskEvents {
        lines = List.copyOf(lines);
    }

    static TaskEvents read(Path file) {
        if (!Files.exists(file)) {
            return new TaskEvents(List.of());
        }
        try {
            // A line being written may be incomplete; only lines ending in a newline count.
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String complete = text.substring(0, text.lastIndexOf('\n') + 1);
            return new TaskEvents(complete.lines().map(line -> line.split("\t")).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Successful tasks per executor id. */
    Map<String, Long> successfulTasksByExecutor() {
        Map<String, Long> counts = new TreeMap<>();
        for (String[] line : lines) {
            if (line[0].equals("end") && line[4].equals("Success")) {
                counts.merge(line[2], 1L, Long::sum);
            }
        }
        return counts;
    }

    List<String> failedTaskReasons() {
        return lines.stream().filter(l -> l[0].equals("end") && !l[4].equals("Success")).map(l -> l[4]).toList();
    }

    List<String> addedExecutors() {
        return lines.stream().filter(l -> l[0].equals("executor+")).map(l -> l[1]).toList();
    }

    List<String> removedExecutors() {
        return lines.stream().filter(l -> l[0].equals("executor-")).map(l -> l[1]).toList();
    }

    /**
     * The executor running a task of the {@code occurrence}-th stage (counting from 1) whose name
     * contains {@code stageNamePart}, once such a task has started.
     */
    Optional<String> executorRunningStage(String stageNamePart, int occurrence) {
        Map<String, Integer> matchingStages = new HashMap<>();
        for (String[] line : lines) {
            if (line[0].equals("stage") && line[2].contains(stageNamePart)) {
                matchingStages.putIfAbsent(line[1], matchingStages.size() + 1);
            }
        }
        return lines.stream()
                .filter(l -> l[0].equals("start") && matchingStages.getOrDefault(l[1], 0) >= occurrence)
                .map(l -> l[2])
                .findFirst();
    }

    @Override
    public String toString() {
        return String.join("\n", lines.stream().map(l -> String.join(" ", Arrays.asList(l))).toList());
    }
}
