package io.tidewatch.cli.report;

import java.util.Arrays;

/**
 * The ROC curve of a score against binary truth: (false positive rate, true positive rate) at every distinct score
 * threshold, from the strictest (0, 0) to the loosest (1, 1). Tied scores form one step, so the trapezoid area
 * under the curve equals the Mann-Whitney AUC with ties counted half.
 */
public final class RocCurve {

    private final double[] fpr;
    private final double[] tpr;

    private RocCurve(double[] fpr, double[] tpr) {
        this.fpr = fpr;
        this.tpr = tpr;
    }

    /** Builds the curve; both classes must be present. */
    public static RocCurve of(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("scores and labels: lengths " + scores.length + " and "
                    + positive.length + " differ");
        }
        int n = scores.length;
        int numPos = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score NaN at index " + i + ": expected a number");
            }
            numPos += positive[i] ? 1 : 0;
        }
        int numNeg = n - numPos;
        if (numPos == 0 || numNeg == 0) {
            throw new IllegalArgumentException("ROC curve of " + numPos + " positives and " + numNeg
                    + " negatives: expected at least one of each");
        }
        // Each side sorted on its own (primitive sorts, no boxing), then merged from the highest score down.
        double[] pos = new double[numPos];
        double[] neg = new double[numNeg];
        for (int i = 0, p = 0, q = 0; i < n; i++) {
            if (positive[i]) {
                pos[p++] = scores[i];
            } else {
                neg[q++] = scores[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        double[] fpr = new double[n + 1];
        double[] tpr = new double[n + 1];
        int points = 1;
        int i = numPos - 1;
        int j = numNeg - 1;
        while (i >= 0 || j >= 0) {
            double s = Math.max(i >= 0 ? pos[i] : Double.NEGATIVE_INFINITY,
                    j >= 0 ? neg[j] : Double.NEGATIVE_INFINITY);
            while (i >= 0 && pos[i] == s) {
                i--;
            }
            while (j >= 0 && neg[j] == s) {
                j--;
            }
            fpr[points] = (double) (numNeg - 1 - j) / numNeg;
            tpr[points] = (double) (numPos - 1 - i) / numPos;
            points++;
        }
        return new RocCurve(Arrays.copyOf(fpr, points), Arrays.copyOf(tpr, points));
    }

    /** Points on the curve, (0, 0) first and (1, 1) last. */
    public int size() {
        return fpr.length;
    }

    public double fpr(int i) {
        return fpr[i];
    }

    public double tpr(int i) {
        return tpr[i];
    }

    /** Trapezoid area under the curve. */
    public double area() {
        double a = 0;
        for (int i = 1; i < fpr.length; i++) {
            a += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2;
        }
        return a;
    }

    /**
     * At most {@code maxPoints} points for plotting: the curve's corners where it turns, then an even thinning if
     * still too many. The first and last points are always kept.
     */
    public double[][] plotPoints(int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("max points " + maxPoints + ": expected at least 2");
        }
        // A point on a straight segment between its neighbours adds nothing to the drawing.
        int[] keep = new int[fpr.length];
        int kept = 0;
        for (int i = 0; i < fpr.length; i++) {
            boolean end = i == 0 || i == fpr.length - 1;
            if (end || !collinear(i - 1, i, i + 1)) {
                keep[kept++] = i;
            }
        }
        int step = (int) Math.ceil((double) kept / maxPoints);
        double[] x = new double[Math.min(kept, maxPoints + 1)];
        double[] y = new double[x.length];
        int m = 0;
        for (int j = 0; j < kept && m < x.length; j += Math.max(1, step)) {
            x[m] = fpr[keep[j]];
            y[m] = tpr[keep[j]];
            m++;
        }
        if (x[m - 1] != fpr[fpr.length - 1] || y[m - 1] != tpr[tpr.length - 1]) {
            if (m == x.length) {
                m--;
            }
            x[m] = fpr[fpr.length - 1];
            y[m] = tpr[tpr.length - 1];
            m++;
        }
        return new double[][] {Arrays.copyOf(x, m), Arrays.copyOf(y, m)};
    }

    private boolean collinear(int a, int b, int c) {
        double cross = (fpr[b] - fpr[a]) * (tpr[c] - tpr[a]) - (tpr[b] - tpr[a]) * (fpr[c] - fpr[a]);
        return Math.abs(cross) < 1e-12;
    }
}
