package io.tidewatch.learners.evaluation;

/** Something that scores a prediction (class probabilities) once its true class is known. */
public interface PredictionObserver {

    void observe(int actual, double[] proba);
}
