package io.tidewatch.streams.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.learners.transform.Log1p;
import io.tidewatch.learners.transform.StandardScaler;
import io.tidewatch.proto.v1.Contribution;
import io.tidewatch.streams.features.FeatureSets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Explanations name the same features with the same texts and weights as the sort-everything version did. */
class FeatureBaselineTest {

    private static final List<String> NAMES = FeatureSets.names(FeatureSets.FLOW_V1);

    /** The explanation as it was computed before selecting the top features: a full sort and String.format. */
    private static List<Contribution> bySorting(StandardScaler stats, double[] x, List<String> names, int max) {
        if (stats.examplesSeen() < 2) {
            return List.of();
        }
        double[] t = new Log1p().transform(x);
        int n = Math.min(t.length, names.size());
        double[] z = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            double sd = Math.sqrt(stats.variance(i));
            double d = t[i] - stats.mean(i);
            z[i] = sd > 1e-9 ? d / sd : d / 0.1;
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(z[b]), Math.abs(z[a])));
        List<Integer> picked = new ArrayList<>();
        for (int k = 0; k < n && picked.size() < max; k++) {
            int i = order[k];
            if (Math.abs(z[i]) < 1e-9 || (picked.size() >= 3 && Math.abs(z[i]) < FeatureBaseline.NOTABLE_Z)) {
                break;
            }
            picked.add(i);
        }
        double total = 0;
        for (int i : picked) {
            total += Math.abs(z[i]);
        }
        List<Contribution> out = new ArrayList<>();
        for (int i : picked) {
            double typical = Math.copySign(Math.expm1(Math.abs(stats.mean(i))), stats.mean(i));
            String text = FeatureWording.describe(names.get(i)) + ": " + format(x[i]) + ", usual ~" + format(typical);
            out.add(Contribution.newBuilder().setFeature(names.get(i)).setValue(x[i]).setTypical(typical)
                    .setWeight(total > 0 ? Math.abs(z[i]) / total : 0).setText(text).build());
        }
        return out;
    }

    private static String format(double v) {
        double a = Math.abs(v);
        if (a >= 100 || Math.rint(v) == v) {
            return String.format(Locale.ROOT, "%,d", Math.round(v));
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return a >= 0.01 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.2g", v);
    }

    /** A flow-like vector: counts, fractions, a few constant features, and sometimes a burst in a few of them. */
    private static double[] flow(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (i % 5) {
                case 0 -> r.nextInt(20);
                case 1 -> r.nextDouble() * 3;
                case 2 -> 0;
                case 3 -> r.nextInt(3) == 0 ? 1e-3 * r.nextInt(10) : 40 + r.nextInt(3);
                default -> -r.nextDouble();
            };
        }
        if (r.nextInt(4) == 0) {
            for (int k = 0; k < 1 + r.nextInt(8); k++) {
                x[r.nextInt(n)] = r.nextInt(3) == 0 ? 1e6 * r.nextDouble() : r.nextInt(5) * 1000.0;
            }
        }
        return x;
    }

    @Test
    void explanationsAreTheFullSortOnes() {
        SplittableRandom r = new SplittableRandom(11);
        StandardScaler stats = new StandardScaler(NAMES.size());
        FeatureBaseline baseline = new FeatureBaseline(stats);
        List<String> otherNames = new ArrayList<>(NAMES); // an equal list, not the same one: wordings are rebuilt
        int named = 0;
        for (int i = 0; i < 3000; i++) {
            double[] x = flow(r, NAMES.size());
            List<String> names = i % 500 == 499 ? otherNames : NAMES;
            int max = 1 + i % 7;
            List<Contribution> expected = bySorting(stats, x, names, max);
            assertEquals(expected, baseline.explain(x, names, max), "flow " + i);
            named += expected.size();
            baseline.learn(x);
        }
        assertTrue(named > 3000, "explanations named " + named + " features");
    }
}
