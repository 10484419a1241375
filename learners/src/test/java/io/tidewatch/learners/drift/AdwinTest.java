package io.tidewatch.learners.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.learners.codec.ModelCodec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdwinTest {

    @Test
    void keepsTheExactMeanOfAStationaryWindow() {
        Adwin a = new Adwin();
        for (int i = 1; i <= 100; i++) {
            assertEquals(DriftState.STABLE, a.update(i % 2));
        }
        assertEquals(100, a.width());
        assertEquals(0.5, a.estimation(), 1e-12);
        assertFalse(a.detectedChange());
        assertFalse(a.inWarningZone());
    }

    @Test
    void detectsAStepSoonAfterItAndDropsTheOldWindow() {
        Adwin a = new Adwin(0.002);
        for (int i = 0; i < 1_000; i++) {
            a.add(0.0);
        }
        int detectedAt = -1;
        for (int i = 0; i < 500 && detectedAt < 0; i++) {
            if (a.update(1.0) == DriftState.DRIFT) {
                detectedAt = i;
            }
        }
        // Checks run every 32 values; this step of height 1 is caught at the first check with enough new values.
        assertEquals(23, detectedAt);
        assertTrue(a.detectedChange());
        assertTrue(a.width() < 1_000, "old values should be dropped, width " + a.width());
        assertTrue(a.estimation() > 0.02, "estimation " + a.estimation());
    }

    @Test
    void catchesAnErrorRateRiseAndRaisesItsEstimate() {
        SplittableRandom r = new SplittableRandom(1);
        Adwin a = new Adwin(0.002);
        for (int i = 0; i < 2_000; i++) {
            assertFalse(a.add(r.nextDouble() < 0.2 ? 1 : 0), "false alarm at " + i);
        }
        int detectedAt = -1;
        for (int i = 0; i < 2_000 && detectedAt < 0; i++) {
            if (a.add(r.nextDouble() < 0.6 ? 1 : 0)) {
                detectedAt = i;
            }
        }
        assertTrue(detectedAt > 0 && detectedAt < 200, "detected after " + detectedAt);
        for (int i = 0; i < 1_000; i++) {
            a.add(r.nextDouble() < 0.6 ? 1 : 0);
        }
        assertEquals(0.6, a.estimation(), 0.05);
    }

    @Test
    void raisesNoAlarmOnALongStationaryBernoulliStream() {
        SplittableRandom r = new SplittableRandom(2);
        Adwin a = new Adwin(0.002);
        int alarms = 0;
        for (int i = 0; i < 20_000; i++) {
            if (a.add(r.nextDouble() < 0.3 ? 1 : 0)) {
                alarms++;
            }
        }
        assertEquals(0, alarms);
        assertEquals(20_000, a.width());
        assertEquals(0.3, a.estimation(), 0.01);
    }

    @Test
    void decodedDetectorContinuesIdentically() {
        SplittableRandom r = new SplittableRandom(3);
        Adwin a = new Adwin(0.01);
        for (int i = 0; i < 3_000; i++) {
            a.add(r.nextDouble() < (i < 1_500 ? 0.1 : 0.5) ? 1 : 0);
        }
        Adwin b = ModelCodec.decode(ModelCodec.encode(a), Adwin.class);
        assertEquals(a.width(), b.width());
        assertEquals(a.estimation(), b.estimation(), 0.0);
        for (int i = 0; i < 3_000; i++) {
            double v = r.nextDouble() < (i < 1_000 ? 0.5 : 0.9) ? 1 : 0;
            assertEquals(a.add(v), b.add(v), "at " + i);
            assertEquals(a.estimation(), b.estimation(), 0.0);
        }
    }

    @Test
    void rejectsBadDeltaAndValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adwin(0));
        assertTrue(e.getMessage().contains("delta 0.0"), e.getMessage());
        Adwin a = new Adwin();
        e = assertThrows(IllegalArgumentException.class, () -> a.add(Double.NaN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
