package io.tidewatch.learners.evaluation;

/**
 * Accuracy, Cohen's kappa and precision/recall/F1 (per class and macro) of the most probable class, over a
 * {@link Window}. Ties in the probabilities go to the lowest class index, as {@code Classifier.predict} does.
 */
public final class ClassificationMetrics implements PredictionObserver {

    private final Window window;
    private final ConfusionMatrix matrix;
    private final int[] ringActual;
    private final int[] ringPredicted;
    private long seen;

    public ClassificationMetrics(int numClasses, Window window) {
        this.window = java.util.Objects.requireNonNull(window, "window");
        this.matrix = new ConfusionMatrix(numClasses);
        boolean sliding = window.kind == Window.Kind.SLIDING;
        this.ringActual = sliding ? new int[window.size] : null;
        this.ringPredicted = sliding ? new int[window.size] : null;
    }

    @Override
    public void observe(int actual, double[] proba) {
        if (proba == null || proba.length != matrix.numClasses()) {
            throw new IllegalArgumentException("probabilities: expected " + matrix.numClasses() + " values, got "
                    + (proba == null ? "null" : proba.length));
        }
        update(actual, argMax(proba));
    }

    /** Scores a hard prediction. */
    public void update(int actual, int predicted) {
        switch (window.kind) {
            case SLIDING:
                int slot = (int) (seen % window.size);
                if (seen >= window.size) {
                    matrix.add(ringActual[slot], ringPredicted[slot], -1);
                }
                matrix.add(actual, predicted, 1);
                ringActual[slot] = actual;
                ringPredicted[slot] = predicted;
                break;
            case FADING:
                matrix.scale(window.alpha);
                matrix.add(actual, predicted, 1);
                break;
            default:
                matrix.add(actual, predicted, 1);
        }
        seen++;
    }

    static int argMax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Examples observed in total (not only those in the window). */
    public long seen() {
        return seen;
    }

    public Window window() {
        return window;
    }

    /** The (weighted) confusion matrix of the window; live, do not modify. */
    public ConfusionMatrix confusion() {
        return matrix;
    }

    public double accuracy() {
        return matrix.accuracy();
    }

    public double kappa() {
        return matrix.kappa();
    }

    public double precision(int c) {
        return matrix.precision(c);
    }

    public double recall(int c) {
        return matrix.recall(c);
    }

    public double f1(int c) {
        return matrix.f1(c);
    }

    public double macroPrecision() {
        return matrix.macroPrecision();
    }

    public double macroRecall() {
        return matrix.macroRecall();
    }

    public double macroF1() {
        return matrix.macroF1();
    }
}
