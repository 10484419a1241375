package io.tidewatch.learners.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class HoeffdingTreeTest {

    @Test
    void elecPrequentialAccuracyIsPinnedAndMatchesMoa() throws Exception {
        Path elec = TabularCsv.elec();
        Assumptions.assumeTrue(elec != null, "shared data folder absent");
        TabularCsv d = TabularCsv.read(elec, "class");
        HoeffdingTree t = new HoeffdingTree(TreeOptions.defaults(d.numFeatures(), d.numClasses));
        Prequential p = Prequential.run(t, d.x, d.y);
        // MOA 2024.07.0 HoeffdingTree, same stream: 77.95 %, kappa 0.545.
        assertEquals(45_312, p.n);
        assertEquals(35_322, p.correct);
        assertEquals(0.5448, p.kappa, 5e-5);
        assertEquals(45_312, t.examplesSeen());
        assertTrue(t.splitCount() > 0);
    }

    @Test
    void learnsAThresholdConcept() {
        SyntheticStreams s = SyntheticStreams.abruptFlip(20_000, 20_000, 7);
        HoeffdingTree t = new HoeffdingTree(TreeOptions.defaults(4, 2));
        double acc = ClassifierChecks.accuracyBetween(t, s.x, s.y, 10_000, 20_000);
        assertTrue(acc > 0.90, "accuracy " + acc);
    }

    @Test
    void decodedTreePredictsAndLearnsIdentically() {
        SyntheticStreams s = SyntheticStreams.abruptFlip(12_000, 6_000, 3);
        ClassifierChecks.roundTrip(new HoeffdingTree(TreeOptions.defaults(4, 2)), HoeffdingTree.class, s.x, s.y,
                5_000);
    }

    @Test
    void decodedTreeWithRandomSubspacesKeepsItsGenerator() {
        SyntheticStreams s = SyntheticStreams.abruptFlip(8_000, 4_000, 5);
        TreeOptions o = TreeOptions.defaults(4, 2).withSubspaceSize(2).withGracePeriod(50);
        ClassifierChecks.roundTrip(new HoeffdingTree(o, 42), HoeffdingTree.class, s.x, s.y, 3_000);
    }

    @Test
    void missingValuesStopAtTheSplitAndAreSkippedByEstimators() {
        SyntheticStreams s = SyntheticStreams.abruptFlip(5_000, 5_000, 11);
        HoeffdingTree t = new HoeffdingTree(TreeOptions.defaults(4, 2));
        for (int i = 0; i < s.x.length; i++) {
            t.learn(s.x[i], s.y[i]);
        }
        double[] p = t.predictProba(new double[] {Double.NaN, Double.NaN, 0.5, 0.5});
        assertEquals(1.0, p[0] + p[1], 1e-12);
        t.learn(new double[] {Double.NaN, 0.2, 0.3, 0.4}, 1);
        assertEquals(5_001, t.examplesSeen());
    }

    @Test
    void rejectsBadInputNamingIt() {
        HoeffdingTree t = new HoeffdingTree(TreeOptions.defaults(3, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.learn(new double[2], 0));
        assertTrue(e.getMessage().contains("expected 3 values, got 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.learn(new double[3], 2));
        assertTrue(e.getMessage().contains("class 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.learn(new double[3], 0, -1));
        assertTrue(e.getMessage().contains("weight -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> t.learn(new double[] {0, Double.POSITIVE_INFINITY, 0}, 0));
        assertTrue(e.getMessage().contains("feature 1 = Infinity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.predictProba(null));
        assertTrue(e.getMessage().contains("null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TreeOptions.defaults(3, 2).withSplitConfidence(1.5));
        assertTrue(e.getMessage().contains("split-confidence 1.5"), e.getMessage());
    }

    @Test
    void predictsUniformlyBeforeLearning() {
        HoeffdingTree t = new HoeffdingTree(TreeOptions.defaults(2, 3));
        double[] p = t.predictProba(new double[] {1, 2});
        assertEquals(3, p.length);
        assertEquals(1.0 / 3, p[0], 1e-12);
    }
}
