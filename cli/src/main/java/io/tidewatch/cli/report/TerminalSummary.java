package io.tidewatch.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The end-of-demo summary for a terminal: what was found (alerts by attack class and host, with reasons), how well
 * (detection quality per attack class when labels are known), how the supervised model learned, and how fast.
 * Plain aligned text, no colour codes, no wider than {@link #WIDTH} columns, so it reads the same in a terminal,
 * a CI log or a README.
 */
public final class TerminalSummary {

    /** The widest line written. */
    public static final int WIDTH = 100;
    /** Alert groups listed before the rest is counted in one line. */
    static final int MAX_ALERT_GROUPS = 15;
    /** Rows of the learning curve shown. */
    static final int LEARNING_ROWS = 6;
    /** Drift events listed. */
    static final int MAX_DRIFT_EVENTS = 5;

    private static final String INDENT = "  ";

    private TerminalSummary() {
    }

    /** Renders the summary of {@code results}, lines separated by '\n', ending with one. */
    public static String render(DemoResults results) {
        Objects.requireNonNull(results, "results");
        DetectionQuality quality = DetectionQuality.of(results);
        StringBuilder sb = new StringBuilder();
        header(sb, results);
        alerts(sb, results);
        quality(sb, results, quality);
        learning(sb, results);
        throughput(sb, results.throughput());
        return sb.toString();
    }

    private static void header(StringBuilder sb, DemoResults r) {
        sb.append(TextTable.fit("Tidewatch demo: " + r.title(), WIDTH)).append('\n');
        long hosts = r.alerts().stream().map(Alert::sourceHost).distinct().count();
        String span = r.flows().isEmpty() ? "" : " (capture " + Formats.clock(r.flows().get(0).timeMs()) + " to "
                + Formats.clock(r.flows().get(r.flows().size() - 1).timeMs()) + " UTC)";
        sb.append(TextTable.fit(INDENT + Formats.count(r.flows().size()) + " flows scored" + span + ", "
                + Formats.count(r.alerts().size()) + " alerts on " + hosts + (hosts == 1 ? " host" : " hosts"),
                WIDTH)).append('\n');
        sb.append(TextTable.fit(INDENT + "alert threshold " + Formats.metric(r.alertThreshold())
                + ", burn-in " + Formats.count(r.burnInFlows()) + " flows", WIDTH)).append('\n');
    }

    private static void section(StringBuilder sb, String title) {
        sb.append('\n').append(TextTable.fit(title, WIDTH)).append('\n');
    }

    private static void alerts(StringBuilder sb, DemoResults r) {
        section(sb, "Alerts by attack class and host");
        List<AlertGroup> groups = AlertGroup.of(r.alerts());
        if (groups.isEmpty()) {
            sb.append(INDENT).append("no alerts").append('\n');
            return;
        }
        TextTable t = new TextTable().left("class", 18).left("host", 39).right("alerts").right("flows")
                .right("max score").left("first (UTC)", 11);
        for (AlertGroup g : groups.subList(0, Math.min(MAX_ALERT_GROUPS, groups.size()))) {
            t.row(g.attackClass(), g.sourceHost(), Formats.count(g.alerts()), Formats.count(g.flows()),
                    Formats.metric(g.maxScore()), Formats.clock(g.firstMs()));
            if (!g.reasons().isEmpty()) {
                t.note("- " + String.join("; ", g.reasons()));
            }
        }
        sb.append(t.render(INDENT, WIDTH));
        if (groups.size() > MAX_ALERT_GROUPS) {
            sb.append(INDENT).append("... and ").append(groups.size() - MAX_ALERT_GROUPS)
                    .append(" more class/host groups (see the HTML report)").append('\n');
        }
    }

    private static void quality(StringBuilder sb, DemoResults r, DetectionQuality q) {
        section(sb, "Detection quality per attack class (labelled flows after burn-in, alert at score >= "
                + Formats.metric(r.alertThreshold()) + ")");
        Optional<DetectionQuality.ClassQuality> all = q.allAttacks();
        if (all.isEmpty()) {
            sb.append(INDENT).append(r.hasGroundTruth()
                    ? "no flow was labelled malicious: nothing to measure"
                    : "no ground truth: give labels to measure detection quality").append('\n');
            return;
        }
        TextTable t = new TextTable().left("class", 24).right("flows").right("evaluated").right("ROC AUC")
                .right("precision").right("recall").right("detected");
        for (DetectionQuality.ClassQuality c : q.perClass()) {
            qualityRow(t, c);
        }
        qualityRow(t, all.get());
        t.row("benign", Formats.count(q.benignFlows()), Formats.count(q.benignEvaluated()), "", "", "", "");
        sb.append(t.render(INDENT, WIDTH));
        sb.append(INDENT).append("false alarms: ").append(Formats.count(q.falseAlarms())).append(" benign flows")
                .append(q.benignEvaluated() > 0
                        ? " (" + Formats.percent((double) q.falseAlarms() / q.benignEvaluated()) + ")" : "")
                .append(" at or above the threshold");
        if (q.unlabelledFlows() > 0) {
            sb.append("; ").append(Formats.count(q.unlabelledFlows())).append(" flows unlabelled");
        }
        sb.append('\n');
    }

    private static void qualityRow(TextTable t, DetectionQuality.ClassQuality c) {
        t.row(c.attackClass(), Formats.count(c.flows()), Formats.count(c.evaluated()), Formats.metric(c.rocAuc()),
                Formats.metric(c.precision()), Formats.metric(c.recall()), Formats.count(c.detected()));
    }

    private static void learning(StringBuilder sb, DemoResults r) {
        section(sb, "Supervised model learning curve (progressive validation on analyst labels)");
        List<LearningPoint> curve = r.learningCurve();
        if (curve.isEmpty()) {
            sb.append(INDENT).append("no labels were fed: the supervised model did not learn").append('\n');
            return;
        }
        TextTable t = new TextTable().right("examples").right("accuracy").right("precision").right("recall")
                .right("F1").right("ROC AUC").right("kappa").right("version");
        for (LearningPoint p : sample(curve, LEARNING_ROWS)) {
            t.row(Formats.count(p.examplesSeen()), Formats.metric(p.accuracy()), Formats.metric(p.precision()),
                    Formats.metric(p.recall()), Formats.metric(p.f1()), Formats.metric(p.rocAuc()),
                    Formats.metric(p.kappa()), Long.toString(p.modelVersion()));
        }
        sb.append(t.render(INDENT, WIDTH));
        List<DriftEvent> drift = r.driftEvents();
        if (drift.isEmpty()) {
            sb.append(INDENT).append("no drift signalled").append('\n');
            return;
        }
        sb.append(INDENT).append("drift signalled ").append(drift.size()).append(drift.size() == 1 ? " time" : " times")
                .append(':').append('\n');
        for (DriftEvent d : drift.subList(0, Math.min(MAX_DRIFT_EVENTS, drift.size()))) {
            sb.append(TextTable.fit(INDENT + "  " + Formats.clock(d.timeMs()) + "  after "
                    + Formats.count(d.examplesSeen()) + " examples  " + d.detector() + ": " + d.signal() + " -> "
                    + d.action(), WIDTH)).append('\n');
        }
        if (drift.size() > MAX_DRIFT_EVENTS) {
            sb.append(INDENT).append("  ... and ").append(drift.size() - MAX_DRIFT_EVENTS).append(" more")
                    .append('\n');
        }
    }

    /** About {@code rows} points spread evenly over the curve, always the last one. */
    static List<LearningPoint> sample(List<LearningPoint> curve, int rows) {
        if (curve.size() <= rows) {
            return curve;
        }
        List<LearningPoint> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            out.add(curve.get((int) Math.round((double) i * (curve.size() - 1) / (rows - 1))));
        }
        return out;
    }

    private static void throughput(StringBuilder sb, Throughput tp) {
        section(sb, "Throughput");
        TextTable t = new TextTable().left("", 40).right("value").left("", 20);
        t.row("packets", Formats.count(tp.packets()), "");
        t.row("flows", Formats.count(tp.flows()), "");
        t.row("elapsed", Formats.seconds(tp.elapsedSeconds()), "");
        t.row("packets/s", Formats.figure(tp.packetsPerSecond()), "");
        t.row("flows/s", Formats.figure(tp.flowsPerSecond()), "");
        for (Throughput.Figure f : tp.figures()) {
            t.row(f.name(), Formats.figure(f.value()), f.unit());
        }
        String table = t.render(INDENT, WIDTH);
        // The header line of this table is blank: drop it.
        sb.append(table.substring(table.indexOf('\n') + 1));
    }
}
