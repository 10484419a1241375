package io.tidewatch.learners.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RocAucTest {

    @Test
    void scikitLearnsDocumentedExample() {
        // sklearn docs: y = [0, 0, 1, 1], scores = [0.1, 0.4, 0.35, 0.8] -> AUC 0.75, AP 0.8333...
        double[] s = {0.1, 0.4, 0.35, 0.8};
        boolean[] y = {false, false, true, true};
        assertEquals(0.75, RankingMetrics.rocAuc(s, y), 1e-15);
        assertEquals(5 / 6.0, RankingMetrics.averagePrecision(s, y), 1e-15);
    }

    @Test
    void tiesCountHalfAndGroupInAveragePrecision() {
        double[] s = {0.5, 0.5, 0.5, 0.9};
        boolean[] y = {true, false, false, true};
        // pairs: (0.5 vs 0.5) twice tie = 1, (0.9 vs 0.5) twice = 2 -> 3 / 4
        assertEquals(0.75, RankingMetrics.rocAuc(s, y), 1e-15);
        // thresholds 0.9: recall 1/2, precision 1; 0.5: recall 1, precision 2/4 -> 0.5 + 0.25
        assertEquals(0.75, RankingMetrics.averagePrecision(s, y), 1e-15);
        assertTrue(Double.isNaN(RankingMetrics.rocAuc(new double[] {1}, new boolean[] {true})));
    }

    @Test
    void windowedAucIsTheExactAucOfTheLastExamples() {
        Random r = new Random(11);
        int size = 50;
        WindowedRocAuc windowed = new WindowedRocAuc(size, 1);
        double[] scores = new double[400];
        boolean[] labels = new boolean[400];
        for (int i = 0; i < scores.length; i++) {
            labels[i] = r.nextDouble() < 0.3;
            // Coarse scores so that ties occur, shifted for positives so the AUC is informative.
            scores[i] = Math.round((r.nextGaussian() + (labels[i] ? 1 : 0)) * 4) / 4.0;
            windowed.add(scores[i], labels[i]);
            int from = Math.max(0, i + 1 - size);
            double[] ws = Arrays.copyOfRange(scores, from, i + 1);
            boolean[] wl = Arrays.copyOfRange(labels, from, i + 1);
            assertEquals(bruteForceAuc(ws, wl), windowed.rocAuc(), 1e-12, "at " + i);
            assertEquals(RankingMetrics.averagePrecision(ws, wl), windowed.averagePrecision(), 1e-12, "at " + i);
        }
    }

    @Test
    void classifierProbabilitiesFeedTheWindow() {
        WindowedRocAuc auc = new WindowedRocAuc(10, 1);
        auc.observe(1, new double[] {0.2, 0.8});
        auc.observe(0, new double[] {0.6, 0.4});
        auc.observe(0, new double[] {0.1, 0.9});
        assertEquals(0.5, auc.rocAuc(), 1e-15);
    }

    private static double bruteForceAuc(double[] s, boolean[] y) {
        double pairs = 0;
        double good = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (y[i] && !y[j]) {
                    pairs++;
                    good += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        return pairs == 0 ? Double.NaN : good / pairs;
    }
}
