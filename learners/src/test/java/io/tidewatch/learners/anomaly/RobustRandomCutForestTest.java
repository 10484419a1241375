package io.tidewatch.learners.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.learners.catalog.LearnerCatalog;
import io.tidewatch.learners.catalog.Params;
import io.tidewatch.learners.codec.ModelCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RobustRandomCutForestTest {

    private static final PlantedAnomalies DATA = new PlantedAnomalies(3000, 6, 0.02, 13);

    @Test
    void findsPlantedAnomalies() {
        double auc = DetectorContract.syntheticAuc(new RobustRandomCutForest(6, 30, 128, 1), DATA);
        assertTrue(auc > 0.9, "AUC " + auc);
    }

    @Test
    void roundTripsExactlyBeforeAndAfterWarmUp() {
        DetectorContract.roundTripsExactly(new RobustRandomCutForest(6, 10, 64, 3), DATA.x, 10);
        DetectorContract.roundTripsExactly(new RobustRandomCutForest(6, 10, 64, 3), DATA.x, 1700);
    }

    @Test
    void encodesCompactly() {
        RobustRandomCutForest f = new RobustRandomCutForest(6, 10, 64, 3);
        DetectorContract.progressive(f, DATA.x, 0, 2000);
        int bytes = ModelCodec.encode(f).length;
        // 640 sampled points of 6 floats alone are 15 KB; trees and samplers are packed by the library's mapper.
        assertTrue(bytes < 120_000, bytes + " bytes");
    }

    @Test
    void deterministicBySeed() {
        DetectorContract.deterministicBySeed(seed -> new RobustRandomCutForest(6, 10, 64, seed), DATA.x);
    }

    @Test
    void reportsMemory() {
        DetectorContract.reportsMemory(new RobustRandomCutForest(6, 10, 64, 3), 10 * 64 * 4 * 6, 2_000_000);
    }

    @Test
    void validatesInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RobustRandomCutForest(6, 10, 2, 3));
        assertTrue(e.getMessage().contains("sample-size=2"), e.getMessage());
        RobustRandomCutForest f = new RobustRandomCutForest(6, 10, 64, 3);
        assertThrows(IllegalArgumentException.class, () -> f.learn(new double[5]));
    }

    @Test
    void catalogBuildsItWithParams() {
        assertEquals(RobustRandomCutForest.KIND, LearnerCatalog.detector("rrcf", 6,
                new Params(Map.of("trees", "5", "sample-size", "32", "seed", "1"))).kind());
    }
}
