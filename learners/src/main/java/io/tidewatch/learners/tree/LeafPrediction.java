package io.tidewatch.learners.tree;

/** How a Hoeffding tree leaf turns its statistics into class votes. */
public enum LeafPrediction {
    /** The leaf's class counts. */
    MAJORITY_CLASS,
    /** Naive Bayes over the leaf's per-class Gaussian attribute estimators. */
    NAIVE_BAYES,
    /** Whichever of the two has been right more often at this leaf (MOA's default, "NBAdaptive"). */
    NAIVE_BAYES_ADAPTIVE
}
