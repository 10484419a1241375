package io.tidewatch.learners.tree;

import io.tidewatch.learners.model.HeapBytes;

/**
 * A learning leaf: class counts and, per observed attribute and class, a Gaussian estimator (weight, mean, sum of
 * squared deviations) with the minimum and maximum seen. The estimators feed both Naive Bayes votes and the
 * candidate split evaluation, as MOA's Gaussian numeric attribute observer does.
 *
 * <p>Methods that compute Naive Bayes votes take them precomputed when the caller already has them for the same
 * features and an unchanged leaf (the prediction that precedes learning), which halves the work per example.
 */
final class LeafNode extends Node {

    static final int W = 0;
    static final int MEAN = 1;
    static final int M2 = 2;
    static final int MIN = 3;
    static final int MAX = 4;
    /** Cached from W and M2 on every update so that densities cost one exp each (same arithmetic as before). */
    static final int SD = 5;
    static final int COEF = 6;
    static final int DENOM = 7;
    static final int STRIDE = 8;
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    /** Whether a class has ever been counted here; an untouched leaf has no majority class. */
    boolean classesSeen;
    /** False once a split attempt preferred not splitting: the leaf then only counts classes. */
    boolean active = true;
    double weightAtLastEvaluation;
    double majorityCorrect;
    double naiveBayesCorrect;
    /** Observed attributes in ascending order; null until the first example (random subspaces are drawn then). */
    int[] features;
    /** Estimator of attribute {@code features[j]} for class c at {@code (j * numClasses + c) * STRIDE}. */
    double[] stats;
    /** Adaptive trees: the state of this leaf's own Poisson(1) re-weighting generator. */
    long poissonState;

    LeafNode(double[] classDist) {
        super(classDist);
        for (double d : classDist) {
            if (d != 0) {
                classesSeen = true;
                break;
            }
        }
        this.weightAtLastEvaluation = weightSeen();
    }

    /** Starts observing: all attributes, or a random subspace of {@code m}. */
    void chooseFeatures(int numFeatures, int subspace, StreamRandom random, int numClasses) {
        if (subspace <= 0 || subspace >= numFeatures) {
            features = new int[numFeatures];
            for (int i = 0; i < numFeatures; i++) {
                features[i] = i;
            }
        } else {
            // Drawn without replacement from the remaining attributes, as MOA's random learning node does.
            int[] remaining = new int[numFeatures];
            for (int i = 0; i < numFeatures; i++) {
                remaining[i] = i;
            }
            int left = numFeatures;
            features = new int[subspace];
            for (int j = 0; j < subspace; j++) {
                int r = random.nextInt(left);
                features[j] = remaining[r];
                System.arraycopy(remaining, r + 1, remaining, r, left - r - 1);
                left--;
            }
            java.util.Arrays.sort(features);
        }
        stats = new double[features.length * numClasses * STRIDE];
    }

    /** @param nbBefore this leaf's Naive Bayes votes for {@code x} as it is now, or null to compute them */
    void learn(double[] x, int y, double weight, TreeOptions opts, StreamRandom random, double[] nbBefore) {
        int numClasses = classDist.length;
        if (!active) {
            classDist[y] += weight;
            classesSeen = true;
            return;
        }
        if (opts.leafPrediction() == LeafPrediction.NAIVE_BAYES_ADAPTIVE) {
            if (classesSeen && argMax(classDist) == y) {
                majorityCorrect += weight;
            }
            if (argMax(nbBefore != null ? nbBefore : naiveBayesVotes(x)) == y) {
                naiveBayesCorrect += weight;
            }
        }
        classDist[y] += weight;
        classesSeen = true;
        if (features == null) {
            chooseFeatures(opts.numFeatures(), opts.subspaceSize(), random, numClasses);
        }
        for (int j = 0; j < features.length; j++) {
            double v = x[features[j]];
            if (Double.isNaN(v)) {
                continue;
            }
            int at = (j * numClasses + y) * STRIDE;
            double w = stats[at + W];
            if (w == 0) {
                stats[at + W] = weight;
                stats[at + MEAN] = v;
                stats[at + M2] = 0;
                stats[at + MIN] = v;
                stats[at + MAX] = v;
                stats[at + SD] = 0;
                stats[at + COEF] = 0;
                stats[at + DENOM] = 0;
            } else {
                if (v < stats[at + MIN]) {
                    stats[at + MIN] = v;
                }
                if (v > stats[at + MAX]) {
                    stats[at + MAX] = v;
                }
                w += weight;
                double lastMean = stats[at + MEAN];
                double mean = lastMean + weight * (v - lastMean) / w;
                stats[at + W] = w;
                stats[at + MEAN] = mean;
                double m2 = stats[at + M2] + weight * (v - lastMean) * (v - mean);
                stats[at + M2] = m2;
                double sd = w > 1.0 ? Math.sqrt(m2 / (w - 1.0)) : 0.0;
                stats[at + SD] = sd;
                stats[at + COEF] = 1.0 / (SQRT_2PI * sd);
                stats[at + DENOM] = 2.0 * sd * sd;
            }
        }
    }

    /** The leaf's votes (not normalized, a fresh array), by its prediction mode; {@code nb} as in {@link #learn}. */
    double[] votes(double[] x, TreeOptions opts, double[] nb) {
        if (!active) {
            return classDist.clone();
        }
        switch (opts.leafPrediction()) {
            case MAJORITY_CLASS:
                return classDist.clone();
            case NAIVE_BAYES:
                return nb != null ? nb.clone() : naiveBayesVotes(x);
            default:
                if (majorityCorrect > naiveBayesCorrect) {
                    return classDist.clone();
                }
                return nb != null ? nb.clone() : naiveBayesVotes(x);
        }
    }

    double[] naiveBayesVotes(double[] x) {
        int numClasses = classDist.length;
        double[] votes = new double[numClasses];
        double sum = weightSeen();
        if (sum == 0) {
            return votes;
        }
        for (int c = 0; c < numClasses; c++) {
            double p = classDist[c] / sum;
            if (features != null) {
                for (int j = 0; j < features.length; j++) {
                    double v = x[features[j]];
                    if (!Double.isNaN(v)) {
                        p *= density(stats, (j * numClasses + c) * STRIDE, v);
                    }
                }
            }
            votes[c] = p;
        }
        return votes;
    }

    /** Whether the leaf would compute Naive Bayes votes to predict. */
    boolean predictsWithNaiveBayes(TreeOptions opts) {
        LeafPrediction mode = opts.leafPrediction();
        return active && (mode == LeafPrediction.NAIVE_BAYES
                || mode == LeafPrediction.NAIVE_BAYES_ADAPTIVE && majorityCorrect <= naiveBayesCorrect);
    }

    static double stdDev(double[] stats, int at) {
        return stats[at + SD];
    }

    static double density(double[] stats, int at, double v) {
        if (stats[at + W] > 0.0) {
            if (stats[at + SD] > 0.0) {
                double diff = v - stats[at + MEAN];
                return stats[at + COEF] * Math.exp(-(diff * diff / stats[at + DENOM]));
            }
            return v == stats[at + MEAN] ? 1.0 : 0.0;
        }
        return 0.0;
    }

    /** First index of the largest value (a NaN in front wins, as MOA's maxIndex does). */
    static int argMax(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Releases the estimators of a leaf that stopped growing. */
    void deactivate() {
        active = false;
        features = null;
        stats = null;
    }

    @Override
    long memoryBytes() {
        return 72 + HeapBytes.of(classDist) + HeapBytes.of(stats) + HeapBytes.of(features)
                + (error == null ? 0 : error.memoryBytes());
    }
}
