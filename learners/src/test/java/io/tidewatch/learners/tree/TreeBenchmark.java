package io.tidewatch.learners.tree;

import io.tidewatch.learners.ensemble.AdaptiveRandomForest;
import io.tidewatch.learners.model.Classifier;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Benchmark main (not a test): prequential accuracy, kappa and learner-only instances/s on a CSV, one warm-up run
 * then {@code runs} measured runs in the same JVM. Arguments: the CSV path, the target column, optional runs.
 */
public final class TreeBenchmark {

    public static void main(String[] args) throws Exception {
        TabularCsv d = TabularCsv.read(Path.of(args[0]), args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String only = args.length > 3 ? args[3] : "";
        int f = d.numFeatures();
        int c = d.numClasses;
        bench("hoeffding-tree", only, () -> new HoeffdingTree(TreeOptions.defaults(f, c)), d, runs);
        bench("hoeffding-adaptive-tree", only, () -> new HoeffdingAdaptiveTree(TreeOptions.defaults(f, c)), d, runs);
        bench("adaptive-random-forest", only, () -> new AdaptiveRandomForest(f, c, 10, 1L), d, runs);
    }

    private static void bench(String name, String only, Supplier<Classifier> make, TabularCsv d, int runs) {
        if (!only.isEmpty() && !only.equals(name)) {
            return;
        }
        Prequential.run(make.get(), d.x, d.y);
        for (int r = 0; r < runs; r++) {
            Classifier m = make.get();
            Prequential p = Prequential.run(m, d.x, d.y);
            System.out.printf(Locale.ROOT, "{\"learner\":\"%s\",\"instances\":%d,\"accuracy\":%.4f,\"kappa\":%.4f,"
                    + "\"instances_per_s\":%.0f,\"instances_per_cpu_s\":%.0f,\"instances_per_process_cpu_s\":%.0f,"
                    + "\"memory_bytes\":%d}%n", name, p.n, p.accuracy() * 100, p.kappa, p.n / (p.nanos / 1e9),
                    p.n / (p.cpuNanos / 1e9), p.n / (p.processCpuNanos / 1e9), m.memoryBytes());
        }
    }
}
