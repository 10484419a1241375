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
 * here before any is built (figures in the streams-app README): {@code lab.service=add|replace} (a third view of
 * per-flow features with one detector per service, protocol and responder port, {@code lab.service.detector},
 * {@code lab.service.min} learned flows before it scores; added under the max or replacing the flow view),
 * {@code lab.tail=Q} (each view's score as an upper-tail probability with an exponential tail past quantile Q,
 * peaks over threshold, combined by the least probability; {@code lab.tail.views=01}, {@code lab.tail.log=true}),
 * {@code lab.fanin=S} (a destination-rarity feature, 1 / distinct sources that reached the destination in S
 * seconds, added to the flow view), {@code lab.beacon=S} (a third view of beacon indicators over S seconds,
 * {@code lab.beacon.features}: r rarity, s pair age, c pair flows, p age / sources), {@code lab.calshare=R:B}
 * (calibrators fed by a share of their own, R flows/s and burst B per source), {@code lab.finalshare=R:B} (one
 * more calibrator over the combined score, fed that way), {@code lab.unanswered=H,...} (the source's damped count of
 * connections that carried nothing, at half-lives H seconds, in the activity view). Each line ends with the share
 * of benign flows at or above 0.95 (the default alert threshold) and 0.99.
 */
public final class ScoringLab {

