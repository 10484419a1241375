package io.tidewatch.learners.model;

/** A running feature transformer (scaling, log, hashing) that composes with detectors and classifiers into pipelines. */
public interface Transformer extends Learner {

    /** The transformed copy of {@code x} under the statistics learned so far; {@code x} is not modified. */
    double[] transform(double[] x);

    /** Updates the running statistics with {@code x}. */
    void learn(double[] x);
}
