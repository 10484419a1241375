package io.tidewatch.learners.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.learners.codec.ModelCodec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeviationDetectorTest {

    @Test
    void scoreIsTheMeanOfTheLargestDeviationsOnAFlooredScale() {
        DeviationDetector both = new DeviationDetector(6, 3, false, 0.3);
        // Nothing learned: mean 0, every standard deviation at the floor.
        double f = 0.3;
        assertEquals((9 + 5 + 4) / 3.0 / f, both.score(new double[] {1, -9, 4, 0, 5, Double.NaN}), 1e-9);
        DeviationDetector upper = new DeviationDetector(6, 3, true, 0.3);
        assertEquals((5 + 4 + 1) / 3.0 / f, upper.score(new double[] {1, -9, 4, 0, 5, Double.NaN}), 1e-9,
                "below usual does not count");
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 500; i++) {
            double[] x = new double[6];
            for (int j = 0; j < 6; j++) {
                x[j] = 10 + rnd.nextGaussian();
            }
            upper.learn(x);
        }
        double usual = upper.score(new double[] {10, 10, 10, 10, 10, 10});
        double far = upper.score(new double[] {10, 10, 10, 20, 20, 20});
        assertTrue(usual < 0.5 && far > 8, usual + " " + far);
        // Winsorized learning: a hundred extreme values move "usual" by a few standard deviations at most.
        for (int i = 0; i < 100; i++) {
            upper.learn(new double[] {10, 10, 10, 1e6, 1e6, 1e6});
        }
        assertTrue(upper.score(new double[] {10, 10, 10, 20, 20, 20}) > 1.5,
                "still far: " + upper.score(new double[] {10, 10, 10, 20, 20, 20}));
        DeviationDetector back = ModelCodec.decode(ModelCodec.encode(upper), DeviationDetector.class);
        assertEquals(600, back.examplesSeen());
        assertEquals(upper.score(new double[] {1, 2, 3, 4, 5, 6}), back.score(new double[] {1, 2, 3, 4, 5, 6}), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> upper.score(new double[2]));
        assertTrue(e.getMessage().contains("6 features"), e.getMessage());
    }

    @Test
    void mergeHoldsTheStatisticsOfBothStreamsAsIfOneDetectorLearnedThem() {
        // Two tasks see slightly different traffic, interleaved; uniform noise this narrow is never clipped.
        SplittableRandom rnd = new SplittableRandom(5);
        DeviationDetector a = new DeviationDetector(4, 2, false, 0.1);
        DeviationDetector b = new DeviationDetector(4, 2, false, 0.1);
        DeviationDetector one = new DeviationDetector(4, 2, false, 0.1);
        for (int i = 0; i < 400; i++) {
            boolean toA = rnd.nextInt(4) != 0;
            double[] x = new double[4];
            for (int j = 0; j < 4; j++) {
                x[j] = (toA ? 10 : 10.2) + rnd.nextDouble() - 0.5;
            }
            (toA ? a : b).learn(x);
            one.learn(x);
        }
        double[] probe = {12, 9, 15, 11};
        a.merge(b);
        assertEquals(400, a.examplesSeen());
        assertEquals(one.score(probe), a.score(probe), 1e-9);
        // Nothing learned on the other side: nothing changes; a fresh detector takes the other's statistics whole.
        a.merge(new DeviationDetector(4, 2, false, 0.1));
        assertEquals(one.score(probe), a.score(probe), 1e-9);
        DeviationDetector fresh = new DeviationDetector(4, 2, false, 0.1);
        fresh.merge(one);
        assertEquals(one.score(probe), fresh.score(probe), 1e-12);
        // A task that never saw values near 14 finds them usual once a peer's traffic is folded in.
        DeviationDetector low = new DeviationDetector(4, 2, true, 0.1);
        DeviationDetector high = new DeviationDetector(4, 2, true, 0.1);
        for (int i = 0; i < 200; i++) {
            low.learn(new double[] {10 + rnd.nextDouble(), 10 + rnd.nextDouble(), 10, 10});
            high.learn(new double[] {14 + rnd.nextDouble(), 14 + rnd.nextDouble(), 10, 10});
        }
        double[] fourteen = {14.5, 14.5, 10, 10};
        double before = low.score(fourteen);
        low.merge(high);
        assertTrue(before > 10 && low.score(fourteen) < 1.5, before + " -> " + low.score(fourteen));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.merge(new DeviationDetector(4, 2, true, 0.1)));
        assertTrue(e.getMessage().contains("upper only"), e.getMessage());
    }
}
