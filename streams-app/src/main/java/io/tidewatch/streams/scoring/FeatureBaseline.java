package io.tidewatch.streams.scoring;

import io.tidewatch.learners.transform.Log1p;
import io.tidewatch.learners.transform.StandardScaler;
import io.tidewatch.proto.v1.Contribution;
import java.util.ArrayList;
import java.util.List;

/**
 * What is usual for each feature, for explanations: running mean and standard deviation of the signed
 * {@code log1p} of every feature (a learners {@link StandardScaler}, so it is stored through the model codec like
 * the detectors). A flow's deviation per feature is its z-score on that scale; the largest deviations are the
 * features named in its explanation, with the usual value read back as {@code expm1(mean)}, a geometric-mean-like
 * typical value that one elephant flow does not drag. The detectors themselves are not asked: half of them (Loda
 * projections, autoencoders) have no per-feature attribution, and a z-score on the same transformed scale the
 * detectors see is what an analyst can check.
 */
public final class FeatureBaseline {

    /** Deviations below this many standard deviations are not worth naming once the first reasons are given. */
    static final double NOTABLE_Z = 3.0;
    private static final int ALWAYS = 3;

    private final StandardScaler stats;
    private final Log1p log = new Log1p();
    private Wording wording = new Wording(List.of(), new String[0]);

    public FeatureBaseline(StandardScaler stats) {
        if (stats == null) {
            throw new IllegalArgumentException("feature baseline: expected a scaler, got null");
        }
        this.stats = stats;
    }

    public StandardScaler stats() {
        return stats;
    }

    /**
     * The features of {@code x} furthest from usual, most deviant first: always the top 3, then up to
     * {@code max} while the deviation is at least 3 standard deviations. Weights are shares of the named
     * deviations. Empty until two flows were learned.
     */
    public List<Contribution> explain(double[] x, List<String> names, int max) {
        if (stats.examplesSeen() < 2) {
            return List.of();
        }
        double[] t = log.transform(x);
        int n = Math.min(t.length, names.size());
        double[] z = new double[n]; // |z-score| of each feature
        for (int i = 0; i < n; i++) {
            double sd = Math.sqrt(stats.variance(i));
            double d = t[i] - stats.mean(i);
            // A feature that never varied is notable as soon as it moves; scale its change as a 1-sd unit of 0.1.
            z[i] = Math.abs(sd > 1e-9 ? d / sd : d / 0.1);
        }
        // Only the first max of the order by |z| can be named: select them rather than sort all features.
        int[] order = TopK.indices(z, max);
        int picked = 0;
        for (int k = 0; k < order.length; k++) {
            double a = z[order[k]];
            if (a < 1e-9 || (picked >= ALWAYS && a < NOTABLE_Z)) {
                break;
            }
            picked++;
        }
        double total = 0;
        for (int k = 0; k < picked; k++) {
            total += z[order[k]];
        }
        List<Contribution> out = new ArrayList<>(picked);
        for (int k = 0; k < picked; k++) {
            int i = order[k];
            double typical = Math.copySign(Math.expm1(Math.abs(stats.mean(i))), stats.mean(i));
            String text = wording(names, i) + ": " + ReasonNumbers.format(x[i]) + ", usual ~"
                    + ReasonNumbers.format(typical);
            out.add(Contribution.newBuilder().setFeature(names.get(i)).setValue(x[i]).setTypical(typical)
                    .setWeight(total > 0 ? z[i] / total : 0).setText(text).build());
        }
        return out;
    }

    /**
     * The wording of feature {@code i}, worked out once per name list: only a few features are named per flow,
     * but the wording's pattern matching cost more than the rest of the explanation.
     */
    private String wording(List<String> names, int i) {
        Wording w = wording;
        if (w.names() != names) {
            w = new Wording(names, new String[names.size()]);
            wording = w;
        }
        String text = w.words()[i];
        if (text == null) {
            text = FeatureWording.describe(names.get(i));
            w.words()[i] = text;
        }
        return text;
    }

    /** The wordings of one name list, filled as features get named. */
    private record Wording(List<String> names, String[] words) {
    }

    /** Learns {@code x} into the running statistics. */
    public void learn(double[] x) {
        stats.learn(log.transform(x));
    }
}
