package io.winnow.notebooks;

import static java.util.Objects.requireNonNull;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Small Java2D charts for notebooks, drawn headless at 640 x 400 so the saved notebooks stay small: horizontal bars
 * (counts per stage or reason) and histograms (similarities, sizes, lengths). Show them with {@link Show#png}.
 */
public final class Charts {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 400;
    private static final Color BAR = new Color(0x1f77b4);
    private static final Color GRID = new Color(0xdddddd);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** One horizontal bar per label, longest label list first to last, with the value printed at the bar's end. */
    public static BufferedImage bars(String title, List<String> labels, List<? extends Number> values) {
        requireNonNull(title, "title is null");
        requireNonNull(labels, "labels is null");
        requireNonNull(values, "values is null");
        if (labels.size() != values.size()) {
            throw new IllegalArgumentException("labels and values must have the same size, got " + labels.size()
                    + " labels and " + values.size() + " values");
        }
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image, title);
        try {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics metrics = g.getFontMetrics();
            int labelWidth = 0;
            for (String label : labels) {
                labelWidth = Math.max(labelWidth, metrics.stringWidth(label));
            }
            int left = Math.min(WIDTH / 2, labelWidth + 16);
            int top = 44;
            int right = 70;
            int bottom = 16;
            double max = 0;
            for (Number value : values) {
                max = Math.max(max, value.doubleValue());
            }
            int count = Math.max(1, labels.size());
            double slot = (HEIGHT - top - bottom) / (double) count;
            int barHeight = (int) Math.max(2, Math.min(28, slot * 0.75));
            int plotWidth = WIDTH - left - right;
            for (int i = 0; i < labels.size(); i++) {
                double value = values.get(i).doubleValue();
                int y = (int) (top + i * slot + (slot - barHeight) / 2);
                int width = max > 0 ? (int) Math.round(plotWidth * value / max) : 0;
                g.setColor(BAR);
                g.fillRect(left, y, width, barHeight);
                g.setColor(Color.BLACK);
                String label = labels.get(i);
                g.drawString(label, left - 8 - metrics.stringWidth(label), y + barHeight / 2 + metrics.getAscent() / 2 - 1);
                g.drawString(number(value), left + width + 6, y + barHeight / 2 + metrics.getAscent() / 2 - 1);
            }
            g.setColor(Color.GRAY);
            g.drawLine(left, top - 4, left, HEIGHT - bottom);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A histogram of {@code values} in {@code bins} equal-width bins between their minimum and maximum. */
    public static BufferedImage histogram(String title, String axisLabel, double[] values, int bins) {
        requireNonNull(values, "values is null");
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            low = Math.min(low, value);
            high = Math.max(high, value);
        }
        if (values.length == 0) {
            low = 0;
            high = 1;
        }
        return histogram(title, axisLabel, values, bins, low, high);
    }

    /** A histogram with fixed bounds; values outside [low, high] are counted in the first or last bin. */
    public static BufferedImage histogram(String title, String axisLabel, double[] values, int bins, double low,
            double high) {
        requireNonNull(title, "title is null");
        requireNonNull(axisLabel, "axisLabel is null");
        requireNonNull(values, "values is null");
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        if (!(high >= low)) {
            throw new IllegalArgumentException("high must be >= low, got low=" + low + " high=" + high);
        }
        double span = high > low ? high - low : 1.0;
        long[] counts = new long[bins];
        for (double value : values) {
            int bin = (int) Math.floor((value - low) / span * bins);
            counts[Math.max(0, Math.min(bins - 1, bin))]++;
        }
        long most = 1;
        for (long count : counts) {
            most = Math.max(most, count);
        }
        long step = (most + 3) / 4; // whole-number ticks: the y axis goes to 4 x step
        long axisTop = 4 * step;
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image, title + String.format(Locale.ROOT, "  (n=%,d)", values.length));
        try {
            int left = 60;
            int right = 20;
            int top = 44;
            int bottom = 56;
            int plotWidth = WIDTH - left - right;
            int plotHeight = HEIGHT - top - bottom;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            FontMetrics metrics = g.getFontMetrics();
            for (int i = 0; i <= 4; i++) {
                int y = top + plotHeight - plotHeight * i / 4;
                g.setColor(GRID);
                g.drawLine(left, y, left + plotWidth, y);
                g.setColor(Color.BLACK);
                String tick = number(step * i);
                g.drawString(tick, left - 6 - metrics.stringWidth(tick), y + 4);
            }
            double binWidth = plotWidth / (double) bins;
            for (int i = 0; i < bins; i++) {
                int height = (int) Math.round(plotHeight * counts[i] / (double) axisTop);
                int x = (int) Math.round(left + i * binWidth);
                int nextX = (int) Math.round(left + (i + 1) * binWidth);
                g.setColor(BAR);
                g.fillRect(x, top + plotHeight - height, Math.max(1, nextX - x - 1), height);
            }
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1));
            g.drawLine(left, top + plotHeight, left + plotWidth, top + plotHeight);
            int ticks = Math.min(bins, 5);
            for (int i = 0; i <= ticks; i++) {
                double value = low + span * i / ticks;
                int x = left + plotWidth * i / ticks;
                String tick = span >= 10 ? number(Math.rint(value)) : String.format(Locale.ROOT, "%.3f", value);
                g.drawLine(x, top + plotHeight, x, top + plotHeight + 4);
                g.drawString(tick, x - metrics.stringWidth(tick) / 2, top + plotHeight + 17);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            int labelWidth = g.getFontMetrics().stringWidth(axisLabel);
            g.drawString(axisLabel, left + plotWidth / 2 - labelWidth / 2, HEIGHT - 14);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Graphics2D canvas(BufferedImage image, String title) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 12, 24);
        return g;
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.3f", value);
    }
}
