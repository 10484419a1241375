package io.tidewatch.learners.evaluation;

/** ROC AUC and average precision of a finished stream of scores, exactly (one sort). */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    /** Probability that a random positive outscores a random negative, ties half; NaN if a class is absent. */
    public static double rocAuc(double[] scores, boolean[] positive) {
        return ScoreRanking.of(scores, positive).rocAuc();
    }

    /** Average precision (scikit-learn's definition, ties grouped); NaN without positives. */
    public static double averagePrecision(double[] scores, boolean[] positive) {
        return ScoreRanking.of(scores, positive).averagePrecision();
    }
}
