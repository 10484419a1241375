package io.tidewatch.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn with XChart in one house style: white ground, light horizontal grid, legend below,
 * class colours from {@link ClassPalette}. Titles live in the page, next to each chart, so they are text a reader
 * (and a test) can find; axes are titled on the chart itself.
 */
final class ReportCharts {

    /** Benign and unlabelled points drawn at most; beyond it they are thinned evenly. */
    static final int MAX_BENIGN_POINTS = 20_000;
    /** Points drawn at most per attack class (a flood can have millions of flows; the shape shows with fewer). */
    static final int MAX_CLASS_POINTS = 10_000;
    static final int WIDE = 1120;
    static final int HALF = 548;

    private static final Color GRID = new Color(0xE4E7EB);
    private static final Color AXIS_TEXT = new Color(0x52606D);
    private static final Color THRESHOLD = new Color(0xB42318);
    private static final BasicStroke DASHED = new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {6f, 4f}, 0f);
    private static final BasicStroke DOTTED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {2f, 3f}, 0f);

    private final DemoResults results;
    private final DetectionQuality quality;
    private final ClassPalette palette;

    ReportCharts(DemoResults results, DetectionQuality quality, ClassPalette palette) {
        this.results = results;
        this.quality = quality;
        this.palette = palette;
    }

    /** Every flow's score against its time; attack periods shaded, the threshold and the end of burn-in drawn. */
    XYChart scoreOverTime() {
        XYChart chart = chart(WIDE, 430, "time (UTC)", "flow score");
        XYStyler s = chart.getStyler();
        s.setDatePattern(spanMs() > 2 * 3_600_000L ? "dd HH:mm" : "HH:mm:ss");
        s.setTimezone(TimeZone.getTimeZone("UTC"));
        s.setLocale(Locale.ROOT);
        s.setYAxisMin(0.0);
        s.setYAxisMax(1.0);
        s.setMarkerSize(4);
        SeriesNames names = new SeriesNames(chart);
        List<ObservedFlow> flows = results.flows();
        if (flows.isEmpty()) {
            throw new IllegalArgumentException("no flows: a score-over-time chart needs at least one");
        }
        long gap = AttackPeriods.gapFor(spanMs());
        for (DetectionQuality.ClassQuality c : quality.perClass()) {
            long[] times = flows.stream().filter(f -> f.truth().map(t -> t.malicious()
                    && t.displayClass().equals(c.attackClass())).orElse(false)).mapToLong(ObservedFlow::timeMs)
                    .toArray();
            // All of a class's periods in one polygon: rectangles joined along the zero line, which adds no area.
            List<Date> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (long[] p : AttackPeriods.of(times, gap)) {
                x.addAll(List.of(new Date(p[0]), new Date(p[0]), new Date(p[1]), new Date(p[1])));
                y.addAll(List.of(0.0, 1.0, 1.0, 0.0));
            }
            XYSeries band = names.add(c.attackClass() + " periods", x, y);
            band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
            band.setFillColor(ClassPalette.withAlpha(palette.of(c.attackClass()), 30));
            band.setLineColor(ClassPalette.withAlpha(palette.of(c.attackClass()), 0));
            band.setMarker(SeriesMarkers.NONE);
            band.setShowInLegend(false);
        }
        // Benign and unlabelled flows are the bulk: beyond a cap every stride-th is drawn, plus every one over the
        // threshold, so false alarms still show. Attack classes are thinned the same way past their own cap.
        long quietCount = flows.stream().filter(f -> f.truth().map(t -> !t.malicious()).orElse(true)).count();
        int stride = (int) Math.max(1, (quietCount + MAX_BENIGN_POINTS - 1) / MAX_BENIGN_POINTS);
        List<Date> benX = new ArrayList<>();
        List<Double> benY = new ArrayList<>();
        List<Date> unX = new ArrayList<>();
        List<Double> unY = new ArrayList<>();
        Map<String, List<Date>> atkX = new LinkedHashMap<>();
        Map<String, List<Double>> atkY = new LinkedHashMap<>();
        for (DetectionQuality.ClassQuality c : quality.perClass()) {
            atkX.put(c.attackClass(), new ArrayList<>());
            atkY.put(c.attackClass(), new ArrayList<>());
        }
        Map<String, long[]> classSeen = new LinkedHashMap<>();
        for (DetectionQuality.ClassQuality c : quality.perClass()) {
            // {flows seen so far, stride}
            classSeen.put(c.attackClass(), new long[] {0, Math.max(1, (c.flows() + MAX_CLASS_POINTS - 1)
                    / MAX_CLASS_POINTS)});
        }
        long quietSeen = 0;
        for (ObservedFlow f : flows) {
            Date t = new Date(f.timeMs());
            if (f.truth().isPresent() && f.truth().get().malicious()) {
                String c = f.truth().get().displayClass();
                long[] seen = classSeen.get(c);
                if (seen[0]++ % seen[1] == 0) {
                    atkX.get(c).add(t);
                    atkY.get(c).add(f.score());
                }
            } else if (quietSeen++ % stride == 0 || f.score() >= results.alertThreshold()) {
                (f.truth().isEmpty() ? unX : benX).add(t);
                (f.truth().isEmpty() ? unY : benY).add(f.score());
            }
        }
        if (!benX.isEmpty()) {
            scatter(names.add("benign flows", benX, benY), ClassPalette.withAlpha(ClassPalette.BENIGN, 120));
        }
        if (!unX.isEmpty()) {
            scatter(names.add("unlabelled flows", unX, unY), ClassPalette.withAlpha(ClassPalette.UNLABELLED, 150));
        }
        for (Map.Entry<String, List<Date>> e : atkX.entrySet()) {
            scatter(names.add(e.getKey(), e.getValue(), atkY.get(e.getKey())),
                    ClassPalette.withAlpha(palette.of(e.getKey()), 210));
        }
        Date first = new Date(flows.get(0).timeMs());
        Date last = new Date(Math.max(flows.get(flows.size() - 1).timeMs(), flows.get(0).timeMs() + 1));
        line(names.add("alert threshold " + Formats.metric(results.alertThreshold()), List.of(first, last),
                List.of(results.alertThreshold(), results.alertThreshold())), THRESHOLD, DASHED);
        flows.stream().filter(ObservedFlow::burnIn).mapToLong(ObservedFlow::timeMs).max().ifPresent(end ->
                line(names.add("burn-in ends", List.of(new Date(end), new Date(end)), List.of(0.0, 1.0)),
                        ClassPalette.INK, DOTTED));
        return chart;
    }

    private long spanMs() {
        List<ObservedFlow> flows = results.flows();
        return flows.isEmpty() ? 0 : flows.get(flows.size() - 1).timeMs() - flows.get(0).timeMs();
    }

    /** ROC curve of each attack class against benign, AUC in the legend; chance as the diagonal. */
    XYChart rocCurves() {
        XYChart chart = chart(HALF, 460, "false positive rate (benign flows flagged)",
                "true positive rate (attack flows caught)");
        XYStyler s = chart.getStyler();
        s.setXAxisMin(0.0);
        s.setXAxisMax(1.0);
        s.setYAxisMin(0.0);
        s.setYAxisMax(1.0);
        s.setPlotGridVerticalLinesVisible(true);
        // The lower right of a ROC plot is empty for any useful score: the legend goes there.
        s.setLegendPosition(Styler.LegendPosition.InsideSE);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
        s.setLegendBorderColor(new Color(0xE4E7EB));
        SeriesNames names = new SeriesNames(chart);
        line(names.add("chance (AUC 0.500)", new double[] {0, 1}, new double[] {0, 1}), ClassPalette.BENIGN, DASHED);
        List<DetectionQuality.ClassQuality> rows = new ArrayList<>(quality.perClass());
        quality.allAttacks().ifPresent(rows::add);
        for (DetectionQuality.ClassQuality c : rows) {
            quality.rocCurve(c.attackClass()).ifPresent(curve -> {
                double[][] xy = curve.plotPoints(400);
                boolean pooled = c.attackClass().equals(DetectionQuality.ALL_ATTACKS);
                line(names.add(c.attackClass() + " (AUC " + Formats.metric(c.rocAuc()) + ")", xy[0], xy[1]),
                        palette.of(c.attackClass()), new BasicStroke(pooled ? 2.6f : 1.8f));
            });
        }
        return chart;
    }

    /** Histograms of scores after burn-in: benign and malicious, each as a share of its own flows. */
    XYChart scoreDistributions(int bins) {
        XYChart chart = chart(HALF, 460, "flow score", "share of the class's flows (%)");
        XYStyler s = chart.getStyler();
        s.setXAxisMin(0.0);
        s.setXAxisMax(1.0);
        s.setYAxisMin(0.0);
        SeriesNames names = new SeriesNames(chart);
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = (double) i / bins;
        }
        double[] benign = histogram(f -> f.truth().map(t -> !t.malicious()).orElse(false), bins);
        double[] malicious = histogram(f -> f.truth().map(GroundTruth::malicious).orElse(false), bins);
        double top = 0;
        for (int i = 0; i < bins; i++) {
            top = Math.max(top, Math.max(benign[i], malicious[i]));
        }
        step(names.add("benign", edges, benign), ClassPalette.BENIGN);
        step(names.add("malicious", edges, malicious), new Color(0xE15759));
        line(names.add("alert threshold " + Formats.metric(results.alertThreshold()),
                new double[] {results.alertThreshold(), results.alertThreshold()},
                new double[] {0, Math.max(top, 1) * 1.05}), THRESHOLD, DASHED);
        return chart;
    }

    /** Per-bin percentages (the last value repeated, as XChart's step series needs one point per edge). */
    private double[] histogram(java.util.function.Predicate<ObservedFlow> which, int bins) {
        double[] h = new double[bins + 1];
        long n = 0;
        for (ObservedFlow f : results.flows()) {
            if (!f.burnIn() && which.test(f)) {
                h[Math.min(bins - 1, (int) (f.score() * bins))]++;
                n++;
            }
        }
        for (int i = 0; i < bins; i++) {
            h[i] = n == 0 ? 0 : 100.0 * h[i] / n;
        }
        h[bins] = h[bins - 1];
        return h;
    }

    /** F1, ROC AUC and accuracy against labelled examples seen; drift signals as vertical lines. */
    XYChart modelMetrics() {
        XYChart chart = chart(WIDE, 380, "labelled examples learned", "metric (progressive validation)");
        XYStyler s = chart.getStyler();
        s.setYAxisMin(0.0);
        s.setYAxisMax(1.0);
        s.setMarkerSize(5);
        SeriesNames names = new SeriesNames(chart);
        List<LearningPoint> curve = results.learningCurve();
        metric(names, "F1 (malicious)", curve, LearningPoint::f1, ClassPalette.ACCENT);
        metric(names, "ROC AUC", curve, LearningPoint::rocAuc, new Color(0xF28E2B));
        metric(names, "accuracy", curve, LearningPoint::accuracy, new Color(0x59A14F));
        boolean first = true;
        for (DriftEvent d : results.driftEvents()) {
            XYSeries v = names.add("drift signalled", new double[] {d.examplesSeen(), d.examplesSeen()},
                    new double[] {0, 1});
            line(v, THRESHOLD, DASHED);
            v.setShowInLegend(first);
            first = false;
            // The legend says "drift signalled"; the label says which signal (drift or warning).
            chart.addAnnotation(new AnnotationText(d.signal(), d.examplesSeen(), 0.06, false));
        }
        if (curve.isEmpty() && results.driftEvents().isEmpty()) {
            XYSeries none = names.add("no labels fed", new double[] {0, 1}, new double[] {0, 0});
            line(none, ClassPalette.BENIGN, DOTTED);
        }
        return chart;
    }

    private void metric(SeriesNames names, String label, List<LearningPoint> curve,
                        ToDoubleFunction<LearningPoint> value, Color colour) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (LearningPoint p : curve) {
            double v = value.applyAsDouble(p);
            if (!Double.isNaN(v)) {
                x.add((double) p.examplesSeen());
                y.add(v);
            }
        }
        if (x.isEmpty()) {
            return;
        }
        XYSeries series = names.add(label, x, y);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setMarker(x.size() > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        series.setLineWidth(2f);
    }

    private static XYChart chart(int width, int height, String xTitle, String yTitle) {
        XYChart chart = new XYChart(width, height);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        XYStyler s = chart.getStyler();
        s.setChartTitleVisible(false);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setPlotGridVerticalLinesVisible(false);
        s.setAxisTickMarksColor(GRID);
        s.setAxisTickLabelsColor(AXIS_TEXT);
        s.setXAxisTitleColor(AXIS_TEXT);
        s.setYAxisTitleColor(AXIS_TEXT);
        s.setChartFontColor(ClassPalette.INK);
        s.setBaseFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendBackgroundColor(Color.WHITE);
        s.setChartPadding(10);
        s.setPlotMargin(6);
        s.setAntiAlias(true);
        s.setToolTipsEnabled(false);
        s.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
        s.setAnnotationTextFontColor(THRESHOLD);
        s.setXAxisDecimalPattern("#,##0.##");
        s.setYAxisDecimalPattern("0.0#");
        return chart;
    }

    private static void scatter(XYSeries series, Color colour) {
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(colour);
    }

    private static void line(XYSeries series, Color colour, BasicStroke stroke) {
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(colour);
        series.setLineStyle(stroke);
    }

    private static void step(XYSeries series, Color colour) {
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.StepArea);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(colour);
        series.setFillColor(ClassPalette.withAlpha(colour, 90));
        series.setLineWidth(1.6f);
    }

    /**
     * XChart keys series by name and refuses duplicates; labels come from the data (attack classes) and could
     * collide with ours, so series get internal names and the text is shown as their legend label.
     */
    private static final class SeriesNames {

        private final XYChart chart;
        private int next;

        SeriesNames(XYChart chart) {
            this.chart = chart;
        }

        XYSeries add(String label, List<?> x, List<? extends Number> y) {
            XYSeries s = chart.addSeries("s" + next++, x, y);
            s.setLabel(label);
            return s;
        }

        XYSeries add(String label, double[] x, double[] y) {
            XYSeries s = chart.addSeries("s" + next++, x, y);
            s.setLabel(label);
            return s;
        }
    }
}
