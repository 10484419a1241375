package io.tidewatch.learners.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DdmTest {

    @Test
    void anErrorAfterAnErrorFreeStartIsAChange() {
        // With no errors p = s = 0, so pMin + 3 sMin = 0 and the first error exceeds it.
        Ddm ddm = new Ddm(10, 2, 3);
        for (int i = 0; i < 10; i++) {
            ddm.update(0);
            assertFalse(ddm.detectedChange() || ddm.inWarningZone());
        }
        ddm.update(1);
        assertTrue(ddm.detectedChange());
        assertEquals(1, ddm.changes());
        ddm.update(0);
        assertFalse(ddm.detectedChange());
        assertEquals(0.0, ddm.errorRate(), 0, "restarted");
    }

    @Test
    void handComputedWarningThenChange() {
        // minInstances 4. Errors 0,1,0,1: n=4, p=.5, s=sqrt(.25/4)=.25 -> pMin=.5, sMin=.25 (p+s=.75).
        // The paper's bands (p+s > 1.0 to warn, > 1.25 to change) are out of reach of a rate <= 1 here, so use
        // warning level 1.2 (p+s > .8) and change level 1.25 (> .8125) or 1.3 (> .825). Next error: n=5, p=.6,
        // s=sqrt(.24/5)=.2191, p+s=.8191: a change under 1.25, only a warning under 1.3.
        Ddm narrow = new Ddm(4, 1.2, 1.25);
        Ddm wide = new Ddm(4, 1.2, 1.3);
        for (double e : new double[] {0, 1, 0, 1}) {
            narrow.update(e);
            wide.update(e);
            assertFalse(narrow.detectedChange() || narrow.inWarningZone());
        }
        assertEquals(DriftState.DRIFT, narrow.update(1));
        assertEquals(DriftState.WARNING, wide.update(1));
        assertTrue(narrow.detectedChange());
        assertFalse(narrow.inWarningZone());
        assertTrue(wide.inWarningZone());
        assertFalse(wide.detectedChange());
    }

    @Test
    void errorRateJumpIsCaughtAfterAWarning() {
        Random r = new Random(5);
        Ddm ddm = new Ddm();
        for (int i = 0; i < 3000; i++) {
            ddm.update(r.nextDouble() < 0.1 ? 1 : 0);
        }
        long before = ddm.changes();
        boolean warned = false;
        int at = -1;
        for (int i = 0; i < 3000 && at < 0; i++) {
            ddm.update(r.nextDouble() < 0.5 ? 1 : 0);
            warned |= ddm.inWarningZone();
            at = ddm.detectedChange() ? i : -1;
        }
        assertEquals(0, before, "no change while the error rate is stable");
        assertTrue(warned, "a warning precedes the change");
        assertEquals(74, at, "pinned: errors after the jump until the signal");
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new Ddm(30, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> new Ddm().update(2));
    }
}
