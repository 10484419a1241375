package io.tidewatch.learners.catalog;

import io.tidewatch.learners.anomaly.AutoencoderEnsemble;
import io.tidewatch.learners.anomaly.HalfSpaceTrees;
import io.tidewatch.learners.anomaly.Loda;
import io.tidewatch.learners.anomaly.RobustRandomCutForest;
import io.tidewatch.learners.baseline.NoChange;
import io.tidewatch.learners.bayes.GaussianNaiveBayes;
import io.tidewatch.learners.linear.LogisticRegression;
import io.tidewatch.learners.model.Classifier;
import io.tidewatch.learners.model.Detector;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Learners by their command-line name ({@code naive-bayes}, {@code half-space-trees}, ...). One list, so the CLI,
 * the streams app and the docs agree on names and defaults.
 */
public final class LearnerCatalog {

    /** Builds a classifier from (number of features, number of classes) and params. */
    public interface ClassifierFactory {
        Classifier create(int numFeatures, int numClasses, Params params);
    }

    private static final Map<String, ClassifierFactory> CLASSIFIERS = new TreeMap<>();
    private static final Map<String, BiFunction<Integer, Params, Detector>> DETECTORS = new TreeMap<>();

    static {
        // Classifiers.
        CLASSIFIERS.put("naive-bayes", (f, c, p) -> new GaussianNaiveBayes(f, c));
        CLASSIFIERS.put("logistic-regression", (f, c, p) -> new LogisticRegression(f, c, p.getDouble("alpha", 0.5),
                p.getDouble("beta", 1.0), p.getDouble("l1", 0.0), p.getDouble("l2", 0.0),
                p.getBoolean("standardize", true)));
        CLASSIFIERS.put("no-change", (f, c, p) -> new NoChange(c));
        CLASSIFIERS.put("hoeffding-tree", TreeParams::hoeffdingTree);
        CLASSIFIERS.put("hoeffding-adaptive-tree", TreeParams::hoeffdingAdaptiveTree);
        CLASSIFIERS.put("adaptive-random-forest", TreeParams::forest);
        // Anomaly detectors.
        DETECTORS.put("half-space-trees", (f, p) -> new HalfSpaceTrees(f, p.getInt("trees", 25), p.getInt("height", 8),
                p.getInt("window", 250), p.getLong("seed", 42)));
        DETECTORS.put("loda", (f, p) -> new Loda(f, p.getInt("projections", 100), p.getInt("bins", 16),
                p.getInt("window", 256), p.getLong("seed", 42)));
        DETECTORS.put("rrcf", (f, p) -> new RobustRandomCutForest(f, p.getInt("trees", 50),
                p.getInt("sample-size", 256), p.getLong("seed", 42)));
        DETECTORS.put("autoencoder-ensemble", (f, p) -> new AutoencoderEnsemble(f, p.getInt("max-cluster", 10),
                p.getInt("grace", 1000), p.getDouble("learning-rate", 0.1), p.getDouble("hidden-ratio", 0.75),
                p.getLong("seed", 42)));
    }

    private LearnerCatalog() {
    }

    public static boolean isClassifier(String name) {
        return CLASSIFIERS.containsKey(name);
    }

    public static boolean isDetector(String name) {
        return DETECTORS.containsKey(name);
    }

    public static Classifier classifier(String name, int numFeatures, int numClasses, Params params) {
        ClassifierFactory f = CLASSIFIERS.get(name);
        if (f == null) {
            throw new IllegalArgumentException("learner '" + name + "': not a classifier; classifiers: "
                    + CLASSIFIERS.keySet() + ", detectors (use --anomaly): " + DETECTORS.keySet());
        }
        Classifier c = f.create(numFeatures, numClasses, params);
        params.checkAllUsed(name);
        return c;
    }

    public static Detector detector(String name, int numFeatures, Params params) {
        BiFunction<Integer, Params, Detector> f = DETECTORS.get(name);
        if (f == null) {
            throw new IllegalArgumentException("learner '" + name + "': not an anomaly detector; detectors: "
                    + DETECTORS.keySet() + ", classifiers: " + CLASSIFIERS.keySet());
        }
        Detector d = f.apply(numFeatures, params);
        params.checkAllUsed(name);
        return d;
    }

    public static Iterable<String> classifierNames() {
        return CLASSIFIERS.keySet();
    }

    public static Iterable<String> detectorNames() {
        return DETECTORS.keySet();
    }
}
