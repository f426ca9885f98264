package org.hrsnn.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** XChart charts in one style, and how they are written: PNG (and SVG for single charts), headless. */
public final class Charts {
    static {
        System.setProperty("java.awt.headless", "true"); // no display is needed, nor used when there is one
    }

    private Charts() {}

    /** A written figure: its file name stem, title, caption and the files beside the report. */
    public record Figure(String name, String title, String caption, String png, String svg) {}

    /** Colours by role, readable for common colour-vision deficiencies (Okabe-Ito). */
    public static final Color BLUE = new Color(0, 114, 178), ORANGE = new Color(230, 159, 0), GREEN = new Color(0, 158, 115),
            RED = new Color(213, 94, 0), PURPLE = new Color(204, 121, 167), SKY = new Color(86, 180, 233), GREY = new Color(120, 120, 120),
            BLACK = Color.BLACK, YELLOW = new Color(240, 228, 66);
    static final Color[] CYCLE = {BLUE, ORANGE, GREEN, RED, PURPLE, SKY, YELLOW, GREY};

    public static XYChart xy(String title, String x, String y, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(x).yAxisTitle(y).build();
        style(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setMarkerSize(6);
        return c;
    }

    public static CategoryChart bars(String title, String x, String y, int width, int height) {
        CategoryChart c = new CategoryChartBuilder().width(width).height(height).title(title).xAxisTitle(x).yAxisTitle(y).build();
        style(c.getStyler());
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisLabelRotation(60);
        return c;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleBoxVisible(false);
        s.setLegendBorderColor(Color.WHITE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setSeriesColors(CYCLE);
        s.setAntiAlias(true);
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setPlotGridLinesColor(new Color(225, 225, 225));
            a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            a.setPlotBorderVisible(false);
        }
    }

    /** Points without a line. */
    public static XYSeries points(XYChart c, String name, double[] x, double[] y, Color color, boolean filled) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(filled ? SeriesMarkers.CIRCLE : SeriesMarkers.SQUARE);
        s.setMarkerColor(color);
        return s;
    }

    /** A line without markers. */
    public static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color, float width) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(width);
        return s;
    }

    /** A dashed horizontal line across [x0, x1]. */
    public static XYSeries level(XYChart c, String name, double x0, double x1, double y, Color color) {
        XYSeries s = line(c, name, new double[] {x0, x1}, new double[] {y, y}, color, 1.5f);
        s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        return s;
    }

    /** A filled band between {@code low} and {@code high} (a polygon: along high, back along low). */
    public static XYSeries band(XYChart c, String name, double[] x, double[] low, double[] high, Color color) {
        int n = x.length;
        double[] px = new double[2 * n], py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = x[i];
            py[i] = high[i];
            px[2 * n - 1 - i] = x[i];
            py[2 * n - 1 - i] = low[i];
        }
        XYSeries s = c.addSeries(name, px, py);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setMarker(SeriesMarkers.NONE);
        Color fill = new Color(color.getRed(), color.getGreen(), color.getBlue(), 60);
        s.setFillColor(fill);
        s.setLineColor(fill);
        return s;
    }

    /** A colour for {@code t} in [0, 1] on a perceptually ordered dark-blue to yellow scale (viridis, 5 stops). */
    public static Color scale(double t) {
        double[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        double u = Math.max(0, Math.min(1, Double.isFinite(t) ? t : 0)) * (stops.length - 1);
        int k = Math.min(stops.length - 2, (int) Math.floor(u));
        double f = u - k;
        return new Color((int) Math.round(stops[k][0] + f * (stops[k + 1][0] - stops[k][0])),
                (int) Math.round(stops[k][1] + f * (stops[k + 1][1] - stops[k][1])),
                (int) Math.round(stops[k][2] + f * (stops[k + 1][2] - stops[k][2])));
    }

    /** Writes {@code chart} as NAME.png and NAME.svg in {@code dir}. */
    public static Figure save(Chart<?, ?> chart, Path dir, String name, String title, String caption) throws IOException {
        Files.createDirectories(dir);
        BitmapEncoder.saveBitmap(chart, dir.resolve(name + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, dir.resolve(name + ".svg").toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return new Figure(name, title, caption, name + ".png", name + ".svg");
    }

    /** Writes several charts as one grid PNG, {@code columns} across (XChart writes no SVG of a grid). */
    public static <T extends Chart<?, ?>> Figure grid(List<T> charts, int columns, Path dir, String name, String title, String caption) throws IOException {
        Files.createDirectories(dir);
        writeGrid(charts, columns, dir.resolve(name + ".png"));
        return new Figure(name, title, caption, name + ".png", null);
    }

    /** Charts drawn in rows of {@code columns}, each row as tall as its tallest chart, on white, written as PNG. */
    public static <T extends Chart<?, ?>> void writeGrid(List<T> charts, int columns, Path png) throws IOException {
        int rows = (charts.size() + columns - 1) / columns, width = 0, height = 0;
        int[] rowHeight = new int[rows];
        for (int r = 0; r < rows; r++) {
            int w = 0;
            for (int k = r * columns; k < Math.min(charts.size(), (r + 1) * columns); k++) {
                w += charts.get(k).getWidth();
                rowHeight[r] = Math.max(rowHeight[r], charts.get(k).getHeight());
            }
            width = Math.max(width, w);
            height += rowHeight[r];
        }
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int y = 0;
        for (int r = 0; r < rows; r++) {
            int x = 0;
            for (int k = r * columns; k < Math.min(charts.size(), (r + 1) * columns); k++) {
                g.drawImage(BitmapEncoder.getBufferedImage(charts.get(k)), x, y, null);
                x += charts.get(k).getWidth();
            }
            y += rowHeight[r];
        }
        g.dispose();
        Path abs = png.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        if (!javax.imageio.ImageIO.write(img, "png", abs.toFile())) throw new IOException("no PNG writer for " + png);
    }
}
