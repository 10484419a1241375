package io.tidewatch.learners.evaluation;

/**
 * Exact ROC AUC and average precision over the last {@code size} (score, label) pairs, updated per example in
 * O(log n) searches plus one array shift. For a classifier the score is the probability of {@code positiveClass};
 * anomaly detectors feed their raw scores through {@link #add}.
 */
public final class WindowedRocAuc implements PredictionObserver {

    private final int size;
    private final int positiveClass;
    private final double[] ringScore;
    private final boolean[] ringLabel;
    private final ScoreRanking ranking;
    private long seen;

    public WindowedRocAuc(int size, int positiveClass) {
        if (size < 1) {
            throw new IllegalArgumentException("AUC window size " + size + ": expected at least 1");
        }
        if (positiveClass < 0) {
            throw new IllegalArgumentException("positive class " + positiveClass + ": expected >= 0");
        }
        this.size = size;
        this.positiveClass = positiveClass;
        this.ringScore = new double[size];
        this.ringLabel = new boolean[size];
        this.ranking = new ScoreRanking(Math.min(size, 1024));
    }

    @Override
    public void observe(int actual, double[] proba) {
        if (proba == null || positiveClass >= proba.length) {
            throw new IllegalArgumentException("probabilities: expected at least " + (positiveClass + 1)
                    + " values, got " + (proba == null ? "null" : proba.length));
        }
        add(proba[positiveClass], actual == positiveClass);
    }

    /** Adds one scored example; the oldest leaves once the window is full. */
    public void add(double score, boolean positive) {
        ScoreRanking.checkScore(score);
        int slot = (int) (seen % size);
        if (seen >= size) {
            ranking.remove(ringScore[slot], ringLabel[slot]);
        }
        ranking.insert(score, positive);
        ringScore[slot] = score;
        ringLabel[slot] = positive;
        seen++;
    }

    /** ROC AUC of the window; NaN while it holds no positive or no negative. */
    public double rocAuc() {
        return ranking.rocAuc();
    }

    /** Average precision of the window; NaN while it holds no positive. */
    public double averagePrecision() {
        return ranking.averagePrecision();
    }

    public long seen() {
        return seen;
    }
}
