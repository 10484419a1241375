package io.tidewatch.learners.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PageHinkleyTest {

    /** Index (1-based) of the first update that signals a change, or -1. */
    private static int firstChange(PageHinkley ph, double[] values) {
        for (int i = 0; i < values.length; i++) {
            ph.update(values[i]);
            if (ph.detectedChange()) {
                return i + 1;
            }
        }
        return -1;
    }

    @Test
    void stepUpIsFoundWhereTheHandComputedSumCrossesTheThreshold() {
        // Ten 0s, then 1s. After k ones the mean is k/(10+k) and the sum is sum_{j<=k} 10/(10+j):
        // 0.909, 1.742, 2.511, 3.225 -> with threshold 3 the 4th one (update 14) is the change.
        double[] v = new double[30];
        for (int i = 10; i < 30; i++) {
            v[i] = 1;
        }
        assertEquals(14, firstChange(new PageHinkley(1, 0, 3, 1, PageHinkley.Direction.UP), v));
        assertEquals(-1, firstChange(new PageHinkley(1, 0, 3, 1, PageHinkley.Direction.DOWN), v));
        assertEquals(14, firstChange(new PageHinkley(1, 0, 3, 1, PageHinkley.Direction.BOTH), v));
    }

    @Test
    void stepDownIsFoundByTheMirroredTest() {
        double[] v = new double[30];
        for (int i = 0; i < 10; i++) {
            v[i] = 1;
        }
        assertEquals(14, firstChange(new PageHinkley(1, 0, 3, 1, PageHinkley.Direction.DOWN), v));
        assertEquals(-1, firstChange(new PageHinkley(1, 0, 3, 1, PageHinkley.Direction.UP), v));
    }

    @Test
    void minInstancesHoldsTheSignalBack() {
        double[] v = new double[30];
        for (int i = 10; i < 30; i++) {
            v[i] = 1;
        }
        assertEquals(20, firstChange(new PageHinkley(20, 0, 3, 1, PageHinkley.Direction.UP), v));
    }

    @Test
    void defaultsStayQuietOnStationaryNoiseAndCatchAMeanShiftThenRestart() {
        // Noise on the scale of an error rate (sd 0.1), the scale the default threshold of 50 is meant for.
        Random r = new Random(1);
        PageHinkley ph = new PageHinkley();
        for (int i = 0; i < 5000; i++) {
            ph.update(0.1 * r.nextGaussian());
            assertFalse(ph.detectedChange(), "false alarm at " + i);
        }
        int at = -1;
        for (int i = 0; i < 5000 && at < 0; i++) {
            ph.update(1 + 0.1 * r.nextGaussian());
            at = ph.detectedChange() ? i : -1;
        }
        assertEquals(47, at, "pinned: samples after the shift until the signal");
        ph.update(1);
        assertFalse(ph.detectedChange());
        assertEquals(1.0, ph.mean(), 0, "restarted after the change");
        assertFalse(ph.inWarningZone());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new PageHinkley(0, 0, 1, 1, PageHinkley.Direction.UP));
        assertThrows(IllegalArgumentException.class, () -> new PageHinkley(1, 0, 0, 1, PageHinkley.Direction.UP));
        assertThrows(IllegalArgumentException.class, () -> new PageHinkley(1, 0, 1, 1.5, PageHinkley.Direction.UP));
        assertThrows(IllegalArgumentException.class, () -> new PageHinkley().update(Double.NaN));
    }
}
