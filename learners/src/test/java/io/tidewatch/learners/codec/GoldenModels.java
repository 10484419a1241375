package io.tidewatch.learners.codec;

import io.tidewatch.learners.anomaly.AutoencoderEnsemble;
import io.tidewatch.learners.anomaly.DeviationDetector;
import io.tidewatch.learners.anomaly.HalfSpaceTrees;
import io.tidewatch.learners.anomaly.Loda;
import io.tidewatch.learners.anomaly.RobustRandomCutForest;
import io.tidewatch.learners.baseline.NoChange;
import io.tidewatch.learners.bayes.GaussianNaiveBayes;
import io.tidewatch.learners.calibration.QuantileCalibrator;
import io.tidewatch.learners.drift.Adwin;
import io.tidewatch.learners.ensemble.AdaptiveRandomForest;
import io.tidewatch.learners.linear.LogisticRegression;
import io.tidewatch.learners.model.Classifier;
import io.tidewatch.learners.model.Detector;
import io.tidewatch.learners.model.Transformer;
import io.tidewatch.learners.pipeline.Pipeline;
import io.tidewatch.learners.transform.FeatureHasher;
import io.tidewatch.learners.transform.Log1p;
import io.tidewatch.learners.transform.MinMaxScaler;
import io.tidewatch.learners.transform.StandardScaler;
import io.tidewatch.learners.tree.HoeffdingAdaptiveTree;
import io.tidewatch.learners.tree.HoeffdingTree;
import io.tidewatch.learners.tree.TreeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Small models of every kind, each trained on a seeded stream into a state that exercises its whole body format
 * (both phases where a model has two). Their encodings, written once by {@link #main} into
 * {@code src/test/resources/io/tidewatch/learners/codec/golden/}, pin the wire format: a state store written
 * by one release must be read by the next. Never rewrite an existing file; a new codec version adds a new one.
 */
final class GoldenModels {

    static final int FEATURES = 4;

    private GoldenModels() {
    }

    /** File name (without .twm) to the model it holds. */
    static Map<String, Supplier<Encodable>> all() {
        Map<String, Supplier<Encodable>> m = new LinkedHashMap<>();
        m.put("half-space-trees-buffering", () -> detector(new HalfSpaceTrees(FEATURES, 5, 4, 64, 11), 40));
        m.put("half-space-trees", () -> detector(new HalfSpaceTrees(FEATURES, 5, 4, 64, 11), 200));
        m.put("loda-buffering", () -> detector(new Loda(FEATURES, 6, 8, 64, 12), 40));
        m.put("loda", () -> detector(new Loda(FEATURES, 6, 8, 64, 12), 200));
        m.put("rrcf", () -> detector(new RobustRandomCutForest(FEATURES, 3, 16, 13), 60));
        m.put("autoencoder-ensemble-grace", () -> detector(new AutoencoderEnsemble(FEATURES, 2, 50, 0.1, 0.75, 14), 30));
        m.put("autoencoder-ensemble", () -> detector(new AutoencoderEnsemble(FEATURES, 2, 50, 0.1, 0.75, 14), 120));
        m.put("tidewatch-deviation", () -> detector(new DeviationDetector(FEATURES, 3, true, 0.3), 60));
        m.put("quantile-calibrator", GoldenModels::calibrator);
        m.put("standard-scaler", () -> transformer(new StandardScaler(FEATURES), 50));
        m.put("min-max-scaler", () -> transformer(new MinMaxScaler(FEATURES), 50));
        m.put("log1p", () -> transformer(new Log1p(), 50));
        m.put("feature-hasher", () -> transformer(new FeatureHasher(16, 15), 50));
        m.put("pipeline-detector", () -> detector(Pipeline.detector(List.of(new StandardScaler(FEATURES)),
                new HalfSpaceTrees(FEATURES, 3, 3, 32, 16)), 80));
        m.put("pipeline-classifier", () -> classifier(Pipeline.classifier(List.of(new MinMaxScaler(FEATURES)),
                new GaussianNaiveBayes(FEATURES, 2)), 80));
        m.put("gaussian-naive-bayes", () -> classifier(new GaussianNaiveBayes(FEATURES, 3), 90));
        m.put("logistic-regression", () -> classifier(new LogisticRegression(FEATURES, 3), 90));
        m.put("no-change", () -> classifier(new NoChange(3), 10));
        m.put("hoeffding-tree", () -> classifier(new HoeffdingTree(new TreeOptions(FEATURES, 3, 20, 0.01, 0.05,
                TreeOptions.defaults(FEATURES, 3).leafPrediction(), 0), 17), 300));
        m.put("hoeffding-adaptive-tree", () -> classifier(new HoeffdingAdaptiveTree(new TreeOptions(FEATURES, 3, 20,
                0.01, 0.05, TreeOptions.defaults(FEATURES, 3).leafPrediction(), 0), 18), 300));
        m.put("adaptive-random-forest", () -> classifier(new AdaptiveRandomForest(FEATURES, 3, 2, 6.0, 2, 20, 0.01,
                0.05, 0.01, 0.001, 19), 200));
        m.put("adwin", GoldenModels::adwin);
        return m;
    }

    /** Rows of a seeded stream: uniform features, the label a threshold rule on two of them. */
    private static double[][] rows(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][FEATURES];
        for (double[] row : x) {
            for (int f = 0; f < FEATURES; f++) {
                row[f] = r.nextDouble() * (f + 1) * 10;
            }
        }
        return x;
    }

    private static int label(double[] x) {
        return x[0] < 3 ? 0 : x[1] < 10 ? 1 : 2;
    }

    private static Detector detector(Detector d, int n) {
        for (double[] x : rows(n, 1)) {
            d.learn(x);
        }
        return d;
    }

    private static Transformer transformer(Transformer t, int n) {
        for (double[] x : rows(n, 2)) {
            t.learn(x);
        }
        return t;
    }

    private static Classifier classifier(Classifier c, int n) {
        for (double[] x : rows(n, 3)) {
            int y = label(x) % c.numClasses();
            c.learn(x, y);
        }
        return c;
    }

    private static QuantileCalibrator calibrator() {
        QuantileCalibrator c = new QuantileCalibrator(16, 100);
        for (double[] x : rows(250, 4)) {
            c.learn(x[0]);
        }
        return c;
    }

    private static Adwin adwin() {
        Adwin a = new Adwin(0.002);
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 500; i++) {
            a.add(r.nextDouble() < (i < 300 ? 0.2 : 0.8) ? 1 : 0);
        }
        return a;
    }

    static Path file(Path dir, String name) {
        return dir.resolve(name + ".twm");
    }

    /** Writes the files that do not exist yet into {@code args[0]}; existing ones are the format and stay. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (Map.Entry<String, Supplier<Encodable>> e : all().entrySet()) {
            Path f = file(dir, e.getKey());
            if (!Files.exists(f)) {
                Files.write(f, ModelCodec.encode(e.getValue().get()));
            }
        }
    }
}
