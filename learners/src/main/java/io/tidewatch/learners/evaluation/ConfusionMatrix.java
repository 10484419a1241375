package io.tidewatch.learners.evaluation;

/**
 * A weighted confusion matrix (rows: actual class, columns: predicted class) and the metrics read from it.
 * Weights let the same matrix serve cumulative counts, sliding windows (add then subtract) and fading factors
 * (scale then add). Metrics with an empty denominator are 0, as scikit-learn's {@code zero_division=0}.
 */
public final class ConfusionMatrix {

    private final int numClasses;
    private final double[] cells;
    private final double[] actualTotals;
    private final double[] predictedTotals;
    private double total;

    public ConfusionMatrix(int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses " + numClasses + ": expected at least 2");
        }
        this.numClasses = numClasses;
        this.cells = new double[numClasses * numClasses];
        this.actualTotals = new double[numClasses];
        this.predictedTotals = new double[numClasses];
    }

    /** Adds {@code weight} (negative to remove) to the cell (actual, predicted). */
    public void add(int actual, int predicted, double weight) {
        checkClass("actual", actual);
        checkClass("predicted", predicted);
        cells[actual * numClasses + predicted] += weight;
        actualTotals[actual] += weight;
        predictedTotals[predicted] += weight;
        total += weight;
    }

    /** Multiplies every count by {@code factor} (fading). */
    public void scale(double factor) {
        for (int i = 0; i < cells.length; i++) {
            cells[i] *= factor;
        }
        for (int c = 0; c < numClasses; c++) {
            actualTotals[c] *= factor;
            predictedTotals[c] *= factor;
        }
        total *= factor;
    }

    private void checkClass(String what, int c) {
        if (c < 0 || c >= numClasses) {
            throw new IllegalArgumentException(what + " class " + c + ": expected 0.." + (numClasses - 1));
        }
    }

    public int numClasses() {
        return numClasses;
    }

    public double count(int actual, int predicted) {
        return cells[actual * numClasses + predicted];
    }

    public double total() {
        return total;
    }

    public double accuracy() {
        if (total <= 0) {
            return 0;
        }
        double correct = 0;
        for (int c = 0; c < numClasses; c++) {
            correct += cells[c * numClasses + c];
        }
        return correct / total;
    }

    /** Cohen's kappa: agreement beyond what the marginals give by chance; 0 when chance agreement is total. */
    public double kappa() {
        if (total <= 0) {
            return 0;
        }
        double chance = 0;
        for (int c = 0; c < numClasses; c++) {
            chance += (actualTotals[c] / total) * (predictedTotals[c] / total);
        }
        return chance >= 1 ? 0 : (accuracy() - chance) / (1 - chance);
    }

    public double precision(int c) {
        checkClass("class", c);
        double predicted = predictedTotals[c];
        return predicted > 0 ? cells[c * numClasses + c] / predicted : 0;
    }

    public double recall(int c) {
        checkClass("class", c);
        double actual = actualTotals[c];
        return actual > 0 ? cells[c * numClasses + c] / actual : 0;
    }

    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r > 0 ? 2 * p * r / (p + r) : 0;
    }

    /** Mean of per-class precision over the classes that occur (as actual or predicted) in the matrix. */
    public double macroPrecision() {
        return macro(0);
    }

    public double macroRecall() {
        return macro(1);
    }

    public double macroF1() {
        return macro(2);
    }

    private double macro(int which) {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < numClasses; c++) {
            if (actualTotals[c] > 1e-12 || predictedTotals[c] > 1e-12) {
                present++;
                sum += which == 0 ? precision(c) : which == 1 ? recall(c) : f1(c);
            }
        }
        return present == 0 ? 0 : sum / present;
    }
}
