package io.tidewatch.learners.anomaly;

import io.tidewatch.learners.calibration.QuantileCalibrator;
import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Detector;
import io.tidewatch.learners.pipeline.Pipeline;
import io.tidewatch.learners.transform.Log1p;
import io.tidewatch.learners.transform.MinMaxScaler;
import io.tidewatch.learners.transform.StandardScaler;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Benchmark, not a test: NSL-KDD score-then-learn through each detector's pipeline (the same configurations
 * {@link NslKddAnomalyTest} pins), one JIT warm-up pass on a throw-away model, then a timed pass; one JSON line per
 * detector with AUC, instances/s (pipeline time only, loading excluded), memory and encoded size. Run with the
 * {@code tidewatch.shared.data} system property pointing at the shared data folder.
 */
public final class AnomalyThroughput {

    private AnomalyThroughput() {
    }

    public static void main(String[] args) throws Exception {
        NslKdd data = NslKdd.trainThenTest();
        int f = NslKdd.FEATURES;
        String only = args.length > 0 ? args[0] : "half-space-trees,loda,rrcf,autoencoder-ensemble";
        for (String name : only.split(",")) {
            Supplier<Detector> make = switch (name) {
                case "half-space-trees" -> () -> Pipeline.detector(List.of(new Log1p(), new MinMaxScaler(f)),
                        new HalfSpaceTrees(f, 25, 8, 250, 42));
                case "loda" -> () -> Pipeline.detector(List.of(new Log1p(), new StandardScaler(f)),
                        new Loda(f, 100, 16, 256, 42));
                case "rrcf" -> () -> Pipeline.detector(List.of(new Log1p(), new MinMaxScaler(f)),
                        new RobustRandomCutForest(f, 50, 256, 42));
                case "autoencoder-ensemble" -> () -> Pipeline.detector(List.of(new Log1p()),
                        new AutoencoderEnsemble(f, 10, 1000, 0.01, 0.75, 42));
                default -> throw new IllegalArgumentException("unknown detector " + name);
            };
            run(make.get(), data);
            Detector d = make.get();
            QuantileCalibrator calibrator = new QuantileCalibrator();
            double[] raw = new double[data.x.length];
            double[] calibrated = new double[data.x.length];
            long t0 = System.nanoTime();
            for (int i = 0; i < data.x.length; i++) {
                raw[i] = d.scoreThenLearn(data.x[i]);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < data.x.length; i++) {
                calibrated[i] = calibrator.calibrateThenLearn(raw[i]);
            }
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "{\"detector\":\"%s\",\"instances\":%d,\"auc\":%.4f,\"auc_calibrated\":%.4f,"
                    + "\"instances_per_s\":%.0f,\"calibrator_instances_per_s\":%.0f,\"memory_bytes\":%d,"
                    + "\"encoded_bytes\":%d}%n", name, data.x.length, RocAuc.of(raw, data.attack),
                    RocAuc.of(calibrated, data.attack), data.x.length / ((t1 - t0) / 1e9),
                    data.x.length / ((t2 - t1) / 1e9), d.memoryBytes(), ModelCodec.encode(d).length);
        }
    }

    private static void run(Detector d, NslKdd data) {
        double sink = 0;
        for (double[] x : data.x) {
            sink += d.scoreThenLearn(x);
        }
        if (Double.isNaN(sink)) {
            System.out.println("NaN score in warm-up");
        }
    }
}
