package io.tidewatch.streams.host;

import java.util.Arrays;

/**
 * How alike a handful of values are, as RITA scores beacons: 1 - median absolute deviation / median, clipped to
 * [0, 1]; 1 for identical values, 0 when the median is not positive (nothing to be regular about).
 */
public final class Regularity {

    private Regularity() {
    }

    /** The regularity of the first {@code n} values of {@code v}; sorts them in place. */
    public static double of(double[] v, int n) {
        if (n < 1 || n > v.length) {
            throw new IllegalArgumentException("regularity of " + n + " values: expected 1.." + v.length);
        }
        double m = median(v, n);
        if (m <= 0) {
            return 0;
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = Math.abs(v[i] - m);
        }
        return Math.max(0, 1 - median(d, n) / m);
    }

    /** The median of the first {@code n} values of {@code v} (sorted in place). */
    static double median(double[] v, int n) {
        Arrays.sort(v, 0, n);
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}
