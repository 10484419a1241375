package io.tidewatch.learners.tree;

import java.util.Objects;

/**
 * The shape and hyper-parameters of a Hoeffding tree. The defaults are MOA 2024.07.0's {@code HoeffdingTree}
 * defaults: grace period 200, split confidence 1e-7, tie threshold 0.05, information gain with a minimum branch
 * fraction of 0.01, 10 candidate split points per numeric attribute, Naive Bayes adaptive leaves, every attribute
 * considered at every leaf ({@code subspaceSize} 0).
 *
 * @param numFeatures   length of every input vector, at least 1
 * @param numClasses    classes {@code 0 .. numClasses-1}, at least 2
 * @param gracePeriod   weight a leaf must see between two split attempts
 * @param splitConfidence the Hoeffding bound's delta: the allowed probability of choosing the wrong split
 * @param tieThreshold  split anyway once the bound is below this (the two best are then equally good)
 * @param leafPrediction how leaves vote
 * @param subspaceSize  attributes drawn at random for each new leaf (0 = all), as Adaptive Random Forest trees do
 */
public record TreeOptions(int numFeatures, int numClasses, int gracePeriod, double splitConfidence,
                          double tieThreshold, LeafPrediction leafPrediction, int subspaceSize) {

    public static final int DEFAULT_GRACE_PERIOD = 200;
    public static final double DEFAULT_SPLIT_CONFIDENCE = 1e-7;
    public static final double DEFAULT_TIE_THRESHOLD = 0.05;
    static final int SPLIT_POINTS_PER_ATTRIBUTE = 10;
    static final double MIN_BRANCH_FRACTION = 0.01;

    public TreeOptions {
        if (numFeatures < 1) {
            throw new IllegalArgumentException("numFeatures " + numFeatures + ": expected at least 1");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses " + numClasses + ": expected at least 2");
        }
        if (gracePeriod < 1) {
            throw new IllegalArgumentException("grace-period " + gracePeriod + ": expected a positive integer");
        }
        if (!(splitConfidence > 0 && splitConfidence < 1)) {
            throw new IllegalArgumentException("split-confidence " + splitConfidence + ": expected a number in (0, 1)");
        }
        if (!(tieThreshold >= 0 && tieThreshold <= 1)) {
            throw new IllegalArgumentException("tie-threshold " + tieThreshold + ": expected a number in [0, 1]");
        }
        Objects.requireNonNull(leafPrediction, "leafPrediction");
        if (subspaceSize < 0 || subspaceSize > numFeatures) {
            throw new IllegalArgumentException("subspace " + subspaceSize + ": expected 0 (all) to " + numFeatures);
        }
    }

    /** MOA's defaults for the given input shape. */
    public static TreeOptions defaults(int numFeatures, int numClasses) {
        return new TreeOptions(numFeatures, numClasses, DEFAULT_GRACE_PERIOD, DEFAULT_SPLIT_CONFIDENCE,
                DEFAULT_TIE_THRESHOLD, LeafPrediction.NAIVE_BAYES_ADAPTIVE, 0);
    }

    public TreeOptions withGracePeriod(int g) {
        return new TreeOptions(numFeatures, numClasses, g, splitConfidence, tieThreshold, leafPrediction, subspaceSize);
    }

    public TreeOptions withSplitConfidence(double c) {
        return new TreeOptions(numFeatures, numClasses, gracePeriod, c, tieThreshold, leafPrediction, subspaceSize);
    }

    public TreeOptions withTieThreshold(double t) {
        return new TreeOptions(numFeatures, numClasses, gracePeriod, splitConfidence, t, leafPrediction, subspaceSize);
    }

    public TreeOptions withLeafPrediction(LeafPrediction p) {
        return new TreeOptions(numFeatures, numClasses, gracePeriod, splitConfidence, tieThreshold, p, subspaceSize);
    }

    public TreeOptions withSubspaceSize(int m) {
        return new TreeOptions(numFeatures, numClasses, gracePeriod, splitConfidence, tieThreshold, leafPrediction, m);
    }
}
