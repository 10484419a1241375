package io.tidewatch.learners.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.learners.catalog.LearnerCatalog;
import io.tidewatch.learners.catalog.Params;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LodaTest {

    private static final PlantedAnomalies DATA = new PlantedAnomalies(4000, 6, 0.02, 12);
    private static final double[] LOW = filled(-8);
    private static final double[] HIGH = filled(8);

    private static double[] filled(double v) {
        double[] a = new double[6];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void findsPlantedAnomalies() {
        double auc = DetectorContract.syntheticAuc(new Loda(6, 100, 32, 256, 1), DATA);
        assertTrue(auc > 0.9, "AUC " + auc);
    }

    @Test
    void roundTripsExactlyInFirstWindowAndAfter() {
        DetectorContract.roundTripsExactly(new Loda(6, 50, 20, 256, 3), DATA.x, 100);
        DetectorContract.roundTripsExactly(new Loda(6, 50, 20, 256, 3), DATA.x, 1500);
        DetectorContract.roundTripsExactly(new Loda(6, 50, 20, 256, 3, LOW, HIGH), DATA.x, 900);
    }

    @Test
    void deterministicBySeed() {
        DetectorContract.deterministicBySeed(seed -> new Loda(6, 50, 20, 256, seed), DATA.x);
    }

    @Test
    void mergedModelEqualsOneThatSawBothStreams() {
        Loda a = new Loda(6, 50, 20, 256, 9, LOW, HIGH);
        Loda b = new Loda(6, 50, 20, 256, 9, LOW, HIGH);
        Loda both = new Loda(6, 50, 20, 256, 9, LOW, HIGH);
        for (int i = 0; i < 1500; i++) {
            a.learn(DATA.x[i]);
            both.learn(DATA.x[i]);
        }
        for (int i = 1500; i < 2700; i++) {
            b.learn(DATA.x[i]);
            both.learn(DATA.x[i]);
        }
        a.merge(b);
        assertEquals(both.examplesSeen(), a.examplesSeen());
        double[] merged = DetectorContract.progressive(a, DATA.x, 2700, 4000);
        double[] reference = DetectorContract.progressive(both, DATA.x, 2700, 4000);
        assertArrayEquals(reference, merged, 0.0);
    }

    @Test
    void refusesToMergeDifferentStructure() {
        Loda a = new Loda(6, 50, 20, 256, 9, LOW, HIGH);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.merge(new Loda(6, 50, 21, 256, 9, LOW, HIGH)));
        assertTrue(e.getMessage().contains("bins 21"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.merge(new Loda(6, 50, 20, 256, 9, filled(-1), HIGH)));
        assertThrows(IllegalStateException.class, () -> a.merge(new Loda(6, 50, 20, 256, 9)));
    }

    @Test
    void reportsMemory() {
        // 50 projections x 20 int counts, plus 2 non-zero weights and indices each.
        DetectorContract.reportsMemory(new Loda(6, 50, 20, 256, 9, LOW, HIGH), 4 * 1000, 20_000);
    }

    @Test
    void validatesInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Loda(6, 50, 1, 256, 9));
        assertTrue(e.getMessage().contains("bins=1"), e.getMessage());
        Loda l = new Loda(6, 50, 20, 256, 9);
        assertThrows(IllegalArgumentException.class, () -> l.learn(null));
        assertThrows(IllegalArgumentException.class, () -> l.score(new double[7]));
    }

    @Test
    void catalogBuildsItWithParams() {
        assertEquals(Loda.KIND, LearnerCatalog.detector("loda", 6,
                new Params(Map.of("projections", "10", "bins", "8", "window", "64", "seed", "1"))).kind());
    }
}
