package io.tidewatch.streams.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The top k are the first k of a stable descending sort, ties and NaN included. */
class TopKTest {

    private static int[] bySorting(double[] values, int k) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        return Arrays.stream(order).limit(Math.max(0, k)).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void sameAsTheFirstKOfAFullSort() {
        SplittableRandom r = new SplittableRandom(7);
        for (int round = 0; round < 20_000; round++) {
            int n = r.nextInt(0, 200);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                // Few distinct values so that ties are common, some NaN, signed zeros, infinities.
                v[i] = switch (r.nextInt(8)) {
                    case 0 -> r.nextInt(4);
                    case 1 -> Double.NaN;
                    case 2 -> r.nextBoolean() ? 0.0 : -0.0;
                    case 3 -> r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                    default -> r.nextGaussian() * 5;
                };
            }
            int k = r.nextInt(-1, 12);
            assertArrayEquals(bySorting(v, k), TopK.indices(v, k), "values " + Arrays.toString(v) + ", k " + k);
        }
    }

    @Test
    void equalValuesKeepTheirIndexOrder() {
        assertArrayEquals(new int[] {1, 3, 0}, TopK.indices(new double[] {2, 5, 1, 5, 2, 2}, 3));
        assertArrayEquals(new int[] {2, 0, 1}, TopK.indices(new double[] {1, 1, Double.NaN}, 5));
        assertEquals(0, TopK.indices(new double[] {1, 2}, 0).length);
        assertThrows(IllegalArgumentException.class, () -> TopK.indices(null, 3));
    }
}
