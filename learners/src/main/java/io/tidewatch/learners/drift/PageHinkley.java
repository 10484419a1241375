package io.tidewatch.learners.drift;

/**
 * The Page-Hinkley test for a change in the mean of a sequence (Page, 1954): it accumulates the deviations of
 * each value from the running mean (minus a tolerance {@code delta}) and signals a change when the accumulated sum
 * rises more than {@code threshold} above its minimum so far. It watches for increases (an error rate going up),
 * decreases, or both. After a change it starts afresh. It has no warning zone; {@link #inWarningZone} is false.
 */
public final class PageHinkley implements DriftDetector {

    /** Which shifts of the mean are changes. */
    public enum Direction { UP, DOWN, BOTH }

    private final int minInstances;
    private final double delta;
    private final double threshold;
    private final double alpha;
    private final Direction direction;

    private long n;
    private double mean;
    private double sumUp;
    private double minUp;
    private double sumDown;
    private double minDown;
    private boolean change;
    private long changes;

    /**
     * @param minInstances values seen before a change may be signalled (&gt;= 1)
     * @param delta        tolerated drift of the mean (&gt;= 0)
     * @param threshold    the test's lambda: how far the sum may rise above its minimum (&gt; 0)
     * @param alpha        forgetting factor of the sums, in (0, 1]; 1 forgets nothing
     */
    public PageHinkley(int minInstances, double delta, double threshold, double alpha, Direction direction) {
        if (minInstances < 1) {
            throw new IllegalArgumentException("minInstances " + minInstances + ": expected at least 1");
        }
        if (!(delta >= 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("delta " + delta + ": expected a finite number >= 0");
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold " + threshold + ": expected a finite number > 0");
        }
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha " + alpha + ": expected 0 < alpha <= 1");
        }
        this.minInstances = minInstances;
        this.delta = delta;
        this.threshold = threshold;
        this.alpha = alpha;
        this.direction = java.util.Objects.requireNonNull(direction, "direction");
        reset();
    }

    /** MOA's and River's defaults: 30 instances, delta 0.005, threshold 50, alpha 0.9999, increases only. */
    public PageHinkley() {
        this(30, 0.005, 50, 0.9999, Direction.UP);
    }

    private void reset() {
        n = 0;
        mean = 0;
        sumUp = 0;
        minUp = 0;
        sumDown = 0;
        minDown = 0;
    }

    /** Adds one value: DRIFT if it completed a change (the next value starts afresh), else STABLE. */
    @Override
    public DriftState update(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("value " + value + ": expected a finite number");
        }
        if (change) {
            reset();
            change = false;
        }
        n++;
        mean += (value - mean) / n;
        sumUp = alpha * sumUp + (value - mean - delta);
        minUp = Math.min(minUp, sumUp);
        sumDown = alpha * sumDown + (mean - value - delta);
        minDown = Math.min(minDown, sumDown);
        if (n < minInstances) {
            return DriftState.STABLE;
        }
        boolean up = direction != Direction.DOWN && sumUp - minUp > threshold;
        boolean down = direction != Direction.UP && sumDown - minDown > threshold;
        if (up || down) {
            change = true;
            changes++;
            return DriftState.DRIFT;
        }
        return DriftState.STABLE;
    }

    @Override
    public boolean detectedChange() {
        return change;
    }

    /** Page-Hinkley has no warning zone. */
    @Override
    public boolean inWarningZone() {
        return false;
    }

    /** Changes signalled since construction. */
    public long changes() {
        return changes;
    }

    /** The running mean of the values since the last change. */
    @Override
    public double estimation() {
        return mean();
    }

    public double mean() {
        return mean;
    }
}
