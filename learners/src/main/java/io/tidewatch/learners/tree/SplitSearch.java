package io.tidewatch.learners.tree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Hoeffding split decision at one leaf: the best binary split of each observed attribute by information gain
 * (candidate thresholds evenly spaced between the attribute's minimum and maximum, class weights on each side
 * estimated from the per-class Gaussians), compared with the runner-up against the Hoeffding bound.
 * Ties between equal merits go to the later attribute and "no split" competes with merit -infinity, exactly as in
 * MOA, so that the same data grows the same tree.
 */
final class SplitSearch {

    /** What a split attempt concluded. */
    enum Outcome { KEEP, SPLIT, DEACTIVATE }

    private record Candidate(double merit, int feature, double threshold, double[] left, double[] right) {
    }

    private static final double LN2 = Math.log(2);

    private SplitSearch() {
    }

    /** The split node to put in place of {@code leaf}, or null; {@code outcome[0]} says what to do. */
    static SplitNode attempt(LeafNode leaf, TreeOptions opts, Outcome[] outcome) {
        outcome[0] = Outcome.KEEP;
        if (isPure(leaf.classDist) || leaf.features == null) {
            return null;
        }
        int numClasses = leaf.classDist.length;
        double[] pre = leaf.classDist;
        double preEntropy = entropy(pre);
        List<Candidate> candidates = new ArrayList<>(leaf.features.length + 1);
        candidates.add(new Candidate(Double.NEGATIVE_INFINITY, -1, 0, null, null));
        for (int j = 0; j < leaf.features.length; j++) {
            Candidate c = bestForAttribute(leaf.stats, j, leaf.features[j], numClasses, preEntropy);
            if (c != null) {
                candidates.add(c);
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::merit));
        boolean split;
        if (candidates.size() < 2) {
            split = true;
        } else {
            double bound = hoeffdingBound(rangeOfMerit(pre), opts.splitConfidence(), leaf.weightSeen());
            Candidate best = candidates.get(candidates.size() - 1);
            Candidate second = candidates.get(candidates.size() - 2);
            split = best.merit - second.merit > bound || bound < opts.tieThreshold();
        }
        if (!split) {
            return null;
        }
        Candidate decision = candidates.get(candidates.size() - 1);
        if (decision.feature < 0) {
            outcome[0] = Outcome.DEACTIVATE;
            return null;
        }
        SplitNode node = new SplitNode(decision.feature, decision.threshold, pre.clone());
        node.children[0] = new LeafNode(decision.left);
        node.children[1] = new LeafNode(decision.right);
        outcome[0] = Outcome.SPLIT;
        return node;
    }

    static boolean isPure(double[] dist) {
        int nonZero = 0;
        for (double d : dist) {
            if (d != 0) {
                nonZero++;
            }
        }
        return nonZero < 2;
    }

    static double hoeffdingBound(double range, double confidence, double n) {
        return Math.sqrt(range * range * Math.log(1.0 / confidence) / (2.0 * n));
    }

    /** log2 of the number of classes the distribution spans (at least 2), as MOA sizes its class vector. */
    private static double rangeOfMerit(double[] pre) {
        int len = 0;
        for (int c = 0; c < pre.length; c++) {
            if (pre[c] != 0) {
                len = c + 1;
            }
        }
        return log2(Math.max(len, 2));
    }

    private static Candidate bestForAttribute(double[] stats, int j, int feature, int numClasses, double preEntropy) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < numClasses; c++) {
            int at = (j * numClasses + c) * LeafNode.STRIDE;
            if (stats[at + LeafNode.W] > 0) {
                min = Math.min(min, stats[at + LeafNode.MIN]);
                max = Math.max(max, stats[at + LeafNode.MAX]);
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            return null;
        }
        // Evenly spaced thresholds come out ascending; equal neighbours are dropped (a sorted set of them).
        int bins = TreeOptions.SPLIT_POINTS_PER_ATTRIBUTE;
        double[] points = new double[bins];
        int count = 0;
        double range = max - min;
        for (int i = 0; i < bins; i++) {
            double v = range / (bins + 1.0) * (i + 1) + min;
            if (v > min && v < max && (count == 0 || Double.compare(points[count - 1], v) != 0)) {
                points[count++] = v;
            }
        }
        if (count > 1) {
            java.util.Arrays.sort(points, 0, count);
        }
        Candidate best = null;
        double[] left = new double[numClasses];
        double[] right = new double[numClasses];
        for (int p = 0; p < count; p++) {
            double threshold = points[p];
            java.util.Arrays.fill(left, 0.0);
            java.util.Arrays.fill(right, 0.0);
            for (int c = 0; c < numClasses; c++) {
                int at = (j * numClasses + c) * LeafNode.STRIDE;
                double w = stats[at + LeafNode.W];
                if (w <= 0) {
                    continue;
                }
                if (threshold < stats[at + LeafNode.MIN]) {
                    right[c] += w;
                } else if (threshold >= stats[at + LeafNode.MAX]) {
                    left[c] += w;
                } else {
                    double equal = LeafNode.density(stats, at, threshold) * w;
                    double sd = LeafNode.stdDev(stats, at);
                    double mean = stats[at + LeafNode.MEAN];
                    double less = sd > 0.0 ? NormalCdf.cdf((threshold - mean) / sd) * w - equal
                            : (threshold < mean ? w - equal : 0.0);
                    double greater = Math.max(0.0, w - equal - less);
                    left[c] += less + equal;
                    right[c] += greater;
                }
            }
            double merit = infoGain(preEntropy, left, right);
            if (best == null || merit > best.merit) {
                best = new Candidate(merit, feature, threshold, left.clone(), right.clone());
            }
        }
        return best;
    }

    static double infoGain(double preEntropy, double[] left, double[] right) {
        double sl = sum(left);
        double sr = sum(right);
        double total = sl + sr;
        int greater = (sl / total > TreeOptions.MIN_BRANCH_FRACTION ? 1 : 0)
                + (sr / total > TreeOptions.MIN_BRANCH_FRACTION ? 1 : 0);
        if (greater < 2) {
            return Double.NEGATIVE_INFINITY;
        }
        return preEntropy - (sl * entropy(left) + sr * entropy(right)) / total;
    }

    static double entropy(double[] dist) {
        double h = 0.0;
        double sum = 0.0;
        for (double d : dist) {
            if (d > 0.0) {
                h -= d * log2(d);
                sum += d;
            }
        }
        return sum > 0.0 ? (h + sum * log2(sum)) / sum : 0.0;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    private static double log2(double v) {
        return Math.log(v) / LN2;
    }
}
