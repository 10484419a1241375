package io.tidewatch.probe.synth;

import java.util.SplittableRandom;

/** The few distributions the traffic model draws from; all take the caller's seeded generator. */
final class Draw {
    private Draw() {
    }

    static double uniform(SplittableRandom r, double low, double high) {
        return low + (high - low) * r.nextDouble();
    }

    static long uniformLong(SplittableRandom r, long low, long high) {
        return high <= low ? low : low + r.nextLong(high - low + 1);
    }

    static int uniformInt(SplittableRandom r, int low, int high) {
        return high <= low ? low : low + r.nextInt(high - low + 1);
    }

    static double gaussian(SplittableRandom r) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Log-normal with the given median and log-space sigma: sizes and think times are heavy-tailed. */
    static double lognormal(SplittableRandom r, double median, double sigma) {
        return median * Math.exp(sigma * gaussian(r));
    }

    static long lognormalClamped(SplittableRandom r, double median, double sigma, long min, long max) {
        return Math.max(min, Math.min(max, Math.round(lognormal(r, median, sigma))));
    }

    static double exponential(SplittableRandom r, double mean) {
        return -mean * Math.log(1.0 - r.nextDouble());
    }

    static boolean chance(SplittableRandom r, double p) {
        return r.nextDouble() < p;
    }

    /** A rank in 0..n-1 drawn from a Zipf law with exponent {@code s}, by inverting the cumulative weights. */
    static int zipf(SplittableRandom r, double[] cumulative) {
        double x = r.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static double[] zipfCumulative(int n, double s) {
        double[] c = new double[n];
        double acc = 0;
        for (int i = 0; i < n; i++) {
            acc += 1.0 / Math.pow(i + 1, s);
            c[i] = acc;
        }
        return c;
    }

    static long seconds(double s) {
        return Math.round(s * 1e9);
    }

    static long millis(double ms) {
        return Math.round(ms * 1e6);
    }
}
