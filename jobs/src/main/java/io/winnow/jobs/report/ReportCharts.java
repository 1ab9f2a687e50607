package io.winnow.jobs.report;

import io.winnow.core.run.StageCounts;
import io.winnow.core.run.StageResult;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** The report's charts (JFreeChart), rendered to PNG bytes. */
final class ReportCharts {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static final Color KEPT = new Color(0x2E7D32);
    private static final Color DROPPED = new Color(0xF9A825);
    private static final Color QUARANTINED = new Color(0xC62828);

    private ReportCharts() {}

    /** Kept, dropped and quarantined rows per stage, stacked: each bar is the stage's input. */
    static byte[] stageCounts(List<StageResult> results) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (StageResult result : results) {
            StageCounts counts = result.counts();
            dataset.addValue(counts.kept(), "kept", result.stage());
            dataset.addValue(counts.dropped(), "dropped", result.stage());
            dataset.addValue(counts.quarantined(), "quarantined", result.stage());
        }
        JFreeChart chart = ChartFactory.createStackedBarChart("Rows per stage", "stage", "rows", dataset,
                PlotOrientation.VERTICAL, true, false, false);
        BarRenderer renderer = styled(chart);
        ((CategoryPlot) chart.getPlot()).getDomainAxis().setMaximumCategoryLabelWidthRatio(1.5f);
        renderer.setSeriesPaint(0, KEPT);
        renderer.setSeriesPaint(1, DROPPED);
        renderer.setSeriesPaint(2, QUARANTINED);
        return png(chart);
    }

    /** One bar per label, in the map's order (a histogram when the labels are bucket ranges). */
    static byte[] bars(String title, String labelAxis, String valueAxis, Map<String, Long> values) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        values.forEach((label, value) -> dataset.addValue(value, valueAxis, label));
        JFreeChart chart = ChartFactory.createBarChart(title, labelAxis, valueAxis, dataset, PlotOrientation.VERTICAL,
                false, false, false);
        styled(chart).setSeriesPaint(0, new Color(0x1565C0));
        if (values.size() > 6) {
            ((CategoryPlot) chart.getPlot()).getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        return png(chart);
    }

    private static BarRenderer styled(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = (CategoryPlot) chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        return renderer;
    }

    private static byte[] png(JFreeChart chart) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(bytes, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render the chart '" + chart.getTitle().getText() + "' as PNG", e);
        }
        return bytes.toByteArray();
    }
}
