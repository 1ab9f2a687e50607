package io.winnow.jobs.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A small corpus cut from the bundled demo corpus that still exercises every default stage: the
 * reposts file whole (exact reposts, case/whitespace variants, near-duplicates, bad records), the
 * C4 originals those reposts copy plus the first C4 documents, the first documents of the gzipped
 * C4 file, and the contaminated documents whole.
 */
final class DemoSample {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MIRROR = "https://mirror.example/";

    private DemoSample() {}

    static Path write(Path demoCorpus, Path directory, int firstDocuments) throws IOException {
        Files.createDirectories(directory);
        Path reposts = demoCorpus.resolve("reposts.jsonl");
        Files.copy(reposts, directory.resolve("reposts.jsonl"));
        Files.copy(demoCorpus.resolve("contaminated.jsonl"), directory.resolve("contaminated.jsonl"));

        Set<String> repostedUrls = new HashSet<>();
        for (String line : Files.readAllLines(reposts)) {
            if (line.startsWith("{\"text\": \"a repost whose JSON was cut off")) {
                continue;
            }
            String url = JSON.readTree(line).path("url").asText();
            // mirror URLs are https://mirror.example/<n>/<original URL without its scheme>
            int slash = url.indexOf('/', MIRROR.length());
            if (url.startsWith(MIRROR) && slash > 0) {
                repostedUrls.add(url.substring(slash + 1));
            }
        }
        List<String> c4 = Files.readAllLines(demoCorpus.resolve("c4-en-sample.jsonl"));
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < c4.size(); i++) {
            String url = JSON.readTree(c4.get(i)).path("url").asText();
            if (i < firstDocuments || repostedUrls.contains(url.substring(url.indexOf("//") + 2))) {
                picked.add(c4.get(i));
            }
        }
        Files.write(directory.resolve("c4-en-sample.jsonl"), picked);

        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                        new GZIPInputStream(Files.newInputStream(demoCorpus.resolve("c4-demo.jsonl.gz"))), StandardCharsets.UTF_8));
                Writer out = new OutputStreamWriter(
                        new GZIPOutputStream(Files.newOutputStream(directory.resolve("c4-demo.jsonl.gz"))), StandardCharsets.UTF_8)) {
            String line;
            for (int i = 0; i < firstDocuments && (line = in.readLine()) != null; i++) {
                out.write(line);
                out.write('\n');
            }
        }
        return directory;
    }
}
