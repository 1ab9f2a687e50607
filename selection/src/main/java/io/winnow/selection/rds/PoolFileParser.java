package io.winnow.selection.rds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.Tuple2;

/**
 * One pool file (path, content) to rows of {@link SelectTables#PARSED_SCHEMA}: a JSON list (Alpaca, GPTeacher,
 * Code Alpaca) or JSON Lines (Self-Instruct, T0, GSM8K, Tulu messages). Item ids are
 * {@code <source>/<file name>#<position>} (position from 0 in the file), so they are stable across runs.
 * Unreadable records keep their raw text and get a reason.
 */
final class PoolFileParser implements FlatMapFunction<Tuple2<String, String>, Row> {
    private static final long serialVersionUID = 1L;
    static final String INVALID_JSON = "invalid_json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;

    PoolFileParser(String source) {
        this.source = source;
    }

    @Override
    public Iterator<Row> call(Tuple2<String, String> file) {
        String path = file._1();
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        String content = file._2();
        List<Row> rows = new ArrayList<>();
        if (!isPoolFile(fileName)) {
            return rows.iterator();
        }
        String trimmed = content.stripLeading();
        if (trimmed.startsWith("[")) {
            JsonNode list;
            try {
                list = JSON.readTree(trimmed);
            } catch (JsonProcessingException e) {
                rows.add(row(fileName, path, 0, truncate(trimmed), null, INVALID_JSON));
                return rows.iterator();
            }
            for (int i = 0; i < list.size(); i++) {
                rows.add(parsed(fileName, path, i, list.get(i).toString(), list.get(i)));
            }
            return rows.iterator();
        }
        long position = 0;
        for (String line : content.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String raw = line.strip();
            try {
                rows.add(parsed(fileName, path, position, raw, JSON.readTree(raw)));
            } catch (JsonProcessingException e) {
                rows.add(row(fileName, path, position, truncate(raw), null, INVALID_JSON));
            }
            position++;
        }
        return rows.iterator();
    }

    /** JSON and JSON Lines files (plain or .gz); README, LICENSE and names starting with '.' or '_' are skipped. */
    static boolean isPoolFile(String fileName) {
        String name = fileName.toLowerCase(java.util.Locale.ROOT);
        return !name.startsWith(".") && !name.startsWith("_")
                && (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".json.gz") || name.endsWith(".jsonl.gz"));
    }

    private Row parsed(String fileName, String path, long position, String raw, JsonNode record) {
        InstructionRecords.Parsed parsed = InstructionRecords.parse(record);
        if (!parsed.ok()) {
            return row(fileName, path, position, truncate(raw), null, parsed.reason());
        }
        return row(fileName, path, position, raw, TuluFormat.poolText(parsed.turns()), null);
    }

    private Row row(String fileName, String path, long position, String raw, String text, String reason) {
        return RowFactory.create(source + "/" + fileName + "#" + position, source, text == null ? "" : text, raw, path,
                position, reason);
    }

    private static String truncate(String raw) {
        return raw.length() <= 1000 ? raw : raw.substring(0, 1000);
    }
}
