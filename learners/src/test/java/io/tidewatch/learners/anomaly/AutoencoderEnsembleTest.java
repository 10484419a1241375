package io.tidewatch.learners.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.learners.catalog.LearnerCatalog;
import io.tidewatch.learners.catalog.Params;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AutoencoderEnsembleTest {

    private static final PlantedAnomalies DATA = new PlantedAnomalies(6000, 12, 0.02, 14);

    @Test
    void findsPlantedAnomalies() {
        double auc = DetectorContract.syntheticAuc(new AutoencoderEnsemble(12, 4, 500, 0.1, 0.75, 1), DATA);
        assertTrue(auc > 0.9, "AUC " + auc);
    }

    @Test
    void clustersCorrelatedFeaturesTogetherWithinMaxSize() {
        // Three groups of four features, each group copies of one latent signal plus small noise.
        Random rng = new Random(1);
        AutoencoderEnsemble a = new AutoencoderEnsemble(12, 4, 300, 0.1, 0.75, 1);
        int[] group = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2};
        for (int i = 0; i < 300; i++) {
            double[] latent = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
            double[] x = new double[12];
            for (int j = 0; j < 12; j++) {
                x[j] = latent[group[j]] + 0.05 * rng.nextGaussian();
            }
            a.learn(x);
        }
        int[][] clusters = a.featureClusters();
        assertEquals(3, clusters.length, Arrays.deepToString(clusters));
        boolean[] seen = new boolean[12];
        for (int[] c : clusters) {
            assertEquals(4, c.length);
            for (int f : c) {
                assertEquals(group[c[0]], group[f], Arrays.deepToString(clusters));
                seen[f] = true;
            }
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
    }

    @Test
    void splitsLargeClusters() {
        AutoencoderEnsemble a = new AutoencoderEnsemble(12, 2, 300, 0.1, 0.75, 1);
        DetectorContract.progressive(a, DATA.x, 0, 300);
        int total = 0;
        for (int[] c : a.featureClusters()) {
            assertTrue(c.length <= 2 && c.length >= 1);
            total += c.length;
        }
        assertEquals(12, total);
    }

    @Test
    void scoresZeroDuringGrace() {
        AutoencoderEnsemble a = new AutoencoderEnsemble(12, 4, 100, 0.1, 0.75, 1);
        double[] s = DetectorContract.progressive(a, DATA.x, 0, 101);
        for (int i = 0; i < 101; i++) {
            assertEquals(0.0, s[i]);
        }
        assertTrue(a.score(DATA.x[101]) > 0);
    }

    @Test
    void roundTripsExactlyInGraceAndAfter() {
        DetectorContract.roundTripsExactly(new AutoencoderEnsemble(12, 4, 500, 0.1, 0.75, 3), DATA.x, 200);
        DetectorContract.roundTripsExactly(new AutoencoderEnsemble(12, 4, 500, 0.1, 0.75, 3), DATA.x, 2100);
    }

    @Test
    void deterministicBySeed() {
        DetectorContract.deterministicBySeed(seed -> new AutoencoderEnsemble(12, 4, 500, 0.1, 0.75, seed), DATA.x);
        double[] a = DetectorContract.progressive(new AutoencoderEnsemble(12, 4, 500, 0.1, 0.75, 3), DATA.x, 0, 1000);
        double[] b = DetectorContract.progressive(new AutoencoderEnsemble(12, 4, 500, 0.1, 0.75, 3), DATA.x, 0, 1000);
        assertArrayEquals(a, b, 0.0);
    }

    @Test
    void reportsMemory() {
        AutoencoderEnsemble a = new AutoencoderEnsemble(12, 4, 500, 0.1, 0.75, 3);
        DetectorContract.reportsMemory(a, 8 * 78, 10_000);
        DetectorContract.progressive(a, DATA.x, 0, 600);
        // Three or more autoencoders of at most 4x3 weights, an output one, normalization bounds.
        DetectorContract.reportsMemory(a, 8 * 12 * 3, 20_000);
    }

    @Test
    void validatesInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AutoencoderEnsemble(12, 4, 500, -0.1, 0.75, 3));
        assertTrue(e.getMessage().contains("learning-rate=-0.1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AutoencoderEnsemble(12, 0, 500, 0.1, 0.75, 3));
        assertThrows(IllegalArgumentException.class, () -> new AutoencoderEnsemble(12, 4, 500, 0.1, 1.5, 3));
    }

    @Test
    void catalogBuildsItWithParams() {
        assertEquals(AutoencoderEnsemble.KIND, LearnerCatalog.detector("autoencoder-ensemble", 12,
                new Params(Map.of("max-cluster", "5", "grace", "100", "learning-rate", "0.05", "seed", "2")))
                .kind());
    }
}
