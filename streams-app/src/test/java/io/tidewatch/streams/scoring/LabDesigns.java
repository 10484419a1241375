package io.tidewatch.streams.scoring;

import io.tidewatch.learners.calibration.QuantileCalibrator;
import io.tidewatch.learners.pipeline.Pipeline;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scoring designs {@link ScoringLab} measures before any is built: each rescores a flow after the production model
 * scored it, with state of its own that learns through a fair share like the model's. The streams-app README's
 * detection-quality section has their figures. One instance per capture file.
 */
final class LabDesigns {

    /** A design: the flow's score with the design applied to what the model made of it. */
    interface Rescorer {
        EnsembleModel.Scored rescore(ScoringLab.Flow fl, EnsembleModel.Scored s);
    }

    private LabDesigns() {
    }

    /** The designs {@code lab} (the {@code lab.*} options) asks for, fresh, in a fixed order. */
    static List<Rescorer> from(Map<String, String> lab, ScoringConfig config, List<String> names) {
        List<Rescorer> out = new ArrayList<>();
        if (lab.containsKey("lab.hostown")) {
            out.add(new HostOwnActivity(Integer.parseInt(lab.get("lab.hostown")), config));
        }
        if (lab.containsKey("lab.finalshare")) {
            out.add(new CombinedCalibration(share(lab.get("lab.finalshare"), config), config));
        }
        if (lab.containsKey("lab.calshare")) {
            out.add(new OwnShareCalibration(share(lab.get("lab.calshare"), config), config));
        }
        if (lab.containsKey("lab.beacon")) {
            out.add(new ExtraView(config, "surge-activity", null,
                    new Beacons(Long.parseLong(lab.get("lab.beacon")) * 1_000_000_000L,
                            lab.getOrDefault("lab.beacon.features", "rsc"))));
        }
        if (lab.containsKey("lab.tail")) {
            out.add(new TailProbability(Double.parseDouble(lab.get("lab.tail")),
                    lab.getOrDefault("lab.tail.views", "01"), "true".equals(lab.get("lab.tail.log")), config));
        }
        if (lab.containsKey("lab.service")) {
            String detector = lab.getOrDefault("lab.service.detector", "surge-flow");
            int[] inputs = EnsembleFactory.inputs(detector, names);
            out.add(new ExtraView(config, detector, lab.get("lab.service"),
                    new ServiceFeatures(inputs, Integer.parseInt(lab.getOrDefault("lab.service.min", "32")))));
        }
        return out;
    }

    private static LearningShare share(String rateAndBurst, ScoringConfig config) {
        String[] p = rateAndBurst.split(":");
        return new LearningShare(Double.parseDouble(p[0]), Double.parseDouble(p[1]), config.shareSources());
    }

    private static QuantileCalibrator calibrator(ScoringConfig config) {
        return new QuantileCalibrator(QuantileCalibrator.DEFAULT_K, config.calibrationWindow());
    }

    private static EnsembleModel.Scored withScore(EnsembleModel.Scored s, double score) {
        return new EnsembleModel.Scored(score, s.detectors(), s.reasons(), s.flowsBefore());
    }

    /** {@code lab.hostown=N}: the activity view's rank is also read against the source's own usual (N flows on). */
    static final class HostOwnActivity implements Rescorer {
        private final int minFlows;
        private final Map<String, double[]> own = new HashMap<>();
        private final LearningShare share;

        HostOwnActivity(int minFlows, ScoringConfig config) {
            this.minFlows = minFlows;
            this.share = LearningShare.of(config);
        }

