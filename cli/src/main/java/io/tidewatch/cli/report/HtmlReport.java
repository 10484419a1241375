package io.tidewatch.cli.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The demo's report as one self-contained HTML file: inline CSS, charts inlined as PNG data URIs, no script or
 * font from the network, so it opens from disk, from a mail attachment or on an air-gapped analyst workstation.
 *
 * <p>A few lines of inline script set {@code data-plots-loaded} on the body to the number of chart images that
 * decoded, which lets a headless browser prove the page rendered.
 */
public final class HtmlReport {

    /** Top alerts listed in the table. */
    static final int TOP_ALERTS = 20;
    /** Histogram bins over [0, 1]. */
    static final int SCORE_BINS = 20;

    /** Headings of the charts, as they appear in the page (in order). */
    public static final String SCORE_OVER_TIME = "Score over time";
    public static final String ROC_CURVES = "ROC curves per attack class";
    public static final String SCORE_DISTRIBUTIONS = "Score distributions: benign vs malicious";
    public static final String MODEL_METRICS = "Supervised model metrics and drift";

    private HtmlReport() {
    }

    /** Writes the report to {@code file} (UTF-8, parent folders created) and returns the file. */
    public static Path write(DemoResults results, Path file) {
        Objects.requireNonNull(file, "file");
        String html = render(results);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the HTML report to " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** The whole page. */
    public static String render(DemoResults results) {
        Objects.requireNonNull(results, "results");
        DetectionQuality quality = DetectionQuality.of(results);
        ClassPalette palette = new ClassPalette(
                quality.perClass().stream().map(DetectionQuality.ClassQuality::attackClass).toList());
        ReportCharts charts = new ReportCharts(results, quality, palette);
        Page page = new Page();
        page.head(results);
        page.kpis(results, quality);
        page.scoreOverTime(results, charts, quality, palette);
        page.quality(results, charts, quality, palette);
        page.alerts(results, palette);
        page.model(results, charts);
        page.throughput(results.throughput());
        page.foot(results);
        return page.toString();
    }

    /** The page being written: a string builder that knows the report's parts. */
    private static final class Page {

        private final StringBuilder out = new StringBuilder(1 << 20);
        private int plots;

        private Page text(String s) {
            out.append(HtmlText.escape(s));
            return this;
        }

        private Page raw(String s) {
            out.append(s);
            return this;
        }

        void head(DemoResults r) {
            raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                    .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                    .raw("<title>Tidewatch demo report: ").text(r.title()).raw("</title>\n<style>\n")
                    .raw(Stylesheet.CSS).raw("</style>\n</head>\n<body>\n");
            raw("<header class=\"masthead\"><div class=\"wrap\">")
                    .raw("<div class=\"brand\"><span class=\"wave\">&#8776;</span> Tidewatch</div>")
                    .raw("<h1>Demo report</h1><p class=\"subtitle\">").text(r.title());
            if (!r.flows().isEmpty()) {
                raw(" &middot; capture ").text(Formats.dateTime(r.flows().get(0).timeMs())).raw(" to ")
                        .text(Formats.dateTime(r.flows().get(r.flows().size() - 1).timeMs()));
            }
            raw("</p></div></header>\n<main class=\"wrap\">\n");
        }

        void kpis(DemoResults r, DetectionQuality q) {
            long hosts = r.alerts().stream().map(Alert::sourceHost).distinct().count();
            raw("<section class=\"kpis\">\n");
            kpi("Flows scored", Formats.count(r.flows().size()),
                    Formats.count(r.throughput().packets()) + " packets");
            kpi("Alerts", Formats.count(r.alerts().size()), "on " + hosts + (hosts == 1 ? " host" : " hosts"));
            kpi("Attack classes", Integer.toString(q.perClass().size()),
                    r.hasGroundTruth() ? "in the ground truth" : "no ground truth given");
            kpi("ROC AUC, all attacks", q.allAttacks().map(c -> Formats.metric(c.rocAuc())).orElse("-"),
                    q.allAttacks().map(c -> "recall " + Formats.metric(c.recall()) + " at threshold").orElse(""));
            kpi("False alarms", Formats.count(q.falseAlarms()), q.benignEvaluated() > 0
                    ? Formats.percent((double) q.falseAlarms() / q.benignEvaluated()) + " of benign flows" : "");
            kpi("Throughput", Formats.figure(r.throughput().flowsPerSecond()) + " flows/s",
                    Formats.figure(r.throughput().packetsPerSecond()) + " packets/s");
            raw("</section>\n");
        }

        private void kpi(String label, String value, String detail) {
            raw("<div class=\"kpi\"><div class=\"kpi-label\">").text(label).raw("</div><div class=\"kpi-value\">")
                    .text(value).raw("</div><div class=\"kpi-detail\">").text(detail).raw("</div></div>\n");
        }

        void scoreOverTime(DemoResults r, ReportCharts charts, DetectionQuality q, ClassPalette palette) {
            raw("<section class=\"card\">\n");
            heading(SCORE_OVER_TIME);
            long span = r.flows().isEmpty() ? 0
                    : r.flows().get(r.flows().size() - 1).timeMs() - r.flows().get(0).timeMs();
            raw("<p class=\"lede\">Every scored flow, by the time it started. Shaded bands are the attack periods in "
                    + "the ground truth (a class's flows, split where it went quiet for over ")
                    .text(Formats.seconds(AttackPeriods.gapFor(span) / 1000.0))
                    .raw("); the dashed red line is the alert threshold (").text(Formats.metric(r.alertThreshold()))
                    .raw("). Flows before the dotted line "
                    + "were scored during burn-in (").text(Formats.count(r.burnInFlows()))
                    .raw(" flows) and could raise no alert.</p>\n");
            if (!q.perClass().isEmpty()) {
                raw("<div class=\"legend-chips\">");
                for (DetectionQuality.ClassQuality c : q.perClass()) {
                    chip(c.attackClass(), palette);
                    raw("<span class=\"chip-note\">").text(Formats.clock(c.firstMs())).raw("&ndash;")
                            .text(Formats.clock(c.lastMs())).raw("</span>");
                }
                raw("</div>\n");
            }
            if (r.flows().isEmpty()) {
                empty("No flow was scored.");
            } else {
                plot(charts.scoreOverTime(), SCORE_OVER_TIME);
            }
            raw("</section>\n");
        }

        void quality(DemoResults r, ReportCharts charts, DetectionQuality q, ClassPalette palette) {
            raw("<div class=\"grid2\">\n<section class=\"card\">\n");
            heading(ROC_CURVES);
            raw("<p class=\"lede\">Each class's flows against benign flows, after burn-in. The further a curve "
                    + "bows to the top left, the better the score ranks that attack above normal traffic.</p>\n");
            boolean measurable = q.allAttacks().isPresent() && q.benignEvaluated() > 0;
            if (measurable) {
                plot(charts.rocCurves(), ROC_CURVES);
            } else {
                empty("No ground truth with both attack and benign flows: nothing to draw.");
            }
            raw("</section>\n<section class=\"card\">\n");
            heading(SCORE_DISTRIBUTIONS);
            raw("<p class=\"lede\">Histograms of flow scores after burn-in, each as a share of its own flows, so "
                    + "the rare attacks are as visible as the many benign flows.</p>\n");
            if (measurable) {
                plot(charts.scoreDistributions(SCORE_BINS), SCORE_DISTRIBUTIONS);
            } else {
                empty("No ground truth with both attack and benign flows: nothing to draw.");
            }
            raw("</section>\n</div>\n");

            raw("<section class=\"card\">\n");
            heading("Detection quality per attack class");
            raw("<p class=\"lede\">Labelled flows after burn-in. ROC AUC: chance that a flow of the class outscores "
                    + "a benign flow. Precision and recall at the alert threshold (")
                    .text(Formats.metric(r.alertThreshold()))
                    .raw("), each class against benign flows.</p>\n");
            if (q.allAttacks().isEmpty()) {
                empty(r.hasGroundTruth() ? "No flow was labelled malicious." : "No ground truth was given.");
                raw("</section>\n");
                return;
            }
            raw("<table class=\"data\"><thead><tr><th>class</th><th class=\"num\">flows</th>"
                    + "<th class=\"num\">after burn-in</th><th class=\"num\">ROC AUC</th><th class=\"num\">precision"
                    + "</th><th class=\"num\">recall</th><th class=\"num\">detected</th><th>period (UTC)</th>"
                    + "</tr></thead>\n<tbody>\n");
            for (DetectionQuality.ClassQuality c : q.perClass()) {
                qualityRow(c, palette, "");
            }
            qualityRow(q.allAttacks().get(), palette, " class=\"total\"");
            raw("<tr class=\"benign\"><td>");
            chip("benign", palette);
            raw("</td><td class=\"num\">").text(Formats.count(q.benignFlows())).raw("</td><td class=\"num\">")
                    .text(Formats.count(q.benignEvaluated())).raw("</td><td colspan=\"5\" class=\"muted\">")
                    .text(Formats.count(q.falseAlarms()) + " at or above the threshold (false alarms)")
                    .raw("</td></tr>\n");
            raw("</tbody></table>\n");
            if (q.unlabelledFlows() > 0) {
                raw("<p class=\"muted small\">").text(Formats.count(q.unlabelledFlows()))
                        .raw(" flows had no ground truth and are left out of these figures.</p>\n");
            }
            detectors(DetectorQuality.of(r, q), palette);
            raw("</section>\n");
        }

        private void detectors(DetectorQuality d, ClassPalette palette) {
            if (d.detectors().isEmpty()) {
                return;
            }
            raw("<h3>Which detector sees which attack</h3>\n<p class=\"lede\">ROC AUC of each detector's own "
                    + "calibrated score, class against benign. The combined score draws on all of them.</p>\n");
            raw("<table class=\"data compact\"><thead><tr><th>class</th>");
            for (String name : d.detectors()) {
                raw("<th class=\"num\">").text(name).raw("</th>");
            }
            raw("</tr></thead>\n<tbody>\n");
            for (String c : d.classes()) {
                raw(c.equals(DetectionQuality.ALL_ATTACKS) ? "<tr class=\"total\"><td>" : "<tr><td>");
                chip(c, palette);
                raw("</td>");
                double best = d.detectors().stream().mapToDouble(n -> d.auc(c, n)).filter(v -> !Double.isNaN(v))
                        .max().orElse(Double.NaN);
                for (String name : d.detectors()) {
                    double v = d.auc(c, name);
                    raw(v == best ? "<td class=\"num best\">" : "<td class=\"num\">").text(Formats.metric(v))
                            .raw("</td>");
                }
                raw("</tr>\n");
            }
            raw("</tbody></table>\n");
        }

        private void qualityRow(DetectionQuality.ClassQuality c, ClassPalette palette, String rowClass) {
            raw("<tr").raw(rowClass).raw("><td>");
            chip(c.attackClass(), palette);
            raw("</td><td class=\"num\">").text(Formats.count(c.flows()))
                    .raw("</td><td class=\"num\">").text(Formats.count(c.evaluated()))
                    .raw("</td><td class=\"num\">").raw(meter(c.rocAuc()))
                    .raw("</td><td class=\"num\">").text(Formats.metric(c.precision()))
                    .raw("</td><td class=\"num\">").text(Formats.metric(c.recall()))
                    .raw("</td><td class=\"num\">").text(Formats.count(c.detected()))
                    .raw("</td><td class=\"muted\">").text(Formats.clock(c.firstMs()) + " – "
                            + Formats.clock(c.lastMs())).raw("</td></tr>\n");
        }

        void alerts(DemoResults r, ClassPalette palette) {
            raw("<section class=\"card\">\n");
            heading("Top alerts");
            List<Alert> top = new ArrayList<>(r.alerts());
            top.sort(Comparator.comparingDouble(Alert::maxScore).reversed().thenComparingLong(Alert::timeMs));
            raw("<p class=\"lede\">The ").text(Integer.toString(Math.min(TOP_ALERTS, top.size())))
                    .raw(" highest-scoring of ").text(Formats.count(r.alerts().size()))
                    .raw(" alerts, with the reasons the scorer gave: each compares what a feature was with what is "
                            + "usual for it.</p>\n");
            if (top.isEmpty()) {
                empty("No flow scored above the alert threshold after burn-in.");
                raw("</section>\n");
                return;
            }
            raw("<table class=\"data alerts\"><thead><tr><th>time (UTC)</th><th>source host</th><th>class</th>"
                    + "<th class=\"num\">flows</th><th>max score</th><th>why</th></tr></thead>\n<tbody>\n");
            for (Alert a : top.subList(0, Math.min(TOP_ALERTS, top.size()))) {
                raw("<tr><td class=\"mono\">").text(Formats.clock(a.timeMs()))
                        .raw("</td><td class=\"mono host\">").text(a.sourceHost()).raw("</td><td>");
                chip(a.displayClass(), palette);
                raw("</td><td class=\"num\">").text(Formats.count(a.count())).raw("</td><td>")
                        .raw(meter(a.maxScore())).raw("</td><td><ul class=\"reasons\">");
                if (a.reasons().isEmpty()) {
                    raw("<li class=\"muted\">no reason given</li>");
                }
                for (String reason : a.reasons()) {
                    raw("<li>").text(reason).raw("</li>");
                }
                raw("</ul></td></tr>\n");
            }
            raw("</tbody></table>\n</section>\n");
        }

        void model(DemoResults r, ReportCharts charts) {
            raw("<section class=\"card\">\n");
            heading(MODEL_METRICS);
            raw("<p class=\"lede\">The supervised model learns from the labels an analyst feeds; each figure is "
                    + "measured on examples before the model learned from them (progressive validation). Dashed "
                    + "red lines mark drift signals.</p>\n");
            if (r.learningCurve().isEmpty()) {
                empty("No labels were fed: the supervised model did not learn in this run.");
            } else {
                plot(charts.modelMetrics(), MODEL_METRICS);
                raw("<table class=\"data compact\"><thead><tr><th class=\"num\">examples</th>"
                        + "<th class=\"num\">accuracy</th><th class=\"num\">precision</th><th class=\"num\">recall"
                        + "</th><th class=\"num\">F1</th><th class=\"num\">ROC AUC</th><th class=\"num\">kappa</th>"
                        + "<th class=\"num\">model version</th></tr></thead>\n<tbody>\n");
                for (LearningPoint p : TerminalSummary.sample(r.learningCurve(), 8)) {
                    raw("<tr><td class=\"num\">").text(Formats.count(p.examplesSeen()));
                    for (double v : new double[] {p.accuracy(), p.precision(), p.recall(), p.f1(), p.rocAuc(),
                        p.kappa()}) {
                        raw("</td><td class=\"num\">").text(Formats.metric(v));
                    }
                    raw("</td><td class=\"num\">").text(Long.toString(p.modelVersion())).raw("</td></tr>\n");
                }
                raw("</tbody></table>\n");
            }
            raw("<h3>Drift events</h3>\n");
            if (r.driftEvents().isEmpty()) {
                empty("No drift was signalled.");
            } else {
                raw("<table class=\"data compact\"><thead><tr><th>time (UTC)</th><th class=\"num\">after examples"
                        + "</th><th>detector</th><th>signal</th><th>action</th></tr></thead>\n<tbody>\n");
                for (DriftEvent d : r.driftEvents()) {
                    raw("<tr><td class=\"mono\">").text(Formats.clock(d.timeMs())).raw("</td><td class=\"num\">")
                            .text(Formats.count(d.examplesSeen())).raw("</td><td>").text(d.detector())
                            .raw("</td><td><span class=\"signal\">").text(d.signal()).raw("</span></td><td>")
                            .text(d.action()).raw("</td></tr>\n");
                }
                raw("</tbody></table>\n");
            }
            raw("</section>\n");
        }

        void throughput(Throughput t) {
            raw("<section class=\"card\">\n");
            heading("Throughput");
            raw("<table class=\"data compact figures\"><tbody>\n");
            figure("packets", Formats.count(t.packets()), "");
            figure("flows", Formats.count(t.flows()), "");
            figure("elapsed", Formats.seconds(t.elapsedSeconds()), "");
            figure("packets per second", Formats.figure(t.packetsPerSecond()), "packets/s");
            figure("flows per second", Formats.figure(t.flowsPerSecond()), "flows/s");
            for (Throughput.Figure f : t.figures()) {
                figure(f.name(), Formats.figure(f.value()), f.unit());
            }
            raw("</tbody></table>\n</section>\n");
        }

        private void figure(String name, String value, String unit) {
            raw("<tr><th>").text(name).raw("</th><td class=\"num\">").text(value).raw("</td><td class=\"muted\">")
                    .text(unit).raw("</td></tr>\n");
        }

        void foot(DemoResults r) {
            raw("</main>\n<footer class=\"wrap\">Tidewatch demo report &middot; ")
                    .text(Formats.count(r.flows().size())).raw(" flows, alert threshold ")
                    .text(Formats.metric(r.alertThreshold())).raw(", burn-in ").text(Formats.count(r.burnInFlows()))
                    .raw(" flows &middot; charts drawn with XChart &middot; this page loads nothing from the "
                            + "network.</footer>\n");
            // Counted on load: a headless browser's dumped DOM then shows how many charts really decoded.
            raw("<script>window.addEventListener('load',function(){var n=0;"
                    + "document.querySelectorAll('img.plot').forEach(function(i){"
                    + "if(i.complete&&i.naturalWidth>0){n++;}});"
                    + "document.body.dataset.plotsLoaded=String(n);});</script>\n");
            out.insert(out.indexOf("<body>") + "<body".length(), " data-plots-expected=\"" + plots + "\"");
            raw("</body>\n</html>\n");
        }

        private void heading(String title) {
            raw("<h2>").text(title).raw("</h2>\n");
        }

        private void plot(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, String title) {
            ChartImage image = ChartImage.of(chart);
            raw("<figure><img class=\"plot\" src=\"").raw(image.dataUri()).raw("\" width=\"")
                    .raw(Integer.toString(image.width())).raw("\" height=\"").raw(Integer.toString(image.height()))
                    .raw("\" alt=\"").text(title).raw("\"></figure>\n");
            plots++;
        }

        private void empty(String message) {
            raw("<p class=\"empty\">").text(message).raw("</p>\n");
        }

        private void chip(String attackClass, ClassPalette palette) {
            raw("<span class=\"chip\"><span class=\"swatch\" style=\"background:")
                    .raw(ClassPalette.css(palette.of(attackClass))).raw("\"></span>").text(attackClass)
                    .raw("</span>");
        }

        /** A value in [0, 1] as a number with a small bar, so a column of scores reads at a glance. */
        private static String meter(double v) {
            if (Double.isNaN(v)) {
                return "-";
            }
            return "<span class=\"meter\"><span style=\"width:"
                    + String.format(java.util.Locale.ROOT, "%.1f", 100 * v) + "%\"></span></span>"
                    + "<span class=\"meter-value\">" + Formats.metric(v) + "</span>";
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
