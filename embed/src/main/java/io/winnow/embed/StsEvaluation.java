package io.winnow.embed;

import static java.util.Objects.requireNonNull;

import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.Granularity;
import io.winnow.batchinfer.Matryoshka;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.TextEncoder;
import io.winnow.batchinfer.quantize.QuantizeRequest;
import io.winnow.batchinfer.quantize.Spearman;
import io.winnow.batchinfer.quantize.StsPairs;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * STS-B quality of every (layer, dim) of a grid for one model: Spearman correlation between the cosine of the two
 * sentences' embeddings and the gold score (0-5), as in 2DMSE / Starbucks ({@code spearman_cosine}). All sizes come
 * from one forward pass per batch ({@link TextEncoder} with granularities); each distinct sentence is embedded once.
 */
public final class StsEvaluation {
    /** The STS-B (English) dev split beside the project, {@code ../shared/data/sts/stsb_multi_mt/stsb-en-dev.csv}. */
    public static final Path DEFAULT_DEV_FILE = QuantizeRequest.DEFAULT_STS_DEV;

    private StsEvaluation() {}

    /**
     * Spearman per (layer, dim): {@code spearman[i][j]} is layer {@code layers.get(i)} at dim {@code dims.get(j)}.
     *
     * @param seconds wall time of the embedding
     */
    public record Table(String model, String pooling, String source, int pairs, List<Integer> layers, List<Integer> dims,
            double[][] spearman, double seconds) {

        public double at(int layer, int dim) {
            int row = layers.indexOf(layer);
            int column = dims.indexOf(dim);
            if (row < 0 || column < 0) {
                throw new IllegalArgumentException("no cell for layer " + layer + ", dim " + dim);
            }
            return spearman[row][column];
        }

        /** Rows are layers, columns dims; values are Spearman x 100 would lose precision, so 4 decimals. */
        public String toMarkdown() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%s Spearman(cosine), %s, %s pooling, %d pairs%n%n", source, model,
                    pooling, pairs));
            out.append("| layer \\ dim |");
            dims.forEach(dim -> out.append(' ').append(dim).append(" |"));
            out.append('\n').append("|---|");
            dims.forEach(dim -> out.append("---|"));
            out.append('\n');
            for (int i = 0; i < layers.size(); i++) {
                out.append("| ").append(layers.get(i)).append(" |");
                for (int j = 0; j < dims.size(); j++) {
                    out.append(String.format(Locale.ROOT, " %.4f |", spearman[i][j]));
                }
                out.append('\n');
            }
            return out.toString();
        }

        /** A heatmap PNG: layers down, dims across, the value in every cell. */
        public void writeHeatmap(Path png) {
            System.setProperty("java.awt.headless", "true");
            int cellWidth = 90;
            int cellHeight = 44;
            int left = 90;
            int top = 70;
            int bottom = 60;
            int width = left + cellWidth * dims.size() + 30;
            int height = top + cellHeight * layers.size() + bottom;
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, width, height);
                double low = Double.POSITIVE_INFINITY;
                double high = Double.NEGATIVE_INFINITY;
                for (double[] row : spearman) {
                    for (double value : row) {
                        if (!Double.isNaN(value)) {
                            low = Math.min(low, value);
                            high = Math.max(high, value);
                        }
                    }
                }
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
                g.drawString(String.format(Locale.ROOT, "%s Spearman: %s (%s, %d pairs)", source, model, pooling, pairs),
                        10, 24);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
                for (int i = 0; i < layers.size(); i++) {
                    for (int j = 0; j < dims.size(); j++) {
                        double value = spearman[i][j];
                        double t = high > low ? (value - low) / (high - low) : 1.0;
                        Color color = Double.isNaN(value) ? Color.LIGHT_GRAY : shade(t);
                        int x = left + j * cellWidth;
                        int y = top + i * cellHeight;
                        g.setColor(color);
                        g.fillRect(x, y, cellWidth, cellHeight);
                        g.setColor(Color.WHITE);
                        g.setStroke(new BasicStroke(1));
                        g.drawRect(x, y, cellWidth, cellHeight);
                        g.setColor(t > 0.55 ? Color.WHITE : Color.BLACK);
                        centered(g, Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value),
                                x + cellWidth / 2, y + cellHeight / 2);
                    }
                }
                g.setColor(Color.BLACK);
                for (int j = 0; j < dims.size(); j++) {
                    centered(g, String.valueOf(dims.get(j)), left + j * cellWidth + cellWidth / 2, top - 12);
                }
                for (int i = 0; i < layers.size(); i++) {
                    centered(g, String.valueOf(layers.get(i)), left - 20, top + i * cellHeight + cellHeight / 2);
                }
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
                centered(g, "embedding dim (prefix length)", left + cellWidth * dims.size() / 2,
                        top + cellHeight * layers.size() + 30);
                AffineTransform saved = g.getTransform();
                g.rotate(-Math.PI / 2);
                centered(g, "layer", -(top + cellHeight * layers.size() / 2), left - 55);
                g.setTransform(saved);
            } finally {
                g.dispose();
            }
            try {
                Path parent = png.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                ImageIO.write(image, "png", png.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Color shade(double t) {
            // light yellow (worst) to dark blue (best)
            int r = (int) Math.round(255 + t * (8 - 255));
            int g = (int) Math.round(247 + t * (48 - 247));
            int b = (int) Math.round(188 + t * (107 - 188));
            return new Color(r, g, b);
        }

        private static void centered(Graphics2D g, String text, int x, int y) {
            FontMetrics metrics = g.getFontMetrics();
            g.drawString(text, x - metrics.stringWidth(text) / 2, y + (metrics.getAscent() - metrics.getDescent()) / 2);
        }
    }

    /**
     * Evaluates {@code layers x dims} of {@code spec} on at most {@code maxPairs} pairs of {@code csv}; empty when the
     * file is absent.
     */
    public static Optional<Table> evaluate(ModelSpec spec, List<Integer> layers, List<Integer> dims, Path csv, int maxPairs,
            EncoderOptions options) {
        requireNonNull(spec, "spec is null");
        StsPairs pairs = StsPairs.read(csv, maxPairs);
        if (pairs == null || pairs.size() == 0) {
            return Optional.empty();
        }
        List<Granularity> granularities = new ArrayList<>();
        for (int layer : layers) {
            for (int dim : dims) {
                granularities.add(new Granularity(layer, dim));
            }
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            index.putIfAbsent(pairs.first().get(i), index.size());
            index.putIfAbsent(pairs.second().get(i), index.size());
        }
        List<String> sentences = new ArrayList<>(index.keySet());
        long started = System.nanoTime();
        Map<Granularity, float[][]> vectors;
        try (TextEncoder encoder = TextEncoder.open(spec, options.withGranularities(granularities))) {
            vectors = encoder.encodeGranularities(sentences);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double[][] spearman = new double[layers.size()][dims.size()];
        Map<Granularity, double[]> cosines = new HashMap<>();
        for (Granularity granularity : granularities) {
            float[][] byText = vectors.get(granularity);
            double[] cos = new double[pairs.size()];
            for (int i = 0; i < pairs.size(); i++) {
                cos[i] = Matryoshka.dot(byText[index.get(pairs.first().get(i))], byText[index.get(pairs.second().get(i))]);
            }
            cosines.put(granularity, cos);
        }
        for (int i = 0; i < layers.size(); i++) {
            for (int j = 0; j < dims.size(); j++) {
                spearman[i][j] = Spearman.correlation(cosines.get(new Granularity(layers.get(i), dims.get(j))),
                        pairs.scores());
            }
        }
        return Optional.of(new Table(spec.name(), spec.pooling().configName(), csv.getFileName().toString(), pairs.size(),
                List.copyOf(layers),
                List.copyOf(dims), spearman, seconds));
    }
}
