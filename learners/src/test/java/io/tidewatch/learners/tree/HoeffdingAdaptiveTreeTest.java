package io.tidewatch.learners.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class HoeffdingAdaptiveTreeTest {

    @Test
    void elecPrequentialAccuracyIsPinnedAndMatchesMoa() throws Exception {
        Path elec = TabularCsv.elec();
        Assumptions.assumeTrue(elec != null, "shared data folder absent");
        TabularCsv d = TabularCsv.read(elec, "class");
        HoeffdingAdaptiveTree t = new HoeffdingAdaptiveTree(TreeOptions.defaults(d.numFeatures(), d.numClasses));
        Prequential p = Prequential.run(t, d.x, d.y);
        // MOA 2024.07.0 HoeffdingAdaptiveTree, same stream: 80.94 %, kappa 0.607.
        assertEquals(45_312, p.n);
        assertEquals(36_676, p.correct);
        assertEquals(0.6067, p.kappa, 5e-5);
    }

    @Test
    void recoversFromAnAbruptChangeFasterThanAHoeffdingTree() {
        SyntheticStreams s = SyntheticStreams.abruptFlip(30_000, 15_000, 21);
        TreeOptions o = TreeOptions.defaults(4, 2);
        double hat = ClassifierChecks.accuracyBetween(new HoeffdingAdaptiveTree(o), s.x, s.y, 15_000, 20_000);
        double ht = ClassifierChecks.accuracyBetween(new HoeffdingTree(o), s.x, s.y, 15_000, 20_000);
        assertTrue(hat > 0.80, "HAT accuracy after the change " + hat);
        assertTrue(hat > ht + 0.10, "HAT " + hat + " vs HT " + ht + " after the change");
    }

    @Test
    void decodedTreePredictsAndLearnsIdentically() {
        SyntheticStreams s = SyntheticStreams.abruptFlip(16_000, 6_000, 3);
        ClassifierChecks.roundTrip(new HoeffdingAdaptiveTree(TreeOptions.defaults(4, 2)),
                HoeffdingAdaptiveTree.class, s.x, s.y, 9_000);
    }
}
