package io.tidewatch.learners.tree;

import io.tidewatch.learners.model.Classifier;

/** Test-only prequential loop (predict, then learn) with cumulative accuracy and Cohen's kappa. */
public final class Prequential {

    public final long n;
    public final long correct;
    public final double kappa;
    public final long nanos;

    private Prequential(long n, long correct, double kappa, long nanos) {
        this.n = n;
        this.correct = correct;
        this.kappa = kappa;
        this.nanos = nanos;
    }

    public double accuracy() {
        return (double) correct / n;
    }

    public static Prequential run(Classifier model, double[][] x, int[] y) {
        int k = model.numClasses();
        long[][] confusion = new long[k][k];
        long correct = 0;
        long start = System.nanoTime();
        for (int i = 0; i < x.length; i++) {
            int p = model.predict(x[i]);
            confusion[y[i]][p]++;
            if (p == y[i]) {
                correct++;
            }
            model.learn(x[i], y[i]);
        }
        long nanos = System.nanoTime() - start;
        double n = x.length;
        double pc = 0;
        for (int a = 0; a < k; a++) {
            double row = 0;
            double col = 0;
            for (int b = 0; b < k; b++) {
                row += confusion[a][b];
                col += confusion[b][a];
            }
            pc += row / n * (col / n);
        }
        double p0 = correct / n;
        return new Prequential(x.length, correct, (p0 - pc) / (1 - pc), nanos);
    }
}
