package io.tidewatch.cli.report;

/**
 * The supervised model's progressive-validation figures after it had learned from {@code examplesSeen} labels.
 * Metrics not yet defined (e.g. ROC AUC before both classes were seen) are NaN.
 *
 * @param examplesSeen labelled examples learned so far
 * @param accuracy     in [0, 1]
 * @param precision    of the malicious class, in [0, 1]
 * @param recall       of the malicious class, in [0, 1]
 * @param f1           of the malicious class, in [0, 1]
 * @param rocAuc       in [0, 1]
 * @param kappa        Cohen's kappa, in [-1, 1]
 * @param modelVersion version of the model published at that point
 */
public record LearningPoint(long examplesSeen, double accuracy, double precision, double recall, double f1,
                            double rocAuc, double kappa, long modelVersion) {

    public LearningPoint {
        if (examplesSeen < 0) {
            throw new IllegalArgumentException("examples seen " + examplesSeen + ": expected >= 0");
        }
        Scores.checkUnitOrNaN("accuracy at " + examplesSeen + " examples", accuracy);
        Scores.checkUnitOrNaN("precision at " + examplesSeen + " examples", precision);
        Scores.checkUnitOrNaN("recall at " + examplesSeen + " examples", recall);
        Scores.checkUnitOrNaN("F1 at " + examplesSeen + " examples", f1);
        Scores.checkUnitOrNaN("ROC AUC at " + examplesSeen + " examples", rocAuc);
        if (!Double.isNaN(kappa) && !(kappa >= -1 && kappa <= 1)) {
            throw new IllegalArgumentException("kappa at " + examplesSeen + " examples " + kappa
                    + ": expected a number in [-1, 1]");
        }
        if (modelVersion < 0) {
            throw new IllegalArgumentException("model version " + modelVersion + ": expected >= 0");
        }
    }
}
