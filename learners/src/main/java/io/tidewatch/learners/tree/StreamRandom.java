package io.tidewatch.learners.tree;

/**
 * A seeded pseudo-random source whose whole state is one {@code long}, so a model can encode it and resume the
 * same sequence after decoding. It is the 48-bit linear congruential generator specified for
 * {@code java.util.Random} (same sequence for the same seed), which is also what MOA's learners draw from; that
 * keeps seeded runs comparable with MOA's.
 */
public final class StreamRandom {

    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    private long state;

    public StreamRandom(long seed) {
        this.state = (seed ^ MULTIPLIER) & MASK;
    }

    private StreamRandom(long state, boolean raw) {
        this.state = state & MASK;
    }

    /** Rebuilds a generator from {@link #state()}. */
    public static StreamRandom fromState(long state) {
        return new StreamRandom(state, true);
    }

    /** The internal state, for encoding. */
    public long state() {
        return state;
    }

    private int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }

    public double nextDouble() {
        return (((long) next(26) << 27) + next(27)) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound " + bound + ": expected a positive integer");
        }
        int r = next(31);
        int m = bound - 1;
        if ((bound & m) == 0) {
            return (int) ((bound * (long) r) >> 31);
        }
        for (int u = r; u - (r = u % bound) + m < 0; u = next(31)) {
            // rejects the top partial range so every value is equally likely
        }
        return r;
    }

    /** A seed for a child generator, drawn from this one. */
    public long nextSeed() {
        return ((long) next(32) << 32) + next(32);
    }

    /**
     * A Poisson({@code lambda}) draw by inversion (lambda below 100) or a rounded normal approximation, as MOA's
     * {@code MiscUtils.poisson} does, so online bagging weights follow the same law.
     */
    public int poisson(double lambda) {
        if (lambda < 100.0) {
            double product = 1.0;
            double sum = 1.0;
            double threshold = nextDouble() * Math.exp(lambda);
            int i = 1;
            int max = Math.max(100, 10 * (int) Math.ceil(lambda));
            while (i < max && sum <= threshold) {
                product *= lambda / i;
                sum += product;
                i++;
            }
            return i - 1;
        }
        double x = lambda + Math.sqrt(lambda) * nextGaussianApprox();
        return x < 0.0 ? 0 : (int) Math.floor(x);
    }

    /** A standard normal draw (Marsaglia polar method). */
    private double nextGaussianApprox() {
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * nextDouble() - 1;
            v2 = 2 * nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        return v1 * Math.sqrt(-2 * Math.log(s) / s);
    }
}
