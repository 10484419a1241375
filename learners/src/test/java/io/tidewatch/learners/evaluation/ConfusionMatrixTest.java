package io.tidewatch.learners.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    /** actual 0: 5 right, 2 called 1, 1 called 2; actual 1: 3 right, 1 called 0; actual 2: 4 right. */
    private static ConfusionMatrix example() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        m.add(0, 0, 5);
        m.add(0, 1, 2);
        m.add(0, 2, 1);
        m.add(1, 1, 3);
        m.add(1, 0, 1);
        m.add(2, 2, 4);
        return m;
    }

    @Test
    void metricsAreTheHandComputedOnes() {
        ConfusionMatrix m = example();
        assertEquals(16, m.total());
        assertEquals(12 / 16.0, m.accuracy(), 1e-15);
        // chance = (8/16)(6/16) + (4/16)(5/16) + (4/16)(5/16) = (48 + 20 + 20) / 256 = 88/256
        double chance = 88 / 256.0;
        assertEquals((0.75 - chance) / (1 - chance), m.kappa(), 1e-15);
        assertEquals(5 / 6.0, m.precision(0), 1e-15);
        assertEquals(5 / 8.0, m.recall(0), 1e-15);
        assertEquals(2 * (5 / 6.0) * (5 / 8.0) / (5 / 6.0 + 5 / 8.0), m.f1(0), 1e-15);
        assertEquals(3 / 5.0, m.precision(1), 1e-15);
        assertEquals(3 / 4.0, m.recall(1), 1e-15);
        assertEquals(4 / 5.0, m.precision(2), 1e-15);
        assertEquals(1.0, m.recall(2), 1e-15);
        assertEquals((5 / 6.0 + 3 / 5.0 + 4 / 5.0) / 3, m.macroPrecision(), 1e-15);
        assertEquals((5 / 8.0 + 3 / 4.0 + 1.0) / 3, m.macroRecall(), 1e-15);
    }

    @Test
    void emptyDenominatorsAreZeroAndAbsentClassesLeaveTheMacroAverage() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        assertEquals(0, m.accuracy());
        assertEquals(0, m.kappa());
        m.add(0, 0, 2);
        m.add(1, 0, 1);
        assertEquals(0, m.precision(1));
        assertEquals(0, m.recall(1));
        assertEquals((2 / 3.0 + 0) / 2, m.macroPrecision(), 1e-15, "class 2 never occurs");
        assertThrows(IllegalArgumentException.class, () -> m.add(3, 0, 1));
    }

    @Test
    void scalingKeepsRatios() {
        ConfusionMatrix m = example();
        m.scale(0.5);
        assertEquals(8, m.total(), 1e-15);
        assertEquals(0.75, m.accuracy(), 1e-15);
    }
}
