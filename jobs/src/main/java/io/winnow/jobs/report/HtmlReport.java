package io.winnow.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageCounts;
import io.winnow.core.run.StageResult;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Warehouse;
import io.winnow.jobs.pipeline.LocalPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code winnow report --html}: one HTML page for a run, with PNG charts written next to it
 * ({@code report-*.png}). Reads the run log results and the tables that exist; a section whose table
 * is absent is left out. Every aggregate is computed in Spark, so the report scales with the tables.
 */
public final class HtmlReport {
    /** Where the report goes when no path is given: {@code <warehouse>/_reports/report.html}. */
    public static final String DEFAULT_FILE = "report.html";
    public static final String REPORTS_FOLDER = "_reports";
    private static final int HISTOGRAM_BINS = 20;
    private static final int MAX_METRIC_HISTOGRAMS = 32;
    private static final int MAX_TABLE_ROWS = 50;

    private final SparkSession spark;
    private final Warehouse warehouse;
    private final String runId;
    private final ReportTables tables;
    private final StringBuilder html = new StringBuilder();
    private final Map<String, byte[]> charts = new LinkedHashMap<>();

    private HtmlReport(SparkSession spark, Warehouse warehouse, String runId, ReportTables tables) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.runId = runId;
        this.tables = tables;
    }

    public static String defaultPath(Warehouse warehouse) {
        return warehouse.resolve(REPORTS_FOLDER) + "/" + DEFAULT_FILE;
    }

    /** Writes the report of {@code results} (one run, in stage order) to {@code target}; returns the charts' file names. */
    public static List<String> write(SparkSession spark, Warehouse warehouse, String runId, List<StageResult> results,
            ReportTables tables, String target) {
        HtmlReport report = new HtmlReport(spark, warehouse, runId, tables);
        report.render(results);
        return report.save(target);
    }

    private void render(List<StageResult> results) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Winnow run ")
                .append(escape(runId)).append("</title>\n<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;}"
                        + "table{border-collapse:collapse;margin:1em 0;}td,th{border:1px solid #ccc;padding:3px 8px;}"
                        + "td.n{text-align:right;}img{max-width:100%;}</style></head><body>\n");
        html.append("<h1>Winnow run ").append(escape(runId)).append("</h1>\n<p>Warehouse: <code>")
                .append(escape(warehouse.root())).append("</code></p>\n");
        stageSection(results);
        quarantineSection();
        dropReasonSection(results);
        duplicateSection();
        qualityMetricSection();
        embeddingSection();
        vocabularySection();
        html.append("</body></html>\n");
    }

    private void stageSection(List<StageResult> results) {
        html.append("<h2>Rows per stage</h2>\n");
        List<List<String>> rows = new ArrayList<>();
        boolean allAddUp = true;
        for (StageResult result : results) {
            StageCounts counts = result.counts();
            allAddUp &= counts.in() == counts.kept() + counts.dropped() + counts.quarantined();
            rows.add(List.of(result.stage(), result.status().toString(), number(counts.in()), number(counts.kept()),
                    number(counts.dropped()), number(counts.quarantined()),
                    String.format(Locale.ROOT, "%.1f", result.elapsed().toMillis() / 1000.0)));
        }
        table(List.of("stage", "status", "in", "kept", "dropped", "quarantined", "seconds"), rows);
        html.append("<p>").append(allAddUp ? "Counts add up for every stage: in = kept + dropped + quarantined."
                : "WARNING: some counts do not add up; see the run log.").append("</p>\n");
        chart("stages", "Rows per stage", ReportCharts.stageCounts(results));
    }

    private void quarantineSection() {
        Dataset<Row> quarantine = readIfPresent(tables.quarantine());
        if (quarantine == null) {
            return;
        }
        List<Row> byReason = quarantine.groupBy("stage", "reason").count().orderBy(col("count").desc(), col("stage"), col("reason"))
                .collectAsList();
        html.append("<h2>Quarantined rows by reason</h2>\n");
        if (byReason.isEmpty()) {
            html.append("<p>No row was quarantined.</p>\n");
            return;
        }
        Map<String, Long> bars = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (Row row : byReason) {
            rows.add(List.of(row.getString(0), row.getString(1), number(row.getLong(2))));
            bars.merge(row.getString(1), row.getLong(2), Long::sum);
        }
        table(List.of("stage", "reason", "rows"), rows);
        chart("quarantine", "Quarantined rows by reason", ReportCharts.bars("Quarantined rows by reason", "reason", "rows", bars));
    }

    private void dropReasonSection(List<StageResult> results) {
        html.append("<h2>Drop reasons and other counts per stage</h2>\n");
        List<List<String>> rows = new ArrayList<>();
        for (StageResult result : results) {
            result.counts().detail().forEach((key, value) -> rows.add(List.of(result.stage(), key, number(value))));
        }
        table(List.of("stage", "count", "value"), rows);
        Dataset<Row> metrics = readIfPresent(tables.qualityMetrics());
        if (metrics == null) {
            return;
        }
        Map<String, Long> reasons = new LinkedHashMap<>();
        for (Row row : metrics.where(col("kept").equalTo(false)).select(explode(col("reasons")).as("reason"))
                .groupBy("reason").count().orderBy(col("count").desc(), col("reason")).collectAsList()) {
            reasons.put(row.getString(0), row.getLong(1));
        }
        if (!reasons.isEmpty()) {
            html.append("<p>Quality filter rules failed by dropped documents (a document can fail several):</p>\n");
            chart("quality-reasons", "Quality drop reasons",
                    ReportCharts.bars("Quality rules failed by dropped documents", "rule", "documents", reasons));
        }
    }

    private void duplicateSection() {
        Dataset<Row> exact = readIfPresent(tables.exactDuplicates());
        Dataset<Row> fuzzy = readIfPresent(tables.fuzzyDuplicates());
        if (exact == null && fuzzy == null) {
            return;
        }
        html.append("<h2>Duplicate clusters</h2>\n<p>Cluster size = the kept representative plus the documents removed as its"
                + " duplicates.</p>\n");
        if (exact != null) {
            clusterSizes("exact-clusters", "Exact duplicate clusters", exact.groupBy("representative").count());
        }
        if (fuzzy != null) {
            clusterSizes("fuzzy-clusters", "Near-duplicate (MinHash) clusters", fuzzy.groupBy("component_id").count());
        }
    }

    private void clusterSizes(String name, String title, Dataset<Row> removedPerCluster) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (Row row : removedPerCluster.select(col("count").plus(lit(1)).as("size")).groupBy("size").count().orderBy("size")
                .collectAsList()) {
            sizes.put(Long.toString(row.getLong(0)), row.getLong(1));
        }
        if (sizes.isEmpty()) {
            html.append("<p>").append(escape(title)).append(": none.</p>\n");
            return;
        }
        chart(name, title, ReportCharts.bars(title, "cluster size (documents)", "clusters", sizes));
    }

    private void qualityMetricSection() {
        Dataset<Row> metrics = readIfPresent(tables.qualityMetrics());
        if (metrics == null) {
            return;
        }
        Dataset<Row> values = metrics.select(explode(col("metrics")).as(new String[] {"metric", "value"}))
                .where(col("value").isNotNull().and(col("value").isNaN().unary_$bang()));
        List<Row> ranges = values.groupBy("metric").agg(min("value"), max("value")).orderBy("metric").limit(MAX_METRIC_HISTOGRAMS)
                .collectAsList();
        html.append("<h2>Quality metrics</h2>\n<p>Histograms of every document's measured values (table <code>")
                .append(escape(tables.qualityMetrics())).append("</code>).</p>\n");
        Dataset<Row> bounds = spark.createDataFrame(ranges, ranges.isEmpty() ? values.groupBy("metric")
                .agg(min("value"), max("value")).schema() : ranges.get(0).schema()).toDF("metric", "low", "high");
        Dataset<Row> buckets = values.join(org.apache.spark.sql.functions.broadcast(bounds), "metric")
                .withColumn("bucket", org.apache.spark.sql.functions.least(lit(HISTOGRAM_BINS - 1),
                        org.apache.spark.sql.functions.when(col("high").equalTo(col("low")), lit(0))
                                .otherwise(org.apache.spark.sql.functions.floor(col("value").minus(col("low"))
                                        .divide(col("high").minus(col("low"))).multiply(HISTOGRAM_BINS))).cast("int")))
                .groupBy("metric", "bucket").agg(count(lit(1)).as("documents"));
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (Row row : buckets.collectAsList()) {
            counts.computeIfAbsent(row.getString(0), m -> new long[HISTOGRAM_BINS])[row.getInt(1)] = row.getLong(2);
        }
        for (Row range : ranges) {
            String metric = range.getString(0);
            double low = range.getDouble(1);
            double width = (range.getDouble(2) - low) / HISTOGRAM_BINS;
            Map<String, Long> bars = new LinkedHashMap<>();
            long[] perBucket = counts.getOrDefault(metric, new long[HISTOGRAM_BINS]);
            int used = width == 0 ? 1 : HISTOGRAM_BINS;
            for (int b = 0; b < used; b++) {
                bars.put(bucketLabel(low + b * width), perBucket[b]);
            }
            chart("metric-" + metric.replaceAll("[^A-Za-z0-9]+", "-"), metric,
                    ReportCharts.bars(metric, "value (bucket start)", "documents", bars));
        }
    }

    private void embeddingSection() {
        Dataset<Row> embeddings = readIfPresent(tables.embeddings());
        Dataset<Row> matryoshka = readIfPresent(tables.matryoshkaEmbeddings());
        Dataset<Row> semantic = readIfPresent(tables.semanticDuplicates());
        if (embeddings == null && matryoshka == null && semantic == null) {
            return;
        }
        html.append("<h2>Embeddings</h2>\n");
        if (embeddings != null) {
            html.append("<p>Table <code>").append(escape(tables.embeddings())).append("</code>:</p>\n");
            grouped(embeddings, "model", "precision", "dim");
        }
        if (matryoshka != null) {
            html.append("<p>Table <code>").append(escape(tables.matryoshkaEmbeddings())).append("</code> (2D-Matryoshka):</p>\n");
            grouped(matryoshka, "model", "layer", "dim", "pooling");
        }
        if (semantic != null) {
            html.append("<p>Table <code>").append(escape(tables.semanticDuplicates())).append("</code> (SemDeDup):</p>\n");
            grouped(semantic, "eps", "reason");
        }
    }

    private void vocabularySection() {
        Dataset<Row> analysis = readIfPresent(tables.vocabAnalysis());
        Dataset<Row> tokens = readIfPresent(tables.tokenCounts());
        if (analysis == null && tokens == null) {
            return;
        }
        html.append("<h2>Vocabulary and tokens</h2>\n");
        if (tokens != null) {
            Row sums = tokens.agg(count(lit(1)), org.apache.spark.sql.functions.sum("characters"),
                    org.apache.spark.sql.functions.sum("tokens")).first();
            long characters = sums.isNullAt(1) ? 0 : sums.getLong(1);
            long tokenTotal = sums.isNullAt(2) ? 0 : sums.getLong(2);
            html.append(String.format(Locale.ROOT, "<p>Table <code>%s</code>: %s documents, %s characters, %s tokens"
                    + " (%.3f tokens per character).</p>%n", escape(tables.tokenCounts()), number(sums.getLong(0)),
                    number(characters), number(tokenTotal), characters == 0 ? 0.0 : (double) tokenTotal / characters));
        }
        if (analysis != null) {
            html.append("<p>Table <code>").append(escape(tables.vocabAnalysis())).append("</code>:</p>\n");
            List<List<String>> rows = new ArrayList<>();
            for (Row row : analysis.limit(MAX_TABLE_ROWS).collectAsList()) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.size(); i++) {
                    cells.add(String.valueOf(row.get(i)));
                }
                rows.add(cells);
            }
            table(List.of(analysis.columns()), rows);
        }
        String plot = LocalPaths.underWarehouse(new RunContext(runId, warehouse, false), tables.vocabPlot());
        byte[] png = readIfExists(plot);
        if (png != null) {
            chart("vocab-analysis", "Vocabulary analysis: f(V) measured and fitted", png);
        }
    }

    private void grouped(Dataset<Row> rows, String... columns) {
        List<String> present = new ArrayList<>();
        for (String column : columns) {
            if (List.of(rows.columns()).contains(column)) {
                present.add(column);
            }
        }
        List<List<String>> cells = new ArrayList<>();
        org.apache.spark.sql.Column[] keys = present.stream().map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new);
        for (Row row : rows.groupBy(keys).count().orderBy(keys).limit(MAX_TABLE_ROWS).collectAsList()) {
            List<String> line = new ArrayList<>();
            for (int i = 0; i < row.size() - 1; i++) {
                line.add(String.valueOf(row.get(i)));
            }
            line.add(number(row.getLong(row.size() - 1)));
            cells.add(line);
        }
        List<String> header = new ArrayList<>(present);
        header.add("rows");
        table(header, cells);
    }

    private Dataset<Row> readIfPresent(String table) {
        String path = warehouse.resolve(table);
        return DeltaTables.exists(spark, path) ? DeltaTables.read(spark, path, "report") : null;
    }

    private byte[] readIfExists(String file) {
        try {
            Path path = new Path(file);
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(path)) {
                return null;
            }
            try (InputStream in = fs.open(path)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            return null;
        }
    }

    private void chart(String name, String title, byte[] png) {
        String file = "report-" + name + ".png";
        charts.put(file, png);
        html.append("<p><img src=\"").append(file).append("\" alt=\"").append(escape(title)).append("\"></p>\n");
    }

    private void table(List<String> header, List<List<String>> rows) {
        html.append("<table>\n<tr>");
        header.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            for (String cell : row) {
                boolean numeric = cell.matches("-?[0-9][0-9,.]*");
                html.append(numeric ? "<td class=\"n\">" : "<td>").append(escape(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private List<String> save(String target) {
        Path html = new Path(target);
        try {
            FileSystem fs = html.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.mkdirs(html.getParent());
            for (Map.Entry<String, byte[]> chart : charts.entrySet()) {
                try (OutputStream out = fs.create(new Path(html.getParent(), chart.getKey()), true)) {
                    out.write(chart.getValue());
                }
            }
            try (OutputStream out = fs.create(html, true)) {
                out.write(this.html.toString().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the HTML report to " + target
                    + ". Check that the folder is writable, or pass another path to --html.", e);
        }
        return List.copyOf(charts.keySet());
    }

    private static String bucketLabel(double start) {
        return Math.abs(start) >= 1000 ? String.format(Locale.ROOT, "%.0f", start) : String.format(Locale.ROOT, "%.3g", start);
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
