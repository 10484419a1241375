package io.tidewatch.learners.catalog;

import io.tidewatch.learners.ensemble.AdaptiveRandomForest;
import io.tidewatch.learners.tree.HoeffdingAdaptiveTree;
import io.tidewatch.learners.tree.HoeffdingTree;
import io.tidewatch.learners.tree.LeafPrediction;
import io.tidewatch.learners.tree.TreeOptions;
import java.util.Locale;

/** Reads the params of the tree learners ({@code grace-period}, {@code split-confidence}, {@code trees}, ...). */
final class TreeParams {

    private TreeParams() {
    }

    static HoeffdingTree hoeffdingTree(int numFeatures, int numClasses, Params p) {
        return new HoeffdingTree(options(numFeatures, numClasses, p));
    }

    static HoeffdingAdaptiveTree hoeffdingAdaptiveTree(int numFeatures, int numClasses, Params p) {
        return new HoeffdingAdaptiveTree(options(numFeatures, numClasses, p));
    }

    /** {@code grace-period}, {@code split-confidence}, {@code tie-threshold}, {@code leaf-prediction} (mc, nb, nba). */
    static TreeOptions options(int numFeatures, int numClasses, Params p) {
        TreeOptions d = TreeOptions.defaults(numFeatures, numClasses);
        return d.withGracePeriod(p.getInt("grace-period", d.gracePeriod()))
                .withSplitConfidence(p.getDouble("split-confidence", d.splitConfidence()))
                .withTieThreshold(p.getDouble("tie-threshold", d.tieThreshold()))
                .withLeafPrediction(leafPrediction(p.getString("leaf-prediction", "nba")));
    }

    private static LeafPrediction leafPrediction(String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "mc":
                return LeafPrediction.MAJORITY_CLASS;
            case "nb":
                return LeafPrediction.NAIVE_BAYES;
            case "nba":
                return LeafPrediction.NAIVE_BAYES_ADAPTIVE;
            default:
                throw new IllegalArgumentException("param leaf-prediction='" + v + "': expected mc, nb or nba");
        }
    }

    /**
     * {@code trees}, {@code seed}, {@code lambda}, {@code subspace}, {@code grace-period}, {@code split-confidence},
     * {@code tie-threshold}, {@code warning-delta}, {@code drift-delta}; MOA's defaults otherwise.
     */
    static AdaptiveRandomForest forest(int numFeatures, int numClasses, Params p) {
        return new AdaptiveRandomForest(numFeatures, numClasses,
                p.getInt("trees", AdaptiveRandomForest.DEFAULT_TREES),
                p.getDouble("lambda", AdaptiveRandomForest.DEFAULT_LAMBDA),
                p.getInt("subspace", AdaptiveRandomForest.defaultSubspace(numFeatures)),
                p.getInt("grace-period", AdaptiveRandomForest.DEFAULT_GRACE_PERIOD),
                p.getDouble("split-confidence", AdaptiveRandomForest.DEFAULT_SPLIT_CONFIDENCE),
                p.getDouble("tie-threshold", AdaptiveRandomForest.DEFAULT_TIE_THRESHOLD),
                p.getDouble("warning-delta", AdaptiveRandomForest.DEFAULT_WARNING_DELTA),
                p.getDouble("drift-delta", AdaptiveRandomForest.DEFAULT_DRIFT_DELTA),
                p.getLong("seed", 1L));
    }
}
