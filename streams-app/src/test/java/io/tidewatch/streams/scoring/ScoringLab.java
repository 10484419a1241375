package io.tidewatch.streams.scoring;


import io.tidewatch.config.Settings;
import io.tidewatch.streams.features.FeatureSets;
import io.tidewatch.streams.topology.RocAuc;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Offline scoring experiments: replays the enriched flows that {@code ScoringDumpTest} wrote (the production
 * topology's host-context output, in scoring order, with ground truth) through an {@link EnsembleModel} with any
 * scoring settings, and prints the ROC AUC per attack class and the scoring step's flows/s. A run over three
 * captures takes seconds instead of the topology's minutes, so settings can be compared quickly; reported figures
 * come from the production topology ({@code UnsupervisedDetectionTest}). Options: {@code lab.detectors=true}
 * (AUC per detector), {@code lab.noshare=true} (no fair share), {@code lab.top=N} (the N highest-scoring benign
 * flows with their reasons), {@code lab.after=S} (diagnostic only: ignore the first S seconds). Designs measured
 * here before any is built ({@link LabDesigns}, {@link LabFeatures}; figures in the streams-app README):
 * {@code lab.service=add|replace} (a third view of per-flow features with one detector per service, protocol and
 * responder port, {@code lab.service.detector}, {@code lab.service.min} learned flows before it scores; added
 * under the max or replacing the flow view),
 * {@code lab.tail=Q} (each view's score as an upper-tail probability with an exponential tail past quantile Q,
 * peaks over threshold, combined by the least probability; {@code lab.tail.views=01}, {@code lab.tail.log=true}),
 * {@code lab.fanin=S} (a destination-rarity feature, 1 / distinct sources that reached the destination in S
 * seconds, added to the flow view), {@code lab.beacon=S} (a third view of beacon indicators over S seconds,
 * {@code lab.beacon.features}: r rarity, s pair age, c pair flows, p age / sources), {@code lab.calshare=R:B}
 * (calibrators fed by a share of their own, R flows/s and burst B per source), {@code lab.finalshare=R:B} (one
 * more calibrator over the combined score, fed that way), {@code lab.unanswered=H,...} (the source's damped count of
 * connections that carried nothing, at half-lives H seconds, in the activity view; {@code lab.unanswered.view=host}
 * keeps it out of every view, for use as an indicator). The beacon score and service repeats measured here with
 * {@code lab.beaconing}, {@code lab.repeats} and {@code lab.indicator} are production now ({@code pair.beacon},
 * {@code pair.service_repeats}, {@code scoring.indicators}), so a dump of the current feature set carries them and
 * the model reads them as it does in the topology; those options are gone. A feature in the {@code host} view is
 * read by no default detector. {@code lab.show=name,...} prints each feature's own AUC per class and where it is
 * non-zero ({@code lab.show.top=N}: the services and pairs of the N benign flows where it is highest). Each line
 * ends with the share of benign flows at or above 0.95 (the default alert threshold) and 0.99.
 */
public final class ScoringLab {

    record Flow(String label, String source, long startNs, long endNs, double[] x, String destination, int protocol,
            int port) {
        /** The same flow with other features. */
        Flow with(double[] features) {
            return new Flow(label, source, startNs, endNs, features, destination, protocol, port);
        }
    }

    /**
     * {@code DIR key=value ... [-- key=value ...]}: each group of settings after the folder is one run, all in this
     * JVM one after the other (side by side for cost comparisons).
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        List<Map<String, String>> runs = new ArrayList<>();
        runs.add(new HashMap<>());
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--")) {
                runs.add(new HashMap<>());
                continue;
            }
            String[] kv = args[i].split("=", 2);
            runs.get(runs.size() - 1).put(kv[0], kv[1]);
        }
        for (Map<String, String> values : runs) {
            run(dir, values);
        }
    }

    /** Scores per label, and per detector and label, of one capture. */
    private static final class Outcome {
        final Map<String, List<Double>> byLabel = new TreeMap<>();
        final Map<String, Map<String, List<Double>>> byDetector = new TreeMap<>();
        final List<String> benignLines = new ArrayList<>();
        final List<double[]> benignScores = new ArrayList<>();
    }

    private static void run(Path dir, Map<String, String> values) throws IOException {
        Map<String, String> lab = new TreeMap<>();
        for (String k : List.copyOf(values.keySet())) {
            if (k.startsWith("lab.")) {
                lab.put(k, values.remove(k));
            }
        }
        boolean noShare = "true".equals(lab.get("lab.noshare"));
        boolean perDetector = "true".equals(lab.get("lab.detectors"));
        int top = Integer.parseInt(lab.getOrDefault("lab.top", "0"));
        // Diagnostic only (how much the cold start costs), never for reported figures: ignore flows before this.
        long afterNs = Long.parseLong(lab.getOrDefault("lab.after", "0")) * 1_000_000_000L;
        ScoringConfig config = ScoringConfig.from(Settings.of(values));
        // lab.gated=D...: only the views named (0 activity, 1 flow) read ranks from gated calibrators, the others
        // from a twin model with ungated calibration that sees the same flows.
        String gatedViews = lab.get("lab.gated");
        Map<String, String> ungatedValues = new HashMap<>(values);
        ungatedValues.put("scoring.calibration.gated", "false");
        ScoringConfig ungated = ScoringConfig.from(Settings.of(ungatedValues));
        StringBuilder line = new StringBuilder();
        double worst = 1;
        long totalFlows = 0;
        long totalNs = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                Capture capture = read(f);
                List<String> names = new ArrayList<>(FeatureSets.names(capture.featureSet()));
                int dumped = names.size();
                List<Flow> flows = LabFeatures.apply(capture.flows(), lab, names);
                if (lab.containsKey("lab.show")) {
                    show(line, f.getFileName().toString().replace(".bin", ""), flows, names, lab.get("lab.show"),
                            Integer.parseInt(lab.getOrDefault("lab.show.top", "0")));
                }
                EnsembleModel m = EnsembleModel.create(capture.featureSet(), names, config);
                EnsembleModel twin = gatedViews == null ? null : EnsembleModel.create(capture.featureSet(), names,
                        ungated);
                List<LabDesigns.Rescorer> designs = LabDesigns.from(lab, config, names);
                Outcome o = new Outcome();
                long t0 = System.nanoTime();
                long firstNs = flows.stream().mapToLong(Flow::endNs).min().orElse(0);
                for (Flow fl : flows) {
                    EnsembleModel.Scored s = m.scoreThenLearn(fl.x, noShare ? null : fl.source, fl.endNs, config);
                    if (twin != null) {
                        EnsembleModel.Scored u = twin.scoreThenLearn(fl.x, noShare ? null : fl.source, fl.endNs,
                                ungated);
                        List<io.tidewatch.proto.v1.DetectorScore> mixed = new ArrayList<>();
                        double best = 0;
                        for (int d = 0; d < s.detectors().size(); d++) {
                            var ds = gatedViews.indexOf((char) ('0' + d)) >= 0 ? s.detectors().get(d)
                                    : u.detectors().get(d);
                            mixed.add(ds);
                            best = Math.max(best, ds.getCalibrated());
                        }
                        s = new EnsembleModel.Scored(best, mixed, s.reasons(), s.flowsBefore());
                    }
                    for (LabDesigns.Rescorer d : designs) {
                        s = d.rescore(fl, s);
                    }
                    if (fl.endNs - firstNs >= afterNs) {
                        record(o, fl, s, top > 0, perDetector);
                    }
                    if (fl.label.equals(lab.get("lab.list"))) {
                        StringBuilder d = new StringBuilder();
                        for (var ds : s.detectors()) {
                            d.append(String.format(Locale.ROOT, " %s=%.3f", ds.getDetector(), ds.getCalibrated()));
                        }
                        for (int j = dumped; j < fl.x.length; j++) {
                            d.append(String.format(Locale.ROOT, " %s=%.3f", names.get(j), fl.x[j]));
                        }
                        line.append(String.format(Locale.ROOT, "  %s t=%d score %.4f%s%n", fl.label,
                                (fl.startNs - firstNs) / 1_000_000_000L, s.score(), d));
                    }
                }
                totalNs += System.nanoTime() - t0;
                totalFlows += flows.size();
                worst = Math.min(worst, report(line, f.getFileName().toString().replace(".bin", ""), o, top));
            }
        }
        System.out.printf(Locale.ROOT, "worst %.3f  %.0f flows/s  %s %s%n%s", worst, totalFlows / (totalNs / 1e9),
                values, lab, line);
    }

    private static void record(Outcome o, Flow fl, EnsembleModel.Scored s, boolean benignLines, boolean perDetector) {
        o.byLabel.computeIfAbsent(fl.label, k -> new ArrayList<>()).add(s.score());
        if (benignLines && fl.label.isEmpty()) {
            StringBuilder d = new StringBuilder();
            for (var ds : s.detectors()) {
                d.append(String.format(Locale.ROOT, " %s=%.3f", ds.getDetector(), ds.getCalibrated()));
            }
            o.benignScores.add(new double[] {s.score(), o.benignLines.size()});
            o.benignLines.add(String.format(Locale.ROOT, "  benign %.4f %s t=%d%s | %s", s.score(), fl.source,
                    (fl.endNs / 1_000_000_000L) % 100_000, d, s.reasons().stream().limit(3).map(r -> r.getText())
                            .toList()));
        }
        if (perDetector) {
            for (var d : s.detectors()) {
                o.byDetector.computeIfAbsent(d.getDetector(), k -> new TreeMap<>())
                        .computeIfAbsent(fl.label, k -> new ArrayList<>()).add(d.getCalibrated());
            }
        }
    }

    /** Appends one capture's line (and its top benign flows) to {@code line}; returns its worst class AUC. */
    private static double report(StringBuilder line, String name, Outcome o, int top) {
        double worst = 1;
        line.append(name).append(':');
        for (String label : o.byLabel.keySet()) {
            if (label.isEmpty() || label.equals("?")) {
                continue;
            }
            double auc = auc(o.byLabel.get(label), o.byLabel.getOrDefault("", List.of()));
            worst = Math.min(worst, auc);
            line.append(String.format(Locale.ROOT, " %s=%.3f", label, auc));
            for (var e : o.byDetector.entrySet()) {
                line.append(String.format(Locale.ROOT, "[%s %.2f]", e.getKey(),
                        auc(e.getValue().get(label), e.getValue().getOrDefault("", List.of()))));
            }
        }
        List<Double> benign = o.byLabel.getOrDefault("", List.of());
        line.append(String.format(Locale.ROOT, " | benign >=0.95 %.1f%% >=0.99 %.1f%%", share(benign, 0.95),
                share(benign, 0.99)));
        for (var e : o.byDetector.entrySet()) {
            line.append(String.format(Locale.ROOT, " [%s %.1f%%]", e.getKey(),
                    share(e.getValue().getOrDefault("", List.of()), 0.95)));
        }
        line.append('\n');
        if (top > 0) {
            o.benignScores.sort((a, b) -> Double.compare(b[0], a[0]));
            for (int i = 0; i < Math.min(top, o.benignScores.size()); i++) {
                line.append(o.benignLines.get((int) o.benignScores.get(i)[1])).append('\n');
            }
            for (var e : o.byLabel.entrySet()) {
                double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
                line.append(String.format(Locale.ROOT, "  %s quantiles 10/50/90: %.3f %.3f %.3f%n",
                        e.getKey(), v[v.length / 10], v[v.length / 2], v[v.length * 9 / 10]));
            }
        }
        return worst;
    }

    /**
     * {@code lab.show=name,...}: each named feature's own ROC AUC per class (higher = more anomalous) and the share
     * of benign and attack flows where it is above 0, to judge an indicator before any detector reads it; with
     * {@code lab.show.top=N} the services and pairs of the N benign flows where it is highest.
     */
    private static void show(StringBuilder line, String capture, List<Flow> flows, List<String> names, String which,
            int top) {
        for (String name : which.split(",")) {
            int at = names.indexOf(name);
            if (at < 0) {
                throw new IllegalArgumentException("lab.show: no feature " + name);
            }
            Map<String, List<Double>> byLabel = new TreeMap<>();
            for (Flow fl : flows) {
                byLabel.computeIfAbsent(fl.label, k -> new ArrayList<>()).add(fl.x[at]);
            }
            List<Double> benign = byLabel.getOrDefault("", List.of());
            line.append(String.format(Locale.ROOT, "%s %s: benign>0 %.1f%%", capture, name, share(benign, 1e-12)));
            for (var e : byLabel.entrySet()) {
                if (!e.getKey().isEmpty() && !e.getKey().equals("?")) {
                    line.append(String.format(Locale.ROOT, " %s=%.3f(>0 %.0f%%)", e.getKey(),
                            auc(e.getValue(), benign), share(e.getValue(), 1e-12)));
                }
            }
            line.append('\n');
            // The benign flows where the feature is highest, by service, to see what a look-alike is.
            Map<String, Integer> services = new TreeMap<>();
            flows.stream().filter(fl -> fl.label.isEmpty()).sorted((a, b) -> Double.compare(b.x[at], a.x[at]))
                    .limit(top).forEach(fl -> services.merge(fl.protocol + "/" + fl.port + " " + fl.source + ">"
                            + fl.destination, 1, Integer::sum));
            services.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(12)
                    .forEach(e -> line.append("    ").append(e.getValue()).append(' ').append(e.getKey()).append('\n'));
        }
    }

    /** Percent of {@code scores} at or above {@code threshold}. */
    private static double share(List<Double> scores, double threshold) {
        return 100.0 * scores.stream().filter(v -> v >= threshold).count() / Math.max(1, scores.size());
    }

    static double auc(List<Double> pos, List<Double> neg) {
        if (pos == null || pos.isEmpty() || neg.isEmpty()) {
            return Double.NaN;
        }
        return RocAuc.of(pos.stream().mapToDouble(Double::doubleValue).toArray(),
                neg.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** A dumped capture's flows, all of feature set {@code featureSet}. */
    record Capture(String featureSet, List<Flow> flows) {
    }

    static Capture read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int n = in.readInt();
            List<Flow> out = new ArrayList<>(n);
            String featureSet = null;
            for (int i = 0; i < n; i++) {
                String label = in.readUTF();
                String src = in.readUTF();
                String fs = in.readUTF();
                if (featureSet != null && !featureSet.equals(fs)) {
                    throw new IOException(file + ": flow " + i + " is of feature set " + fs + ", expected "
                            + featureSet + " as the flows before it");
                }
                featureSet = fs;
                long start = in.readLong();
                long end = in.readLong();
                in.readDouble();
                double[] x = new double[in.readInt()];
                for (int j = 0; j < x.length; j++) {
                    x[j] = in.readDouble();
                }
                String dst = in.readUTF();
                int protocol = in.readInt();
                int port = in.readInt();
                in.readInt();
                out.add(new Flow(label, src, start, end, x, dst, protocol, port));
            }
            return new Capture(featureSet == null ? FeatureSets.FLOW : featureSet, out);
        }
    }
}
