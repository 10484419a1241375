package io.tidewatch.learners.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Transformer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransformersTest {

    private static double[][] rows(int n, long seed) {
        Random rng = new Random(seed);
        double[][] x = new double[n][3];
        for (double[] r : x) {
            r[0] = 1e6 + rng.nextGaussian();
            r[1] = rng.nextDouble() * 100;
            r[2] = 7;
        }
        return x;
    }

    @Test
    void standardScalerMatchesTwoPassStatistics() {
        double[][] x = rows(10_000, 1);
        StandardScaler s = new StandardScaler(3);
        for (double[] r : x) {
            s.learn(r);
        }
        for (int f = 0; f < 2; f++) {
            double mean = 0;
            for (double[] r : x) {
                mean += r[f];
            }
            mean /= x.length;
            double var = 0;
            for (double[] r : x) {
                var += (r[f] - mean) * (r[f] - mean);
            }
            var /= x.length;
            assertEquals(mean, s.mean(f), 1e-9 * Math.abs(mean) + 1e-12);
            assertEquals(var, s.variance(f), 1e-9 * var);
        }
        double[] z = s.transform(new double[] {s.mean(0) + 2 * Math.sqrt(s.variance(0)), s.mean(1), 7});
        assertArrayEquals(new double[] {2, 0, 0}, z, 1e-9);
    }

    @Test
    void minMaxScalerUsesBoundsSeen() {
        MinMaxScaler m = new MinMaxScaler(2);
        m.learn(new double[] {2, 5});
        m.learn(new double[] {4, 5});
        assertArrayEquals(new double[] {0.5, 0}, m.transform(new double[] {3, 5}), 0.0);
        assertArrayEquals(new double[] {1.5, 0}, m.transform(new double[] {5, 9}), 0.0);
    }

    @Test
    void log1pIsSigned() {
        Log1p l = new Log1p();
        assertArrayEquals(new double[] {0, Math.log(2), -Math.log(1001)}, l.transform(new double[] {0, 1, -1000}),
                1e-15);
    }

    @Test
    void murmurMatchesReferenceVectors() {
        // Reference values of MurmurHash3_x86_32 with seed 0.
        assertEquals(0, FeatureHasher.murmur3(new byte[0], 0));
        assertEquals(0x248bfa47, FeatureHasher.murmur3("hello".getBytes(StandardCharsets.UTF_8), 0));
        assertEquals(0x2e4ff723, FeatureHasher.murmur3(
                "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8), 0));
    }

    @Test
    void featureHasherIsStableAndSpreadsValues() {
        FeatureHasher h = new FeatureHasher(8, 0);
        double[] a = h.transform(new String[] {"tcp", "http", "SF"});
        assertArrayEquals(a, new FeatureHasher(8, 0).transform(new String[] {"tcp", "http", "SF"}), 0.0);
        double l1 = 0;
        for (double v : a) {
            l1 += Math.abs(v);
        }
        assertTrue(l1 >= 1 && l1 <= 3, "three values hashed, collisions may cancel: " + l1);
        // The same value in another column is another feature.
        assertEquals(1, countNonZero(h.transform(new String[] {"tcp"})));
        assertEquals(0, countNonZero(h.transform(new String[] {null})));
        assertEquals(h.transform(new double[] {6, 17}).length, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FeatureHasher(0, 1));
        assertTrue(e.getMessage().contains("buckets=0"), e.getMessage());
    }

    private static int countNonZero(double[] v) {
        int n = 0;
        for (double d : v) {
            if (d != 0) {
                n++;
            }
        }
        return n;
    }

    @Test
    void everyTransformerRoundTripsThroughTheCodec() {
        double[][] x = rows(500, 2);
        Transformer[] all = {new StandardScaler(3), new MinMaxScaler(3), new Log1p(), new FeatureHasher(16, 3)};
        for (Transformer t : all) {
            for (int i = 0; i < 300; i++) {
                t.learn(x[i]);
            }
            Transformer copy = ModelCodec.decode(ModelCodec.encode(t), Transformer.class);
            assertEquals(t.kind(), copy.kind());
            assertEquals(300, copy.examplesSeen());
            for (int i = 300; i < 500; i++) {
                assertArrayEquals(t.transform(x[i]), copy.transform(x[i]), 0.0, t.kind());
                t.learn(x[i]);
                copy.learn(x[i]);
            }
            assertTrue(t.memoryBytes() > 0);
        }
    }

    @Test
    void scalersRejectWrongWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StandardScaler(3).learn(new double[2]));
        assertTrue(e.getMessage().contains("3 features, got 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MinMaxScaler(3).transform(null));
        assertThrows(IllegalArgumentException.class, () -> new StandardScaler(0));
    }
}
