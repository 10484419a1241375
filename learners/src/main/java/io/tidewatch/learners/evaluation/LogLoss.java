package io.tidewatch.learners.evaluation;

/**
 * Mean negative log-likelihood of the true class, over a {@link Window}. Probabilities are clipped to
 * [1e-15, 1] (as scikit-learn and River do) so one confident mistake costs about 34.5 instead of infinity.
 */
public final class LogLoss implements PredictionObserver {

    static final double EPSILON = 1e-15;
    private final RunningMean mean;

    public LogLoss(Window window) {
        this.mean = new RunningMean(window);
    }

    @Override
    public void observe(int actual, double[] proba) {
        if (proba == null || actual < 0 || actual >= proba.length) {
            throw new IllegalArgumentException("actual class " + actual + ": expected an index into "
                    + (proba == null ? "null" : proba.length + " probabilities"));
        }
        double p = Math.min(1.0, Math.max(EPSILON, proba[actual]));
        mean.add(-Math.log(p));
    }

    public double value() {
        return mean.mean();
    }
}
