package io.tidewatch.streams.scoring;

import io.tidewatch.learners.calibration.QuantileCalibrator;
import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.proto.v1.Contribution;
import io.tidewatch.proto.v1.DetectorScore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Specific indicators read beside the detectors ({@code scoring.indicators}): features that are near zero for
 * nearly every benign flow and large for one kind of attack, such as the beacon score of a (source, destination)
 * pair or repeated connections of one shape to one service. The detectors read the flow as a whole and cannot
 * weigh one such feature among a hundred (measured: as ordinary view features they lift nothing), so each is read
 * on its own:
 * <ul>
 * <li>its value becomes an upper-tail probability among the values flows taught it (a quantile sketch over the
 * calibration window, fed by the same fair share as the calibrators, so one source's repeats cannot make the
 * tail);</li>
 * <li>it counts as evidence only within its top {@code scoring.indicators.top} share (5%): below that, probability
 * 1, so the many benign flows where an indicator is merely non-zero change nothing;</li>
 * <li>the probabilities and the detectors' (1 - score) combine by Fisher's method: -2 sum ln p is chi-square with
 * 2k degrees of freedom. Where no indicator fires the combined score is a monotone function of the detectors'
 * score, so their order is kept; where one fires, it adds its evidence to theirs.</li>
 * </ul>
 * Fisher's scale is stricter than a rank: a detectors' score of 0.99 alone becomes about 0.84 with two
 * indicators, so the alert threshold reads stronger evidence than before (see the streams-app README).
 */
public final class Indicators {

    /** The least probability the detectors' score counts as: a score of exactly 1 must not be infinite evidence. */
    static final double MIN_P = 1e-6;

    private final String[] names;
    private final int[] at;
    private final QuantileCalibrator[] tails;
    private final double top;

    private Indicators(String[] names, int[] at, QuantileCalibrator[] tails, double top) {
        this.names = names;
        this.at = at;
        this.tails = tails;
        this.top = top;
    }

    /**
     * Fresh indicators for the configured names present in {@code features} (an older feature set without them
     * simply has fewer indicators).
     */
    static Indicators create(List<String> features, ScoringConfig config) {
        String[] present = present(features, config);
        QuantileCalibrator[] tails = new QuantileCalibrator[present.length];
        for (int i = 0; i < tails.length; i++) {
            tails[i] = new QuantileCalibrator(QuantileCalibrator.DEFAULT_K, config.calibrationWindow());
        }
        return of(present, features, tails, config);
    }

    /** The configured indicators {@code features} has, in configured order. */
    private static String[] present(List<String> features, ScoringConfig config) {
        return config.indicators().stream().filter(features::contains).toArray(String[]::new);
    }