    record Flow(String label, String source, long endNs, double[] x, String destination, int protocol, int port) {
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
        String serviceMode = values.remove("lab.service");
        String serviceDetector = values.getOrDefault("lab.service.detector", "surge-flow");
        values.remove("lab.service.detector");
        int serviceMin = Integer.parseInt(values.getOrDefault("lab.service.min", "32"));
        values.remove("lab.service.min");
        double tailQ = Double.parseDouble(values.getOrDefault("lab.tail", "0"));
        values.remove("lab.tail");
        String tailViews = values.getOrDefault("lab.tail.views", "01");
        values.remove("lab.tail.views");
        boolean tailLog = "true".equals(values.remove("lab.tail.log"));
        ScoringConfig config = ScoringConfig.from(Settings.of(values));
        String calShare = values.remove("lab.calshare");
        int hostOwn = Integer.parseInt(values.getOrDefault("lab.hostown", "0"));
        values.remove("lab.hostown");
        String finalShare = values.remove("lab.finalshare");
        long beaconWindowS = Long.parseLong(values.getOrDefault("lab.beacon", "0"));
        values.remove("lab.beacon");
        String beaconFeatures = values.getOrDefault("lab.beacon.features", "rsc");
        values.remove("lab.beacon.features");
        long fanInWindowS = Long.parseLong(values.getOrDefault("lab.fanin", "0"));
        values.remove("lab.fanin");
        List<String> names = new ArrayList<>(FeatureSets.names(FeatureSets.FLOW_V1));
        if (fanInWindowS > 0) {
            names.add("dst.rarity");
        }
        String unanswered = values.remove("lab.unanswered");
        double[] unansweredHalfLives = unanswered == null ? new double[0]
                : java.util.Arrays.stream(unanswered.split(",")).mapToDouble(Double::parseDouble).toArray();
        List<String> baseNames = List.copyOf(names);
        for (double hl : unansweredHalfLives) {
            names.add("host.hl" + hl + "s.unanswered.weight");
        }
        StringBuilder line = new StringBuilder();
        double worst = 1;
        long totalFlows = 0;
        long totalNs = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                List<Flow> flows = read(f);
                if (fanInWindowS > 0) {
                    flows = withFanIn(flows, fanInWindowS * 1_000_000_000L);
                }
                if (unansweredHalfLives.length > 0) {
                    flows = withUnanswered(flows, baseNames, unansweredHalfLives);
                }
                EnsembleModel m = EnsembleModel.create(FeatureSets.FLOW_V1, names, config);
                Map<String, List<Double>> byLabel = new TreeMap<>();
                List<String> benignTop = new ArrayList<>();
                List<double[]> benignScores = new ArrayList<>();
                Map<String, Map<String, List<Double>>> byDet = new TreeMap<>();
                long t0 = System.nanoTime();
                long firstNs = flows.stream().mapToLong(Flow::endNs).min().orElse(0);
                Map<String, io.tidewatch.learners.pipeline.Pipeline.Detecting> svc = new HashMap<>();
                Map<String, long[]> svcLearned = new HashMap<>();
                var svcCal = new io.tidewatch.learners.calibration.QuantileCalibrator(
                        io.tidewatch.learners.calibration.QuantileCalibrator.DEFAULT_K, config.calibrationWindow());
                LearningShare svcShare = share(config);
                int[] flowIdx = EnsembleFactory.inputs(serviceDetector, names);
                List<Tail> tails = new ArrayList<>();
                LearningShare tailShare = share(config);
                Beacons beacons = new Beacons(beaconWindowS * 1_000_000_000L, beaconFeatures);
                var beaconDet = EnsembleFactory.create("surge-activity", beaconFeatures.length(), config.seed(),
                        config.window());
                var beaconCal = new io.tidewatch.learners.calibration.QuantileCalibrator(
                        io.tidewatch.learners.calibration.QuantileCalibrator.DEFAULT_K, config.calibrationWindow());
                LearningShare beaconShare = share(config);
                long[] beaconLearned = new long[1];
                List<io.tidewatch.learners.calibration.QuantileCalibrator> cals = new ArrayList<>();
                LearningShare calShareBucket = calShare == null ? null : new LearningShare(
                        Double.parseDouble(calShare.split(":")[0]), Double.parseDouble(calShare.split(":")[1]),
                        config.shareSources());
                var finalCal = new io.tidewatch.learners.calibration.QuantileCalibrator(
                        io.tidewatch.learners.calibration.QuantileCalibrator.DEFAULT_K, config.calibrationWindow());
                LearningShare finalBucket = finalShare == null ? null : new LearningShare(
                        Double.parseDouble(finalShare.split(":")[0]), Double.parseDouble(finalShare.split(":")[1]),
                        config.shareSources());
                Map<String, double[]> own = new HashMap<>();
                LearningShare ownShare = share(config);
                for (Flow fl : flows) {
                    EnsembleModel.Scored s = m.scoreThenLearn(fl.x, noShare ? null : fl.source, fl.endNs, config);
                    if (hostOwn > 0) {
                        // Activity judged against the source's own usual as well as the population's.
                        double raw = s.detectors().get(0).getRaw();
                        double[] st = own.computeIfAbsent(fl.source, k -> new double[3]);
                        double pop = s.detectors().get(0).getCalibrated();
                        double activity = pop;
                        if (st[0] >= hostOwn) {
                            double sd = Math.max(0.25, Math.sqrt(st[2] / st[0]));
                            double z = (raw - st[1]) / sd;
                            double hostRank = 0.5 * (1 + erf(z / Math.sqrt(2)));
                            activity = Math.min(pop, hostRank);
                        }
                        if (ownShare.take(fl.source, fl.endNs)) {
                            st[0]++;
                            double d = raw - st[1];
                            st[1] += d / st[0];
                            st[2] += d * (raw - st[1]);
                        }
                        double combined = s.detectors().size() > 1
                                ? Math.max(activity, s.detectors().get(1).getCalibrated()) : activity;
                        s = new EnsembleModel.Scored(combined, s.detectors(), s.reasons(), s.flowsBefore());
                    }
                    if (finalBucket != null) {
                        double combined = s.score();
                        double c = finalCal.examplesSeen() < config.window() ? Math.min(combined, 0.5)
                                : finalCal.calibrate(combined);
                        if (combined != 0.5 && finalBucket.take(fl.source, fl.endNs)) {
                            finalCal.learn(combined);
                        }
                        s = new EnsembleModel.Scored(c, s.detectors(), s.reasons(), s.flowsBefore());
                    }
                    if (calShareBucket != null) {
                        while (cals.size() < s.detectors().size()) {
                            cals.add(new io.tidewatch.learners.calibration.QuantileCalibrator(
                                    io.tidewatch.learners.calibration.QuantileCalibrator.DEFAULT_K,
                                    config.calibrationWindow()));
                        }
                        double best = 0;
                        boolean take = s.flowsBefore() >= config.window() && calShareBucket.take(fl.source, fl.endNs);
                        for (int d = 0; d < cals.size(); d++) {
                            double raw = s.detectors().get(d).getRaw();
                            double c = cals.get(d).examplesSeen() < config.window() ? 0.5 : cals.get(d).calibrate(raw);
                            best = Math.max(best, c);
                            if (take) {
                                cals.get(d).learn(raw);
                            }
                        }
                        s = new EnsembleModel.Scored(best, s.detectors(), s.reasons(), s.flowsBefore());
                    }
                    if (beaconWindowS > 0) {
                        double[] b = beacons.observe(fl);
                        double raw = beaconLearned[0] >= config.window() ? beaconDet.score(b) : Double.NaN;
                        double cal = Double.isNaN(raw) || beaconCal.examplesSeen() < config.window() ? 0.5
                                : beaconCal.calibrate(raw);
                        if (beaconShare.take(fl.source, fl.endNs)) {
                            beaconDet.learn(b);
                            beaconLearned[0]++;
                            if (!Double.isNaN(raw)) {
                                beaconCal.learn(raw);
                            }
                        }
                        s = new EnsembleModel.Scored(Math.max(s.score(), cal), s.detectors(), s.reasons(),
                                s.flowsBefore());
                    }
                    if (tailQ > 0) {
                        while (tails.size() < s.detectors().size()) {
                            tails.add(new Tail(tailQ, config.calibrationWindow()));
                        }
                        double minP = 1;
                        for (int d = 0; d < s.detectors().size(); d++) {
                            double raw = s.detectors().get(d).getRaw();
                            double p = tailViews.indexOf((char) ('0' + d)) >= 0
                                    ? tails.get(d).p(tailLog ? Math.log1p(Math.max(0, raw)) : raw, config.window())
                                    : (s.detectors().get(d).getCalibrated() == 0.5 ? 0.5
                                            : 1 - s.detectors().get(d).getCalibrated());
                            minP = Math.min(minP, p);
                        }
                        if (tailShare.take(fl.source, fl.endNs)) {
                            for (int d = 0; d < s.detectors().size(); d++) {
                                double raw = s.detectors().get(d).getRaw();
                                tails.get(d).learn(tailLog ? Math.log1p(Math.max(0, raw)) : raw);
                            }
                        }
                        s = new EnsembleModel.Scored(1 - minP, s.detectors(), s.reasons(), s.flowsBefore());
                    }
                    if (serviceMode != null) {
                        String key = fl.protocol + "/" + (fl.port < 49152 ? fl.port : "dyn");
                        var det = svc.computeIfAbsent(key, k -> EnsembleFactory.create(serviceDetector, flowIdx.length,
                                config.seed(), config.window()));
                        long[] n = svcLearned.computeIfAbsent(key, k -> new long[1]);
                        double[] xf = new double[flowIdx.length];
                        for (int j = 0; j < xf.length; j++) {
                            xf[j] = fl.x[flowIdx[j]];
                        }
                        double raw = n[0] >= serviceMin ? det.score(xf) : Double.NaN;
                        double cal = Double.isNaN(raw) || svcCal.examplesSeen() < config.window() ? 0.5
                                : svcCal.calibrate(raw);
                        double base = serviceMode.equals("replace") ? s.detectors().get(0).getCalibrated() : s.score();
                        double combined = Math.max(base, cal);
                        if (svcShare.take(fl.source, fl.endNs)) {
                            det.learn(xf);
                            n[0]++;
                            if (!Double.isNaN(raw)) {
                                svcCal.learn(raw);
                            }
                        }
                        s = new EnsembleModel.Scored(combined, s.detectors(), s.reasons(), s.flowsBefore());
                    }
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
                List<Double> benign = byLabel.getOrDefault("", List.of());
                line.append(String.format(Locale.ROOT, " | benign >=0.95 %.1f%% >=0.99 %.1f%%",
                        100.0 * benign.stream().filter(v -> v >= 0.95).count() / Math.max(1, benign.size()),
                        100.0 * benign.stream().filter(v -> v >= 0.99).count() / Math.max(1, benign.size())));
                for (var e : byDet.entrySet()) {
                    List<Double> b = e.getValue().getOrDefault("", List.of());
                    line.append(String.format(Locale.ROOT, " [%s %.1f%%]", e.getKey(),
                            100.0 * b.stream().filter(v -> v >= 0.95).count() / Math.max(1, b.size())));
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

    /**
     * Beacon indicators of a flow among the flows before it within a window: r = 1 / distinct sources that reached
     * its destination, s = seconds since its pair's first flow, c = its pair's flows.
     */
    static final class Beacons {
        final long windowNs;
        final String features;
        final Map<String, Map<String, Long>> sourcesByDestination = new HashMap<>();
        final Map<String, java.util.ArrayDeque<Long>> pairTimes = new HashMap<>();

        Beacons(long windowNs, String features) {
            this.windowNs = windowNs;
            this.features = features;
        }

        double[] observe(Flow fl) {
            Map<String, Long> sources = sourcesByDestination.computeIfAbsent(fl.destination(), k -> new HashMap<>());
            sources.put(fl.source(), fl.endNs());
            sources.values().removeIf(t -> t < fl.endNs() - windowNs);
            var times = pairTimes.computeIfAbsent(fl.source() + ">" + fl.destination(), k -> new java.util.ArrayDeque<>());
            times.addLast(fl.endNs());
            while (times.peekFirst() < fl.endNs() - windowNs) {
                times.removeFirst();
            }
            double[] out = new double[features.length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (features.charAt(i)) {
                    case 'r' -> 1.0 / sources.size();
                    case 's' -> (fl.endNs() - times.peekFirst()) / 1e9;
                    case 'c' -> times.size();
                    case 'p' -> (fl.endNs() - times.peekFirst()) / 1e9 / sources.size();
                    default -> throw new IllegalArgumentException("lab.beacon.features: " + features.charAt(i));
                };
            }
            return out;
        }
    }

    /** Abramowitz and Stegun 7.1.26, to 1.5e-7. */
    static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }

    private static LearningShare share(ScoringConfig config) {
        return new LearningShare(config.shareRate(), config.shareBurst(), config.shareSources());
    }

    /** Empirical upper-tail probability with an exponential tail past quantile q (peaks over threshold). */
    static final class Tail {
        final double q;
        final int window;
        final java.util.ArrayDeque<Double> seen = new java.util.ArrayDeque<>();
        double[] sorted = new double[0];
        double t = Double.NaN;
        double sigma = Double.NaN;
        int sinceSort;

        Tail(double q, int window) {
            this.q = q;
            this.window = window;
        }

        void learn(double raw) {
            seen.addLast(raw);
            if (seen.size() > window) {
                seen.removeFirst();
            }
            if (++sinceSort >= 16 || sorted.length < 64) {
                sinceSort = 0;
                sorted = seen.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                int i = (int) Math.floor(q * (sorted.length - 1));
                t = sorted[i];
                double sum = 0;
                int n = 0;
                for (int j = i + 1; j < sorted.length; j++) {
                    sum += sorted[j] - t;
                    n++;
                }
                sigma = n == 0 ? Double.NaN : Math.max(1e-9, sum / n);
            }
        }

        double p(double raw, int minLearned) {
            if (sorted.length < minLearned) {
                return 0.5;
            }
            if (raw > t && Double.isFinite(sigma)) {
                return (1 - q) * Math.exp(-(raw - t) / sigma);
            }
            int lo = java.util.Arrays.binarySearch(sorted, raw);
            int below = lo >= 0 ? lo : -lo - 1;
            return 1 - (double) below / sorted.length;
        }
    }

    /**
     * Each flow with its source's damped count of connections that carried nothing (TCP without payload either
     * way, or no answer at all) at each half-life, as threshold random walk scan detection counts failures.
     */
    static List<Flow> withUnanswered(List<Flow> flows, List<String> names, double[] halfLives) {
        int fwdPayload = names.indexOf("fwd.payload_bytes");
        int bwdPayload = names.indexOf("bwd.payload_bytes");
        int bwdPackets = names.indexOf("bwd.packets");
        Map<String, double[]> weights = new HashMap<>();
        Map<String, Long> last = new HashMap<>();
        List<Flow> out = new ArrayList<>(flows.size());
        for (Flow fl : flows) {
            double[] w = weights.computeIfAbsent(fl.source(), k -> new double[halfLives.length]);
            long prev = last.getOrDefault(fl.source(), fl.endNs());
            double dt = Math.max(0, (fl.endNs() - prev) / 1e9);
            last.put(fl.source(), Math.max(prev, fl.endNs()));
            boolean failed = fl.x()[bwdPackets] == 0
                    || (fl.protocol() == 6 && fl.x()[fwdPayload] == 0 && fl.x()[bwdPayload] == 0);
            double[] x = java.util.Arrays.copyOf(fl.x(), fl.x().length + halfLives.length);
            for (int i = 0; i < halfLives.length; i++) {
                w[i] = w[i] * Math.pow(2, -dt / halfLives[i]) + (failed ? 1 : 0);
                x[fl.x().length + i] = w[i];
            }
            out.add(new Flow(fl.label(), fl.source(), fl.endNs(), x, fl.destination(), fl.protocol(), fl.port()));
        }
        return out;
    }

    /** Each flow with 1 / (distinct sources that reached its destination within the window before it). */
    static List<Flow> withFanIn(List<Flow> flows, long windowNs) {
        Map<String, Map<String, Long>> seen = new HashMap<>();
        List<Flow> out = new ArrayList<>(flows.size());
        for (Flow fl : flows) {
            Map<String, Long> sources = seen.computeIfAbsent(fl.destination(), k -> new HashMap<>());
            sources.put(fl.source(), fl.endNs());
            sources.values().removeIf(t -> t < fl.endNs() - windowNs);
            double[] x = java.util.Arrays.copyOf(fl.x(), fl.x().length + 1);
            x[x.length - 1] = 1.0 / sources.size();
            out.add(new Flow(fl.label(), fl.source(), fl.endNs(), x, fl.destination(), fl.protocol(), fl.port()));
        }
        return out;
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
                String dst = in.readUTF();
                int protocol = in.readInt();
                int port = in.readInt();
                in.readInt();
                out.add(new Flow(label, src, end, x, dst, protocol, port));
            }
            return out;
        }
    }
}
