package io.tidewatch.learners.evaluation;

/**
 * Which past a metric summarises: everything ({@link #cumulative}), the last {@code n} examples
 * ({@link #sliding}), or everything with example {@code t - k} weighted {@code alpha^k} ({@link #fading}).
 */
public final class Window {

    enum Kind { CUMULATIVE, SLIDING, FADING }

    final Kind kind;
    final int size;
    final double alpha;

    private Window(Kind kind, int size, double alpha) {
        this.kind = kind;
        this.size = size;
        this.alpha = alpha;
    }

    public static Window cumulative() {
        return new Window(Kind.CUMULATIVE, 0, 1.0);
    }

    public static Window sliding(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("sliding window size " + size + ": expected at least 1");
        }
        return new Window(Kind.SLIDING, size, 1.0);
    }

    public static Window fading(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("fading factor " + alpha + ": expected 0 < alpha < 1");
        }
        return new Window(Kind.FADING, 0, alpha);
    }

    @Override
    public String toString() {
        switch (kind) {
            case SLIDING:
                return "sliding(" + size + ")";
            case FADING:
                return "fading(" + alpha + ")";
            default:
                return "cumulative";
        }
    }
}
