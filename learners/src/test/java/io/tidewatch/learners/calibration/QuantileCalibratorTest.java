package io.tidewatch.learners.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.learners.codec.ModelCodec;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantileCalibratorTest {

    // KLL k=200 has a normalized rank error of about 1.3% (99% confidence); assert within 3%.
    private static final double RANK_TOLERANCE = 0.03;

    @Test
    void mapsScoresToTheirRankAmongScoresSeen() {
        QuantileCalibrator c = new QuantileCalibrator();
        Random rng = new Random(1);
        for (int i = 0; i < 50_000; i++) {
            c.learn(rng.nextDouble() * 10);
        }
        for (double q : new double[] {0.01, 0.1, 0.5, 0.9, 0.99}) {
            assertEquals(q, c.calibrate(q * 10), RANK_TOLERANCE);
        }
        assertEquals(0.0, c.calibrate(-1));
        assertEquals(1.0, c.calibrate(11));
    }

    @Test
    void exactAndTiesCountHalfBeforeTheSketchCompacts() {
        QuantileCalibrator c = new QuantileCalibrator();
        assertEquals(0.5, c.calibrate(3), "no evidence yet");
        for (int i = 1; i <= 10; i++) {
            c.learn(i);
        }
        assertEquals(0.25, c.calibrate(3), 1e-12); // 2 below, one tie counted half, of 10
        assertEquals(0.0, c.calibrate(0.5), 1e-12);
    }

    @Test
    void windowFollowsDrift() {
        QuantileCalibrator cumulative = new QuantileCalibrator(200, 0);
        QuantileCalibrator windowed = new QuantileCalibrator(200, 1000);
        Random rng = new Random(2);
        for (int i = 0; i < 20_000; i++) {
            double s = i < 10_000 ? rng.nextGaussian() : 5 + rng.nextGaussian();
            cumulative.learn(s);
            windowed.learn(s);
        }
        // After the shift, a score of 5 is typical for the windowed calibrator and high for the cumulative one.
        assertEquals(0.5, windowed.calibrate(5), 0.05);
        assertTrue(cumulative.calibrate(5) > 0.7, "cumulative " + cumulative.calibrate(5));
    }

    @Test
    void mergeCalibratesAsOneThatSawBothStreams() {
        QuantileCalibrator a = new QuantileCalibrator();
        QuantileCalibrator b = new QuantileCalibrator();
        QuantileCalibrator both = new QuantileCalibrator();
        Random rng = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            double s = rng.nextGaussian();
            a.learn(s);
            both.learn(s);
        }
        for (int i = 0; i < 20_000; i++) {
            double s = 3 + rng.nextGaussian();
            b.learn(s);
            both.learn(s);
        }
        a.merge(b);
        assertEquals(40_000, a.examplesSeen());
        for (double s = -2; s <= 5; s += 0.5) {
            assertEquals(both.calibrate(s), a.calibrate(s), RANK_TOLERANCE, "at " + s);
        }
        assertThrows(IllegalArgumentException.class, () -> a.merge(new QuantileCalibrator(200, 10)));
    }

    @Test
    void roundTripsThroughTheCodec() {
        QuantileCalibrator c = new QuantileCalibrator(100, 3000);
        Random rng = new Random(4);
        for (int i = 0; i < 7777; i++) {
            c.learn(rng.nextGaussian());
        }
        byte[] bytes = ModelCodec.encode(c);
        QuantileCalibrator copy = ModelCodec.decode(bytes, QuantileCalibrator.class);
        assertEquals(c.examplesSeen(), copy.examplesSeen());
        for (double s = -3; s <= 3; s += 0.25) {
            assertEquals(c.calibrate(s), copy.calibrate(s), 0.0, "at " + s);
        }
        assertTrue(bytes.length < 8_000, bytes.length + " bytes");
        assertTrue(c.memoryBytes() > 0);
    }

    @Test
    void validatesInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new QuantileCalibrator(4, 0));
        assertTrue(e.getMessage().contains("k=4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new QuantileCalibrator(200, -1));
        QuantileCalibrator c = new QuantileCalibrator();
        e = assertThrows(IllegalArgumentException.class, () -> c.learn(Double.NaN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
