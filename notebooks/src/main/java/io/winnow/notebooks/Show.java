package io.winnow.notebooks;

import static java.util.Objects.requireNonNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What notebook cells call to show things inline: tables as HTML, images as PNG, Markdown. Inside the Winnow kernel
 * the output goes to Jupyter; elsewhere (tests, a plain JShell) its text form goes to standard output.
 */
public final class Show {
    /** Cells longer than this are cut in tables, with an ellipsis; pass a larger width to see more. */
    public static final int DEFAULT_CELL_CHARS = 160;

    private static volatile DisplaySink sink = Show::printText;

    private Show() {}

    /** Sends every later output to {@code target}; the kernel calls this once at start-up. */
    public static void attach(DisplaySink target) {
        sink = requireNonNull(target, "target is null");
    }

    /** The first {@code rows} rows of {@code table} as an HTML table. */
    public static void table(Dataset<Row> table, int rows) {
        table(table, rows, DEFAULT_CELL_CHARS);
    }

    /** The first {@code rows} rows of {@code table}, each cell cut to {@code cellChars} characters. */
    public static void table(Dataset<Row> table, int rows, int cellChars) {
        requireNonNull(table, "table is null");
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        List<Row> collected = table.limit(rows).collectAsList();
        String[] columns = table.columns();
        List<List<String>> cells = collected.stream()
                .map(row -> {
                    List<String> values = new java.util.ArrayList<>(columns.length);
                    for (int i = 0; i < columns.length; i++) {
                        values.add(cut(render(row.get(i)), cellChars));
                    }
                    return values;
                })
                .toList();
        rows(List.of(columns), cells);
    }

    /** A table from plain values: a header and rows of cells, shown as HTML. */
    public static void rows(List<String> header, List<List<String>> rows) {
        requireNonNull(header, "header is null");
        requireNonNull(rows, "rows is null");
        StringBuilder html = new StringBuilder("<table><thead><tr>");
        for (String column : header) {
            html.append("<th>").append(escape(column)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        StringBuilder text = new StringBuilder(String.join(" | ", header)).append('\n');
        for (List<String> row : rows) {
            html.append("<tr>");
            for (String cell : row) {
                html.append("<td style=\"text-align:left; vertical-align:top\">").append(escape(cell)).append("</td>");
            }
            html.append("</tr>");
            text.append(String.join(" | ", row)).append('\n');
        }
        html.append("</tbody></table>");
        Map<String, String> representations = new LinkedHashMap<>();
        representations.put("text/plain", text.toString());
        representations.put("text/html", html.toString());
        sink.display(representations);
    }

    /** An image, encoded as PNG. */
    public static void png(BufferedImage image) {
        requireNonNull(image, "image is null");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        png(bytes.toByteArray(), image.getWidth() + "x" + image.getHeight());
    }

    /** A PNG file written by a stage (e.g. the STS heatmap or the vocabulary plot). */
    public static void png(Path file) {
        requireNonNull(file, "file is null");
        try {
            png(Files.readAllBytes(file), file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the image '" + file + "': " + e.getMessage()
                    + ". Run the stage that writes it first (see notebooks/README.md).", e);
        }
    }

    private static void png(byte[] bytes, String description) {
        Map<String, String> representations = new LinkedHashMap<>();
        representations.put("text/plain", "<PNG image " + description + ">");
        representations.put("image/png", Base64.getEncoder().encodeToString(bytes));
        sink.display(representations);
    }

    /** Markdown text (Jupyter renders it; the plain form is the source). */
    public static void markdown(String markdown) {
        requireNonNull(markdown, "markdown is null");
        Map<String, String> representations = new LinkedHashMap<>();
        representations.put("text/plain", markdown);
        representations.put("text/markdown", markdown);
        sink.display(representations);
    }

    static String render(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof scala.collection.Iterable<?> iterable) {
            return iterable.mkString("[", ", ", "]");
        }
        if (value instanceof scala.collection.Map<?, ?> map) {
            return map.mkString("{", ", ", "}");
        }
        if (value instanceof Double number) {
            return String.format(java.util.Locale.ROOT, "%.4f", number);
        }
        if (value instanceof Float number) {
            return String.format(java.util.Locale.ROOT, "%.4f", number);
        }
        return value.toString();
    }

    static String cut(String text, int chars) {
        String flat = text.replace('\n', ' ').replace('\r', ' ');
        return flat.length() <= chars ? flat : flat.substring(0, Math.max(0, chars - 1)) + "…";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void printText(Map<String, String> representations) {
        System.out.println(representations.getOrDefault("text/plain", ""));
    }
}
