package io.tidewatch.learners.model;

/**
 * An unsupervised anomaly detector: {@code score} then {@code learn}, one record at a time. Higher is more anomalous.
 * Scores are in the detector's own units; {@code io.tidewatch.learners.calibration} maps them to [0, 1].
 */
public interface Detector extends Learner {

    /** Anomaly score of {@code x} under the model as it is now; does not change the model. */
    double score(double[] x);

    /** Updates the model with {@code x}. */
    void learn(double[] x);

    /** Convenience for progressive use: the score before learning, then learn. */
    default double scoreThenLearn(double[] x) {
        double s = score(x);
        learn(x);
        return s;
    }
}
