package io.tidewatch.learners.evaluation;

import io.tidewatch.learners.model.Classifier;
import java.util.List;
import java.util.Objects;

/**
 * Progressive (prequential) validation: each example is first predicted, the prediction is scored by every
 * observer, and only then does the classifier learn from it. Every example is thus a test example for the model
 * that has not seen it yet, and the metrics track the model as it evolves.
 */
public final class PrequentialEvaluator {

    private final Classifier classifier;
    private final List<PredictionObserver> observers;
    private long processed;

    public PrequentialEvaluator(Classifier classifier, PredictionObserver... observers) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.observers = List.of(observers);
    }

    /** Predicts {@code x}, scores the prediction against {@code y}, then learns ({@code x}, {@code y}). */
    public double[] process(double[] x, int y) {
        if (y < 0 || y >= classifier.numClasses()) {
            throw new IllegalArgumentException("class " + y + ": expected 0.." + (classifier.numClasses() - 1));
        }
        double[] proba = classifier.predictProba(x);
        for (PredictionObserver o : observers) {
            o.observe(y, proba);
        }
        classifier.learn(x, y);
        processed++;
        return proba;
    }

    public long processed() {
        return processed;
    }

    public Classifier classifier() {
        return classifier;
    }
}