        @Override
        public EnsembleModel.Scored rescore(ScoringLab.Flow fl, EnsembleModel.Scored s) {
            double raw = s.detectors().get(0).getRaw();
            double[] st = own.computeIfAbsent(fl.source(), k -> new double[3]);
            double activity = s.detectors().get(0).getCalibrated();
            if (st[0] >= minFlows) {
                double z = (raw - st[1]) / Math.max(0.25, Math.sqrt(st[2] / st[0]));
                activity = Math.min(activity, 0.5 * (1 + erf(z / Math.sqrt(2))));
            }
            if (share.take(fl.source(), fl.endNs())) {
                st[0]++;
                double d = raw - st[1];
                st[1] += d / st[0];
                st[2] += d * (raw - st[1]);
            }
            return withScore(s, s.detectors().size() > 1
                    ? Math.max(activity, s.detectors().get(1).getCalibrated()) : activity);
        }
    }

    /** {@code lab.finalshare=R:B}: one more calibrator over the combined score, fed by a share of its own. */
    static final class CombinedCalibration implements Rescorer {
        private final LearningShare share;
        private final QuantileCalibrator calibrator;
        private final int window;

        CombinedCalibration(LearningShare share, ScoringConfig config) {
            this.share = share;
            this.calibrator = calibrator(config);
            this.window = config.window();
        }

        @Override
        public EnsembleModel.Scored rescore(ScoringLab.Flow fl, EnsembleModel.Scored s) {
            double combined = s.score();
            double c = calibrator.examplesSeen() < window ? Math.min(combined, 0.5) : calibrator.calibrate(combined);
            if (combined != 0.5 && share.take(fl.source(), fl.endNs())) {
                calibrator.learn(combined);
            }
            return withScore(s, c);
        }
    }

    /** {@code lab.calshare=R:B}: each view recalibrated on the raw scores a share of its own admits; the max wins. */
    static final class OwnShareCalibration implements Rescorer {
        private final LearningShare share;
        private final ScoringConfig config;
        private final List<QuantileCalibrator> calibrators = new ArrayList<>();

        OwnShareCalibration(LearningShare share, ScoringConfig config) {
            this.share = share;
            this.config = config;
        }

        @Override
        public EnsembleModel.Scored rescore(ScoringLab.Flow fl, EnsembleModel.Scored s) {
            while (calibrators.size() < s.detectors().size()) {
                calibrators.add(calibrator(config));
            }
            boolean take = s.flowsBefore() >= config.window() && share.take(fl.source(), fl.endNs());
            double best = 0;
            for (int d = 0; d < calibrators.size(); d++) {
                double raw = s.detectors().get(d).getRaw();
                QuantileCalibrator c = calibrators.get(d);
                best = Math.max(best, c.examplesSeen() < config.window() ? 0.5 : c.calibrate(raw));
                if (take) {
                    c.learn(raw);
                }
            }
            return withScore(s, best);
        }
    }

    /** What an extra view reads of a flow: a key choosing its detector (null: one detector) and a vector. */
    interface ViewFeatures {
        String key(ScoringLab.Flow fl);

        double[] vector(ScoringLab.Flow fl);

        /** Flows a keyed detector must have learned before it scores. */
        int minLearned(int window);
    }

    /**
     * A view beside the model's: a detector per key over its own vector, one calibrator for all of them, under the
     * max ({@code replace}: instead of the model's second view).
     */
    static final class ExtraView implements Rescorer {
        private final ScoringConfig config;
        private final String detector;
        private final boolean replace;
        private final ViewFeatures features;
        private final Map<String, Pipeline.Detecting> detectors = new HashMap<>();
        private final Map<String, long[]> learned = new HashMap<>();
        private final QuantileCalibrator calibrator;
        private final LearningShare share;

        ExtraView(ScoringConfig config, String detector, String mode, ViewFeatures features) {
            this.config = config;
            this.detector = detector;
            this.replace = "replace".equals(mode);
            this.features = features;
            this.calibrator = calibrator(config);
            this.share = LearningShare.of(config);
        }

