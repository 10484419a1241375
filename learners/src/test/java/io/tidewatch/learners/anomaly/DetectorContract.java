package io.tidewatch.learners.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Detector;
import java.util.Arrays;
import java.util.function.LongFunction;

/** Checks every detector must pass: exact codec round trips mid-stream, determinism by seed, progressive scores. */
final class DetectorContract {

    private DetectorContract() {
    }

    /** Score-then-learn over {@code x}, returning the scores. */
    static double[] progressive(Detector d, double[][] x, int from, int to) {
        double[] s = new double[to - from];
        for (int i = from; i < to; i++) {
            s[i - from] = d.scoreThenLearn(x[i]);
        }
        return s;
    }

    /**
     * Learns {@code x[0..split)}, round-trips through the codec, then checks the copy scores exactly as the original
     * and keeps learning identically over the rest.
     */
    static void roundTripsExactly(Detector original, double[][] x, int split) {
        progressive(original, x, 0, split);
        byte[] bytes = ModelCodec.encode(original);
        Detector copy = ModelCodec.decode(bytes, Detector.class);
        assertEquals(original.kind(), copy.kind());
        assertEquals(original.examplesSeen(), copy.examplesSeen());
        assertArrayEquals(bytes, ModelCodec.encode(copy), "re-encoding a decoded model gives the same bytes");
        double[] a = progressive(original, x, split, x.length);
        double[] b = progressive(copy, x, split, x.length);
        assertArrayEquals(a, b, 0.0, "decoded model scores and learns exactly as the original");
        assertEquals(original.examplesSeen(), copy.examplesSeen());
    }

    /** Same seed, same scores; another seed, other scores. */
    static void deterministicBySeed(LongFunction<Detector> bySeed, double[][] x) {
        double[] a = progressive(bySeed.apply(7), x, 0, x.length);
        double[] b = progressive(bySeed.apply(7), x, 0, x.length);
        double[] c = progressive(bySeed.apply(8), x, 0, x.length);
        assertArrayEquals(a, b, 0.0);
        assertFalse(Arrays.equals(a, c), "a different seed gives a different model");
    }

    static void reportsMemory(Detector d, long atLeast, long atMost) {
        long bytes = d.memoryBytes();
        assertTrue(bytes >= atLeast && bytes <= atMost, "memoryBytes " + bytes + " not in [" + atLeast + ", "
                + atMost + "]");
    }

    static double syntheticAuc(Detector d, PlantedAnomalies data) {
        double[] s = progressive(d, data.x, 0, data.x.length);
        int skip = data.x.length / 10;
        return RocAuc.of(Arrays.copyOfRange(s, skip, s.length),
                Arrays.copyOfRange(data.anomaly, skip, data.anomaly.length));
    }
}
