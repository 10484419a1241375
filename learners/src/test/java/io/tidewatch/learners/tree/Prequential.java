package io.tidewatch.learners.tree;

import io.tidewatch.learners.model.Classifier;

/** Test-only prequential loop (predict, then learn) with cumulative accuracy and Cohen's kappa. */
public final class Prequential {

    public final long n;
    public final long correct;
    public final double kappa;
    public final long nanos;
    /** CPU time of the running thread: less sensitive than wall time to other processes on a shared machine. */
    public final long cpuNanos;
    /** CPU time of the whole process (garbage collection included). */
    public final long processCpuNanos;

    private Prequential(long n, long correct, double kappa, long nanos, long cpuNanos, long processCpuNanos) {
        this.n = n;
        this.correct = correct;
        this.kappa = kappa;
        this.nanos = nanos;
        this.cpuNanos = cpuNanos;
        this.processCpuNanos = processCpuNanos;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public double accuracy() {
        return (double) correct / n;
    }

    public static Prequential run(Classifier model, double[][] x, int[] y) {
        int k = model.numClasses();
        long[][] confusion = new long[k][k];
        long correct = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long processStart = processCpu();
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
        long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
        long processNanos = processCpu() - processStart;
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
        return new Prequential(x.length, correct, (p0 - pc) / (1 - pc), nanos, cpuNanos, processNanos);
    }
}
