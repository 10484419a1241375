package io.tidewatch.learners.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.learners.catalog.LearnerCatalog;
import io.tidewatch.learners.catalog.Params;
import io.tidewatch.learners.model.Detector;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HalfSpaceTreesTest {

    private static final PlantedAnomalies DATA = new PlantedAnomalies(4000, 6, 0.02, 11);
    private static final double[] LOW = filled(-6);
    private static final double[] HIGH = filled(6);

    private static double[] filled(double v) {
        double[] a = new double[6];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void findsPlantedAnomalies() {
        double auc = DetectorContract.syntheticAuc(new HalfSpaceTrees(6, 25, 8, 250, 1), DATA);
        assertTrue(auc > 0.9, "AUC " + auc);
    }

    @Test
    void scoresInUnitIntervalAndZeroDuringFirstWindow() {
        HalfSpaceTrees h = new HalfSpaceTrees(6, 10, 6, 100, 1);
        for (int i = 0; i < 100; i++) {
            assertEquals(0.0, h.scoreThenLearn(DATA.x[i]));
        }
        for (int i = 100; i < 1000; i++) {
            double s = h.scoreThenLearn(DATA.x[i]);
            assertTrue(s >= 0 && s <= 1, "score " + s);
        }
    }

    @Test
    void roundTripsExactlyInFirstWindowAndAfter() {
        DetectorContract.roundTripsExactly(new HalfSpaceTrees(6, 10, 6, 200, 3), DATA.x, 120);
        DetectorContract.roundTripsExactly(new HalfSpaceTrees(6, 10, 6, 200, 3), DATA.x, 1234);
        DetectorContract.roundTripsExactly(new HalfSpaceTrees(6, 10, 6, 200, 3, LOW, HIGH), DATA.x, 777);
    }

    @Test
    void scoreThenLearnInOneWalkEqualsScoreThenSeparateLearn() {
        HalfSpaceTrees fused = new HalfSpaceTrees(6, 10, 6, 200, 3);
        HalfSpaceTrees separate = new HalfSpaceTrees(6, 10, 6, 200, 3);
        for (double[] x : DATA.x) {
            double expected = separate.score(x);
            separate.learn(x);
            assertEquals(expected, fused.scoreThenLearn(x), 0.0);
        }
    }

    @Test
    void deterministicBySeed() {
        DetectorContract.deterministicBySeed(seed -> new HalfSpaceTrees(6, 10, 6, 200, seed), DATA.x);
    }

    @Test
    void mergedModelEqualsOneThatSawBothStreams() {
        int w = 100;
        HalfSpaceTrees a = new HalfSpaceTrees(6, 10, 6, w, 5, LOW, HIGH);
        HalfSpaceTrees b = new HalfSpaceTrees(6, 10, 6, w, 5, LOW, HIGH);
        // The model of both streams has the merged window (2w) and sees window i of a, then window i of b.
        HalfSpaceTrees both = new HalfSpaceTrees(6, 10, 6, 2 * w, 5, LOW, HIGH);
        int partial = 37;
        int rowsA = 0;
        int rowsB = 2000;
        for (int win = 0; win < 3; win++) {
            int n = win < 2 ? w : partial;
            for (int i = 0; i < n; i++) {
                a.learn(DATA.x[rowsA + i]);
                both.learn(DATA.x[rowsA + i]);
            }
            for (int i = 0; i < n; i++) {
                b.learn(DATA.x[rowsB + i]);
                both.learn(DATA.x[rowsB + i]);
            }
            rowsA += n;
            rowsB += n;
        }
        a.merge(b);
        assertEquals(2 * w, a.window());
        assertEquals(both.examplesSeen(), a.examplesSeen());
        double[] merged = new double[1000];
        double[] reference = new double[1000];
        for (int i = 0; i < 1000; i++) {
            merged[i] = a.scoreThenLearn(DATA.x[3000 + i]);
            reference[i] = both.scoreThenLearn(DATA.x[3000 + i]);
        }
        assertArrayEquals(reference, merged, 1e-12);
    }

    @Test
    void refusesToMergeDifferentStructure() {
        HalfSpaceTrees a = new HalfSpaceTrees(6, 10, 6, 100, 5, LOW, HIGH);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.merge(new HalfSpaceTrees(6, 10, 6, 100, 6, LOW, HIGH)));
        assertTrue(e.getMessage().contains("seed 6"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> a.merge(new HalfSpaceTrees(6, 10, 6, 100, 5, filled(-1), HIGH)));
        assertThrows(IllegalStateException.class, () -> a.merge(new HalfSpaceTrees(6, 10, 6, 100, 5)));
    }

    @Test
    void reportsMemory() {
        // 10 trees of 127 nodes: two int mass arrays plus 63 splits each.
        DetectorContract.reportsMemory(new HalfSpaceTrees(6, 10, 6, 100, 5, LOW, HIGH), 2 * 4 * 1270, 40_000);
    }

    @Test
    void validatesInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HalfSpaceTrees(6, 0, 6, 100, 5));
        assertTrue(e.getMessage().contains("trees=0"), e.getMessage());
        HalfSpaceTrees h = new HalfSpaceTrees(6, 10, 6, 100, 5);
        e = assertThrows(IllegalArgumentException.class, () -> h.score(new double[3]));
        assertTrue(e.getMessage().contains("6 features, got 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new HalfSpaceTrees(6, 10, 6, 100, 5, HIGH, LOW));
    }

    @Test
    void catalogBuildsItWithParams() {
        Detector d = LearnerCatalog.detector("half-space-trees", 6,
                new Params(Map.of("trees", "5", "height", "4", "window", "50", "seed", "3")));
        assertEquals(HalfSpaceTrees.KIND, d.kind());
        assertEquals(50, ((HalfSpaceTrees) d).window());
        assertThrows(IllegalArgumentException.class, () -> LearnerCatalog.detector("half-space-trees", 6,
                new Params(Map.of("tress", "5"))));
    }
}
