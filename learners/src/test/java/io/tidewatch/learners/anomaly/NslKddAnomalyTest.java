package io.tidewatch.learners.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidewatch.learners.calibration.QuantileCalibrator;
import io.tidewatch.learners.model.Detector;
import io.tidewatch.learners.model.Transformer;
import io.tidewatch.learners.pipeline.Pipeline;
import io.tidewatch.learners.transform.Log1p;
import io.tidewatch.learners.transform.MinMaxScaler;
import io.tidewatch.learners.transform.StandardScaler;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Anomaly AUC on NSL-KDD (KDDTrain+_20Percent then KDDTest+, 47,736 records, 46% attacks), score then learn, the
 * label never learned. Raw AUCs are pinned exactly (seeded, deterministic) so a behaviour change is noticed; the
 * calibrated AUC is pinned to within the KLL sketch's run-to-run wobble (its compaction coins are not seedable).
 * Skipped when the shared data folder is absent.
 */
class NslKddAnomalyTest {

    private static final int F = NslKdd.FEATURES;
    private static NslKdd data;

    @BeforeAll
    static void load() throws IOException {
        data = NslKdd.trainThenTest();
    }

    private static void check(List<Transformer> steps, Detector detector, double rawAuc, double calibratedAuc) {
        Detector p = Pipeline.detector(steps, detector);
        QuantileCalibrator calibrator = new QuantileCalibrator();
        double[] raw = new double[data.x.length];
        double[] calibrated = new double[data.x.length];
        for (int i = 0; i < data.x.length; i++) {
            raw[i] = p.scoreThenLearn(data.x[i]);
            calibrated[i] = calibrator.calibrateThenLearn(raw[i]);
        }
        assertEquals(rawAuc, RocAuc.of(raw, data.attack), 1e-12, detector.kind() + " raw AUC");
        assertEquals(calibratedAuc, RocAuc.of(calibrated, data.attack), 0.01, detector.kind() + " calibrated AUC");
    }

    @Test
    void halfSpaceTrees() {
        check(List.of(new Log1p(), new MinMaxScaler(F)), new HalfSpaceTrees(F, 25, 8, 250, 42), 0.8696453983919609, 0.8767);
    }

    @Test
    void loda() {
        check(List.of(new Log1p(), new StandardScaler(F)), new Loda(F, 100, 16, 256, 42), 0.8094961400270874, 0.8061);
    }

    @Test
    void robustRandomCutForest() {
        check(List.of(new Log1p(), new MinMaxScaler(F)), new RobustRandomCutForest(F, 50, 256, 42), 0.7266764744575778, 0.7246);
    }

    @Test
    void autoencoderEnsemble() {
        // Each autoencoder min-max normalizes its own inputs online, so only the log goes before it.
        check(List.of(new Log1p()), new AutoencoderEnsemble(F, 10, 1000, 0.01, 0.75, 42), 0.6799270006178711, 0.7237);
    }
}