        @Override
        public EnsembleModel.Scored rescore(ScoringLab.Flow fl, EnsembleModel.Scored s) {
            double[] x = features.vector(fl);
            String key = features.key(fl);
            Pipeline.Detecting det = detectors.computeIfAbsent(key, k -> EnsembleFactory.create(detector, x.length,
                    config.seed(), config.window()));
            long[] n = learned.computeIfAbsent(key, k -> new long[1]);
            double raw = n[0] >= features.minLearned(config.window()) ? det.score(x) : Double.NaN;
            double c = Double.isNaN(raw) || calibrator.examplesSeen() < config.window() ? 0.5
                    : calibrator.calibrate(raw);
            if (share.take(fl.source(), fl.endNs())) {
                det.learn(x);
                n[0]++;
                if (!Double.isNaN(raw)) {
                    calibrator.learn(raw);
                }
            }
            double base = replace ? s.detectors().get(0).getCalibrated() : s.score();
            return withScore(s, Math.max(base, c));
        }
    }

    /** {@code lab.service}: the per-flow features, one detector per service (protocol, responder port). */
    record ServiceFeatures(int[] inputs, int min) implements ViewFeatures {
        @Override
        public String key(ScoringLab.Flow fl) {
            return fl.protocol() + "/" + (fl.port() < 49152 ? fl.port() : "dynamic");
        }

        @Override
        public double[] vector(ScoringLab.Flow fl) {
            double[] out = new double[inputs.length];
            for (int j = 0; j < out.length; j++) {
                out[j] = fl.x()[inputs[j]];
            }
            return out;
        }

        @Override
        public int minLearned(int window) {
            return min;
        }
    }

    /**
     * {@code lab.beacon=S}: beacon indicators of a flow among the flows before it within S seconds ({@code
     * lab.beacon.features}): r = 1 / distinct sources that reached its destination, s = seconds since its pair's
     * first flow, c = its pair's flows, p = s / sources.
     */
    static final class Beacons implements ViewFeatures {
        private final long windowNs;
        private final String features;
        private final Map<String, Map<String, Long>> sourcesByDestination = new HashMap<>();
        private final Map<String, ArrayDeque<Long>> pairTimes = new HashMap<>();

        Beacons(long windowNs, String features) {
            this.windowNs = windowNs;
            this.features = features;
        }

        @Override
        public String key(ScoringLab.Flow fl) {
            return "";
        }

        @Override
        public int minLearned(int window) {
            return window;
        }

        @Override
        public double[] vector(ScoringLab.Flow fl) {
            Map<String, Long> sources = sourcesByDestination.computeIfAbsent(fl.destination(), k -> new HashMap<>());
            sources.put(fl.source(), fl.endNs());
            sources.values().removeIf(t -> t < fl.endNs() - windowNs);
            ArrayDeque<Long> times = pairTimes.computeIfAbsent(fl.source() + ">" + fl.destination(),
                    k -> new ArrayDeque<>());
            times.addLast(fl.endNs());
            while (times.peekFirst() < fl.endNs() - windowNs) {
                times.removeFirst();
            }
            double ageS = (fl.endNs() - times.peekFirst()) / 1e9;
            double[] out = new double[features.length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (features.charAt(i)) {
                    case 'r' -> 1.0 / sources.size();
                    case 's' -> ageS;
                    case 'c' -> times.size();
                    case 'p' -> ageS / sources.size();
                    default -> throw new IllegalArgumentException("lab.beacon.features: " + features.charAt(i)
                            + ", expected r, s, c or p");
                };
            }
            return out;
        }
    }

    /** Upper-tail probability among the last {@code window} learned values, ties counted as at or above. */
    static final class Empirical {
        private final int window;
        private final ArrayDeque<Double> seen = new ArrayDeque<>();
        private double[] sorted = new double[0];
        private int sinceSort;

        Empirical(int window) {
            this.window = window;
        }

