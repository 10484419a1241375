package io.tidewatch.learners.evaluation;

import java.util.Arrays;

/**
 * The scores of positives and of negatives, each kept sorted, with the count of correctly ordered
 * (positive, negative) pairs maintained on every insert and remove: ROC AUC is then exact at any time and an
 * update costs two binary searches and one array shift (a memmove, fast for windows of thousands).
 */
final class ScoreRanking {

    private double[] pos;
    private double[] neg;
    private int numPos;
    private int numNeg;
    /** Twice the Mann-Whitney U: 2 per correctly ordered pair, 1 per tie; kept in a long so it stays exact. */
    private long twiceU;

    ScoreRanking(int capacity) {
        pos = new double[Math.max(16, capacity)];
        neg = new double[Math.max(16, capacity)];
    }

    void insert(double score, boolean positive) {
        if (positive) {
            twiceU += 2L * lowerBound(neg, numNeg, score) + equal(neg, numNeg, score);
            pos = grow(pos, numPos);
            numPos = insertSorted(pos, numPos, score);
        } else {
            twiceU += 2L * (numPos - upperBound(pos, numPos, score)) + equal(pos, numPos, score);
            neg = grow(neg, numNeg);
            numNeg = insertSorted(neg, numNeg, score);
        }
    }

    void remove(double score, boolean positive) {
        if (positive) {
            numPos = removeSorted(pos, numPos, score);
            twiceU -= 2L * lowerBound(neg, numNeg, score) + equal(neg, numNeg, score);
        } else {
            numNeg = removeSorted(neg, numNeg, score);
            twiceU -= 2L * (numPos - upperBound(pos, numPos, score)) + equal(pos, numPos, score);
        }
    }

    /** Probability that a random positive outscores a random negative (ties count half); NaN if a class is absent. */
    double rocAuc() {
        if (numPos == 0 || numNeg == 0) {
            return Double.NaN;
        }
        return twiceU / (2.0 * numPos * numNeg);
    }

    /**
     * Average precision as scikit-learn defines it: sum over distinct score thresholds, from high to low, of the
     * recall gained times the precision there; NaN without positives.
     */
    double averagePrecision() {
        if (numPos == 0) {
            return Double.NaN;
        }
        int i = numPos - 1;
        int j = numNeg - 1;
        double ap = 0;
        while (i >= 0) {
            double t = Math.max(pos[i], j >= 0 ? neg[j] : Double.NEGATIVE_INFINITY);
            int gained = 0;
            while (i >= 0 && pos[i] == t) {
                i--;
                gained++;
            }
            while (j >= 0 && neg[j] == t) {
                j--;
            }
            if (gained > 0) {
                int tp = numPos - 1 - i;
                int fp = numNeg - 1 - j;
                ap += ((double) gained / numPos) * ((double) tp / (tp + fp));
            }
        }
        return ap;
    }

    int positives() {
        return numPos;
    }

    int negatives() {
        return numNeg;
    }

    /** Builds from whole arrays at once (sorting), for metrics over a finished stream. */
    static ScoreRanking of(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("scores and labels: lengths " + scores.length + " and "
                    + positive.length + " differ");
        }
        ScoreRanking r = new ScoreRanking(0);
        int p = 0;
        for (boolean b : positive) {
            p += b ? 1 : 0;
        }
        r.pos = new double[p];
        r.neg = new double[scores.length - p];
        for (int k = 0; k < scores.length; k++) {
            checkScore(scores[k]);
            if (positive[k]) {
                r.pos[r.numPos++] = scores[k];
            } else {
                r.neg[r.numNeg++] = scores[k];
            }
        }
        Arrays.sort(r.pos);
        Arrays.sort(r.neg);
        // One merge walk gives U without per-element binary searches.
        long twiceU = 0;
        int lo = 0;
        int hi = 0;
        for (int k = 0; k < r.numPos; k++) {
            double s = r.pos[k];
            while (lo < r.numNeg && r.neg[lo] < s) {
                lo++;
            }
            hi = Math.max(hi, lo);
            while (hi < r.numNeg && r.neg[hi] == s) {
                hi++;
            }
            twiceU += 2L * lo + (hi - lo);
        }
        r.twiceU = twiceU;
        return r;
    }

    static void checkScore(double score) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score NaN: expected a number");
        }
    }

    private static double[] grow(double[] a, int n) {
        return n < a.length ? a : Arrays.copyOf(a, Math.max(16, a.length * 2));
    }

    private static int insertSorted(double[] a, int n, double v) {
        int at = upperBound(a, n, v);
        System.arraycopy(a, at, a, at + 1, n - at);
        a[at] = v;
        return n + 1;
    }

    private static int removeSorted(double[] a, int n, double v) {
        int at = lowerBound(a, n, v);
        if (at >= n || a[at] != v) {
            throw new IllegalStateException("score " + v + " is not in the window");
        }
        System.arraycopy(a, at + 1, a, at, n - at - 1);
        return n - 1;
    }

    private static int equal(double[] a, int n, double v) {
        return upperBound(a, n, v) - lowerBound(a, n, v);
    }

    /** First index with a[i] &gt;= v. */
    private static int lowerBound(double[] a, int n, double v) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index with a[i] &gt; v. */
    private static int upperBound(double[] a, int n, double v) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
