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
 * flows with their reasons), {@code lab.after=S} (diagnostic only: ignore the first S seconds).
 */
public final class ScoringLab {

    record Flow(String label, String source, long endNs, double[] x) {
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

    private static void run(Path dir, Map<String, String> values) throws IOException {
        boolean noShare = "true".equals(values.remove("lab.noshare"));
        boolean perDetector = "true".equals(values.remove("lab.detectors"));
        int top = Integer.parseInt(values.getOrDefault("lab.top", "0"));
        values.remove("lab.top");
        // Diagnostic only (how much the cold start costs), never for reported figures: ignore flows before this.
        long afterS = Long.parseLong(values.getOrDefault("lab.after", "0"));
        values.remove("lab.after");
        ScoringConfig config = ScoringConfig.from(Settings.of(values));
        List<String> names = FeatureSets.names(FeatureSets.FLOW_V1);
        StringBuilder line = new StringBuilder();
        double worst = 1;
        long totalFlows = 0;
        long totalNs = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                List<Flow> flows = read(f);
                EnsembleModel m = EnsembleModel.create(FeatureSets.FLOW_V1, names, config);
                Map<String, List<Double>> byLabel = new TreeMap<>();
                List<String> benignTop = new ArrayList<>();
                List<double[]> benignScores = new ArrayList<>();
                Map<String, Map<String, List<Double>>> byDet = new TreeMap<>();
                long t0 = System.nanoTime();
                long firstNs = flows.stream().mapToLong(Flow::endNs).min().orElse(0);
                for (Flow fl : flows) {
                    EnsembleModel.Scored s = m.scoreThenLearn(fl.x, noShare ? null : fl.source, fl.endNs, config);
                    if (fl.endNs - firstNs < afterS * 1_000_000_000L) {
                        continue;
                    }
                    byLabel.computeIfAbsent(fl.label, k -> new ArrayList<>()).add(s.score());
                    if (top > 0 && fl.label.isEmpty()) {
                        StringBuilder d = new StringBuilder();
                        for (var ds : s.detectors()) {
                            d.append(String.format(Locale.ROOT, " %s=%.3f", ds.getDetector(), ds.getCalibrated()));
                        }
                        benignScores.add(new double[] {s.score(), benignTop.size()});
                        benignTop.add(String.format(Locale.ROOT, "  benign %.4f %s t=%d%s | %s", s.score(), fl.source,
                                (fl.endNs / 1_000_000_000L) % 100_000, d, s.reasons().stream()
                                        .limit(3).map(r -> r.getText()).toList()));
                    }
                    if (perDetector) {
                        for (var d : s.detectors()) {
                            byDet.computeIfAbsent(d.getDetector(), k -> new TreeMap<>())
                                    .computeIfAbsent(fl.label, k -> new ArrayList<>()).add(d.getCalibrated());
                        }
                    }
                }
                totalNs += System.nanoTime() - t0;
                totalFlows += flows.size();
                String name = f.getFileName().toString().replace(".bin", "");
                line.append(name).append(':');
                for (String label : byLabel.keySet()) {
                    if (label.isEmpty() || label.equals("?")) {
                        continue;
                    }
                    double auc = auc(byLabel.get(label), byLabel.getOrDefault("", List.of()));
                    worst = Math.min(worst, auc);
                    line.append(String.format(Locale.ROOT, " %s=%.3f", label, auc));
                    if (perDetector) {
                        for (var e : byDet.entrySet()) {
                            line.append(String.format(Locale.ROOT, "[%s %.2f]", e.getKey(),
                                    auc(e.getValue().get(label), e.getValue().getOrDefault("", List.of()))));
                        }
                    }
                }
                line.append('\n');
                if (top > 0) {
                    benignScores.sort((a, b) -> Double.compare(b[0], a[0]));
                    for (int i = 0; i < Math.min(top, benignScores.size()); i++) {
                        line.append(benignTop.get((int) benignScores.get(i)[1])).append('\n');
                    }
                    for (var e : byLabel.entrySet()) {
                        double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
                        line.append(String.format(Locale.ROOT, "  %s quantiles 10/50/90: %.3f %.3f %.3f%n",
                                e.getKey(), v[v.length / 10], v[v.length / 2], v[v.length * 9 / 10]));
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "worst %.3f  %.0f flows/s  %s%n%s", worst, totalFlows / (totalNs / 1e9),
                values, line);
    }

    static double auc(List<Double> pos, List<Double> neg) {
        if (pos == null || pos.isEmpty() || neg.isEmpty()) {
            return Double.NaN;
        }
        return RocAuc.of(pos.stream().mapToDouble(Double::doubleValue).toArray(),
                neg.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static List<Flow> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int n = in.readInt();
            List<Flow> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String label = in.readUTF();
                String src = in.readUTF();
                in.readUTF();
                in.readLong();
                long end = in.readLong();
                in.readDouble();
                double[] x = new double[in.readInt()];
                for (int j = 0; j < x.length; j++) {
                    x[j] = in.readDouble();
                }
                out.add(new Flow(label, src, end, x));
            }
            return out;
        }
    }
}