    private static Indicators of(String[] names, List<String> features, QuantileCalibrator[] tails,
            ScoringConfig config) {
        int[] at = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            at[i] = features.indexOf(names[i]);
        }
        return new Indicators(names, at, tails, config.indicatorsTop());
    }

    int size() {
        return names.length;
    }

    /**
     * Each indicator's evidence for {@code x}: its upper-tail probability among the learned values, divided by the
     * top share and capped at 1; 1 until it has learned {@code minLearned} values (no basis, no claim).
     */
    double[] probabilities(double[] x, int minLearned) {
        double[] p = new double[names.length];
        for (int i = 0; i < p.length; i++) {
            QuantileCalibrator tail = tails[i];
            long n = tail.examplesSeen();
            if (n < minLearned) {
                p[i] = 1;
                continue;
            }
            // The mid-rank's complement, but never below what n values can tell apart: a value above all of them
            // is 1 in n + 1, not certain.
            double upper = Math.max(1 - tail.calibrate(x[at[i]]), 1.0 / (n + 1));
            p[i] = Math.min(1, upper / top);
        }
        return p;
    }

    /** Learns {@code x}'s indicator values. */
    void learn(double[] x) {
        for (int i = 0; i < names.length; i++) {
            tails[i].learn(x[at[i]]);
        }
    }

    /** Each indicator as a detector score: its value raw, 1 - its evidence probability calibrated. */
    void addScores(double[] x, double[] p, List<DetectorScore> out) {
        for (int i = 0; i < names.length; i++) {
            out.add(DetectorScore.newBuilder().setDetector(scoreName(names[i])).setRaw(x[at[i]])
                    .setCalibrated(1 - p[i]).build());
        }
    }

    /**
     * The name an indicator's score goes by ({@code tidewatch.scores.<name>}): its feature's last part, so that
     * {@code pair.beacon} reads {@code beacon} and no dot makes a deeper object of it in a SIEM.
     */
    static String scoreName(String feature) {
        return feature.substring(feature.lastIndexOf('.') + 1).replace('_', '-');
    }

    /**
     * The explanation: every indicator that fired ("beacon regularity ...: 0.93, top 0.10% of flows") and
     * {@code detectors}' reasons not already named, in the order of their part of Fisher's statistic, at most
     * {@code max}. An indicator's weight is its share of the statistic; the detectors' reasons share what is left
     * as they shared their own, so a flood that the detectors find extreme is explained by what they saw first,
     * even where an indicator fired weakly beside them.
     */
    List<Contribution> explain(double[] x, double[] p, double pModel, List<Contribution> detectors, int max) {
        double total = -2 * Math.log(pModel);
        for (double pi : p) {
            total += -2 * Math.log(pi);
        }
        List<Contribution> out = new ArrayList<>(max + names.length);
        List<String> named = new ArrayList<>();
        double used = 0;
        for (int i = 0; i < names.length; i++) {
            if (p[i] >= 1) {
                continue;
            }
            double share = total > 0 ? -2 * Math.log(p[i]) / total : 0;
            used += share;
            double tail = p[i] * top;
            out.add(Contribution.newBuilder().setFeature(names[i]).setValue(x[at[i]]).setTypical(0).setWeight(share)
                    .setText(FeatureWording.describe(names[i]) + ": " + ReasonNumbers.format(x[at[i]]) + ", top "
                            + ReasonNumbers.format(100 * tail) + "% of flows")
                    .build());
            named.add(names[i]);
        }
        if (out.isEmpty()) {
            return detectors;
        }
        for (Contribution c : detectors) {
            if (!named.contains(c.getFeature())) {
                out.add(c.toBuilder().setWeight(c.getWeight() * (1 - used)).build());
            }
        }
        // Stable: among equal weights the indicators stay first.
        out.sort((a, b) -> Double.compare(b.getWeight(), a.getWeight()));
        return out.size() > max ? List.copyOf(out.subList(0, max)) : out;
    }

    /**
     * The score of a flow the detectors scored {@code detectorsScore} and the indicators found {@code p}: 1 - their
     * {@link #fisher} combination, the detectors' probability being 1 - their score (at least {@link #MIN_P}).
     */
    public static double combine(double detectorsScore, double[] p) {
        return 1 - fisher(pDetectors(detectorsScore), p);
    }

    static double pDetectors(double detectorsScore) {
        return Math.max(MIN_P, 1 - detectorsScore);
    }

    /**
     * Fisher's combination of {@code pModel} and {@code p}: the probability, were all of them uniform, of a
     * statistic -2 sum ln p at least this large (chi-square with 2k degrees of freedom, k = 1 + p.length, whose
     * survival function is e^(-s) sum_{i<k} s^i / i! with s half the statistic).
     */
    static double fisher(double pModel, double[] p) {
        double s = -Math.log(pModel);
        for (double pi : p) {
            s += -Math.log(pi);
        }
        double term = 1;
        double sum = 1;
        for (int i = 1; i <= p.length; i++) {
            term *= s / i;
            sum += term;
        }
        return Math.min(1, Math.exp(-s) * sum);
    }

    /** Folds {@code other}'s learned tails in where both read the same indicator. */
    void merge(Indicators other) {
        for (int i = 0; i < names.length; i++) {
            int j = Arrays.asList(other.names).indexOf(names[i]);
            if (j >= 0) {
                tails[i].merge(other.tails[j]);
            }
        }
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(names.length);
        for (int i = 0; i < names.length; i++) {
            out.writeUTF(names[i]);
            byte[] b = ModelCodec.encode(tails[i]);
            out.writeInt(b.length);
            out.write(b);
        }
    }

    /**
     * The indicators written by {@link #write}, or fresh ones when the stored names differ from the configured ones
     * present in {@code features} (a changed {@code scoring.indicators} starts their tails over; the detectors keep
     * what they learned).
     */
    static Indicators read(DataInputStream in, List<String> features, ScoringConfig config) throws IOException {
        int k = in.readInt();
        if (k < 0 || k > 64) {
            throw new IllegalArgumentException("stored scoring model: " + k + " indicators is corrupt, expected 0..64");
        }
        String[] names = new String[k];
        QuantileCalibrator[] tails = new QuantileCalibrator[k];
        for (int i = 0; i < k; i++) {
            names[i] = in.readUTF();
            int n = in.readInt();
            if (n < 0 || n > (1 << 26)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "stored scoring model: indicator %s of %d bytes is corrupt", names[i], n));
            }
            byte[] b = new byte[n];
            in.readFully(b);
            tails[i] = ModelCodec.decode(b, QuantileCalibrator.class);
        }
        if (!Arrays.equals(names, present(features, config))) {
            return create(features, config);
        }
        return of(names, features, tails, config);
    }
}
