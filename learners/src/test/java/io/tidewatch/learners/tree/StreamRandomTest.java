package io.tidewatch.learners.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamRandomTest {

    @Test
    void followsTheJavaUtilRandomSequence() {
        Random reference = new Random(42);
        StreamRandom r = new StreamRandom(42);
        for (int i = 0; i < 1_000; i++) {
            assertEquals(reference.nextDouble(), r.nextDouble(), 0.0);
            assertEquals(reference.nextInt(6), r.nextInt(6));
            assertEquals(reference.nextInt(64), r.nextInt(64));
        }
    }

    @Test
    void resumesFromItsState() {
        StreamRandom a = new StreamRandom(7);
        a.poisson(6.0);
        StreamRandom b = StreamRandom.fromState(a.state());
        for (int i = 0; i < 100; i++) {
            assertEquals(a.poisson(6.0), b.poisson(6.0));
        }
    }

    @Test
    void poissonHasTheRequestedMean() {
        StreamRandom r = new StreamRandom(1);
        double sum = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            sum += r.poisson(6.0);
        }
        assertEquals(6.0, sum / n, 0.05);
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(0));
    }

    @Test
    void normalCdfMatchesKnownValues() {
        assertEquals(0.5, NormalCdf.cdf(0), 1e-15);
        assertEquals(0.8413447460685429, NormalCdf.cdf(1), 1e-14);
        assertEquals(0.9772498680518208, NormalCdf.cdf(2), 1e-14);
        assertEquals(0.0013498980316301, NormalCdf.cdf(-3), 1e-15);
        assertEquals(0.5204998778130465, NormalCdf.erf(0.5), 1e-15);
        assertEquals(2.209049699858544e-05, NormalCdf.erfc(3), 1e-18);
    }
}
