package io.tidewatch.learners.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.tree.ClassifierChecks;
import io.tidewatch.learners.tree.HoeffdingTree;
import io.tidewatch.learners.tree.Prequential;
import io.tidewatch.learners.tree.SyntheticStreams;
import io.tidewatch.learners.tree.TabularCsv;
import io.tidewatch.learners.tree.TreeOptions;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class AdaptiveRandomForestTest {

    @Test
    void elecPrequentialAccuracyIsPinnedAndWithinHalfAPointOfMoa() throws Exception {
        Path elec = TabularCsv.elec();
        Assumptions.assumeTrue(elec != null, "shared data folder absent");
        TabularCsv d = TabularCsv.read(elec, "class");
        AdaptiveRandomForest f = new AdaptiveRandomForest(d.numFeatures(), d.numClasses, 10, 1L);
        Prequential p = Prequential.run(f, d.x, d.y);
        // MOA 2024.07.0 AdaptiveRandomForest -s 10, same stream: 87.56 %, kappa 0.744 (other random draws).
        assertEquals(45_312, p.n);
        assertEquals(PINNED_ELEC_CORRECT, p.correct);
        assertEquals(PINNED_ELEC_KAPPA, p.kappa, 5e-5);
        assertTrue(Math.abs(p.accuracy() * 100 - 87.56) < 0.5, "accuracy " + p.accuracy());
        assertTrue(f.driftsDetected() > 0, "elec drifts; the forest should have replaced trees");
    }

    private static final long PINNED_ELEC_CORRECT = 39_532;
    private static final double PINNED_ELEC_KAPPA = 0.7374;

    @Test
    void recoversFromAnAbruptChangeFasterThanAHoeffdingTree() {
        SyntheticStreams s = SyntheticStreams.abruptFlip(30_000, 15_000, 21);
        double arf = ClassifierChecks.accuracyBetween(new AdaptiveRandomForest(4, 2, 10, 5L), s.x, s.y, 15_000,
                20_000);
        double ht = ClassifierChecks.accuracyBetween(new HoeffdingTree(TreeOptions.defaults(4, 2)), s.x, s.y,
                15_000, 20_000);
        assertTrue(arf > 0.85, "ARF accuracy after the change " + arf);
        assertTrue(arf > ht + 0.10, "ARF " + arf + " vs HT " + ht + " after the change");
    }

    @Test
    void sameSeedSameForestOtherSeedOtherForest() {
        SyntheticStreams s = SyntheticStreams.abruptFlip(4_000, 2_000, 9);
        AdaptiveRandomForest a = new AdaptiveRandomForest(4, 2, 5, 17L);
        AdaptiveRandomForest b = new AdaptiveRandomForest(4, 2, 5, 17L);
        AdaptiveRandomForest c = new AdaptiveRandomForest(4, 2, 5, 18L);
        for (int i = 0; i < s.x.length; i++) {
            a.learn(s.x[i], s.y[i]);
            b.learn(s.x[i], s.y[i]);
            c.learn(s.x[i], s.y[i]);
        }
        assertArrayEquals(ModelCodec.encode(a), ModelCodec.encode(b));
        assertFalse(Arrays.equals(ModelCodec.encode(a), ModelCodec.encode(c)));
    }

    @Test
    void decodedForestPredictsAndLearnsIdentically() {
        SyntheticStreams s = SyntheticStreams.abruptFlip(12_000, 5_000, 3);
        ClassifierChecks.roundTrip(new AdaptiveRandomForest(4, 2, 6, 11L), AdaptiveRandomForest.class, s.x, s.y,
                5_600);
    }

    @Test
    void predictionsDoNotDependOnWhetherTheCallerPredictedFirst() {
        SyntheticStreams s = SyntheticStreams.abruptFlip(3_000, 1_500, 13);
        AdaptiveRandomForest withPredict = new AdaptiveRandomForest(4, 2, 4, 3L);
        AdaptiveRandomForest learnOnly = new AdaptiveRandomForest(4, 2, 4, 3L);
        for (int i = 0; i < s.x.length; i++) {
            withPredict.predictProba(s.x[i]);
            withPredict.learn(s.x[i], s.y[i]);
            learnOnly.learn(s.x[i], s.y[i]);
        }
        assertArrayEquals(ModelCodec.encode(withPredict), ModelCodec.encode(learnOnly));
    }

    @Test
    void rejectsBadParametersNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AdaptiveRandomForest(6, 2, 0, 1L));
        assertTrue(e.getMessage().contains("trees 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new AdaptiveRandomForest(6, 2, 10, 6.0, 7, 50, 0.01, 0.05, 0.01, 0.001, 1L));
        assertTrue(e.getMessage().contains("subspace 7"), e.getMessage());
        AdaptiveRandomForest f = new AdaptiveRandomForest(6, 2, 2, 1L);
        e = assertThrows(IllegalArgumentException.class, () -> f.learn(new double[5], 0));
        assertTrue(e.getMessage().contains("expected 6 values, got 5"), e.getMessage());
    }

    @Test
    void allTreeLearnersHandleSeveralClasses() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        int n = 12_000;
        double[][] x = new double[n][3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = r.nextDouble();
            }
            y[i] = x[i][0] < 0.33 ? 0 : x[i][1] < 0.5 ? 1 : 2;
        }
        TreeOptions o = TreeOptions.defaults(3, 3);
        io.tidewatch.learners.model.Classifier[] models = {new HoeffdingTree(o),
            new io.tidewatch.learners.tree.HoeffdingAdaptiveTree(o), new AdaptiveRandomForest(3, 3, 5, 2L)};
        for (io.tidewatch.learners.model.Classifier m : models) {
            double acc = ClassifierChecks.accuracyBetween(m, x, y, 6_000, n);
            assertTrue(acc > 0.9, m.kind() + " accuracy " + acc);
            assertEquals(3, m.predictProba(x[0]).length);
        }
    }

    @Test
    void defaultSubspaceIsMoas() {
        assertEquals(3, AdaptiveRandomForest.defaultSubspace(6));
        assertEquals(7, AdaptiveRandomForest.defaultSubspace(41));
        assertEquals(1, AdaptiveRandomForest.defaultSubspace(1));
    }
}