        /** Learns {@code v}; true when the sorted values were refreshed (every 16 values, every value below 64). */
        boolean learn(double v) {
            seen.addLast(v);
            if (seen.size() > window) {
                seen.removeFirst();
            }
            if (++sinceSort >= 16 || sorted.length < 64) {
                sinceSort = 0;
                sorted = seen.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                return true;
            }
            return false;
        }

        /** The learned values as last sorted. */
        double[] sorted() {
            return sorted;
        }

        double upperTail(double v, int minLearned) {
            if (sorted.length < minLearned) {
                return 1;
            }
            // First index with sorted[i] >= v: everything from there on is at or above v.
            int lo = 0;
            int hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] < v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return (sorted.length - lo + 1.0) / (sorted.length + 1.0);
        }
    }

    /**
     * {@code lab.tail=Q}: each view's score as an upper-tail probability, empirical below its Q quantile and an
     * exponential tail past it (peaks over threshold); the least probability wins. {@code lab.tail.views} names the
     * views so treated (the others keep their rank), {@code lab.tail.log} fits the tail on log1p of the raw score.
     */
    static final class TailProbability implements Rescorer {
        private final double q;
        private final String views;
        private final boolean log;
        private final ScoringConfig config;
        private final List<Tail> tails = new ArrayList<>();
        private final LearningShare share;

        TailProbability(double q, String views, boolean log, ScoringConfig config) {
            this.q = q;
            this.views = views;
            this.log = log;
            this.config = config;
            this.share = LearningShare.of(config);
        }

        private double raw(EnsembleModel.Scored s, int d) {
            double raw = s.detectors().get(d).getRaw();
            return log ? Math.log1p(Math.max(0, raw)) : raw;
        }

        @Override
        public EnsembleModel.Scored rescore(ScoringLab.Flow fl, EnsembleModel.Scored s) {
            while (tails.size() < s.detectors().size()) {
                tails.add(new Tail(q, config.calibrationWindow()));
            }
            double minP = 1;
            for (int d = 0; d < s.detectors().size(); d++) {
                double calibrated = s.detectors().get(d).getCalibrated();
                double p = views.indexOf((char) ('0' + d)) >= 0 ? tails.get(d).p(raw(s, d), config.window())
                        : calibrated == 0.5 ? 0.5 : 1 - calibrated;
                minP = Math.min(minP, p);
            }
            if (share.take(fl.source(), fl.endNs())) {
                for (int d = 0; d < s.detectors().size(); d++) {
                    tails.get(d).learn(raw(s, d));
                }
            }
            return withScore(s, 1 - minP);
        }
    }

    /** Empirical upper-tail probability with an exponential tail past quantile q, refitted every 16 scores. */
    static final class Tail {
        private final double q;
        private final Empirical values;
        private double threshold = Double.NaN;
        private double meanExcess = Double.NaN;

        Tail(double q, int window) {
            this.q = q;
            this.values = new Empirical(window);
        }

        void learn(double raw) {
            if (values.learn(raw)) {
                double[] sorted = values.sorted();
                int i = (int) Math.floor(q * (sorted.length - 1));
                threshold = sorted[i];
                double sum = 0;
                for (int j = i + 1; j < sorted.length; j++) {
                    sum += sorted[j] - threshold;
                }
                int n = sorted.length - i - 1;
                meanExcess = n == 0 ? Double.NaN : Math.max(1e-9, sum / n);
            }
        }

        double p(double raw, int minLearned) {
            double[] sorted = values.sorted();
            if (sorted.length < minLearned) {
                return 0.5;
            }
            if (raw > threshold && Double.isFinite(meanExcess)) {
                return (1 - q) * Math.exp(-(raw - threshold) / meanExcess);
            }
            int at = Arrays.binarySearch(sorted, raw);
            int below = at >= 0 ? at : -at - 1;
            return 1 - (double) below / sorted.length;
        }
    }

    /** Abramowitz and Stegun 7.1.26, to 1.5e-7. */
    static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }
}
