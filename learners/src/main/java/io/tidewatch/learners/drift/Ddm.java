package io.tidewatch.learners.drift;

/**
 * The Drift Detection Method (Gama et al., 2004) over a stream of prediction errors (1 = wrong, 0 = right).
 * The error rate {@code p} of a stable concept falls as a classifier learns; DDM records the point where
 * {@code p + s} (s its binomial standard deviation) was lowest and signals a warning when {@code p + s} exceeds
 * {@code pMin + warningLevel * sMin}, and a change (then starts afresh) beyond {@code pMin + driftLevel * sMin}.
 */
public final class Ddm implements DriftDetector {

    private final int minInstances;
    private final double warningLevel;
    private final double driftLevel;

    private long n;
    private double p;
    private double pMin;
    private double sMin;
    private double psMin;
    private boolean warning;
    private boolean change;
    private long changes;

    /**
     * @param minInstances errors seen before warnings or changes may be signalled (&gt;= 1)
     * @param warningLevel standard deviations above the minimum for a warning (&gt; 0)
     * @param driftLevel   standard deviations above the minimum for a change (&gt;= warningLevel)
     */
    public Ddm(int minInstances, double warningLevel, double driftLevel) {
        if (minInstances < 1) {
            throw new IllegalArgumentException("minInstances " + minInstances + ": expected at least 1");
        }
        if (!(warningLevel > 0) || Double.isInfinite(warningLevel)) {
            throw new IllegalArgumentException("warningLevel " + warningLevel + ": expected a finite number > 0");
        }
        if (!(driftLevel >= warningLevel) || Double.isInfinite(driftLevel)) {
            throw new IllegalArgumentException("driftLevel " + driftLevel + ": expected a finite number >= "
                    + "warningLevel " + warningLevel);
        }
        this.minInstances = minInstances;
        this.warningLevel = warningLevel;
        this.driftLevel = driftLevel;
        reset();
    }

    /** The paper's defaults: 30 instances, warning at 2, change at 3 standard deviations. */
    public Ddm() {
        this(30, 2.0, 3.0);
    }

    private void reset() {
        n = 0;
        p = 0;
        pMin = Double.MAX_VALUE;
        sMin = Double.MAX_VALUE;
        psMin = Double.MAX_VALUE;
    }

    /** Adds one outcome: 1 for a wrong prediction, 0 for a right one (values in between are error weights). */
    @Override
    public DriftState update(double error) {
        if (!(error >= 0 && error <= 1)) {
            throw new IllegalArgumentException("error " + error + ": expected a value in [0, 1] (1 = wrong)");
        }
        if (change) {
            reset();
        }
        change = false;
        warning = false;
        n++;
        p += (error - p) / n;
        double s = Math.sqrt(p * (1 - p) / n);
        if (n < minInstances) {
            return DriftState.STABLE;
        }
        if (p + s <= psMin) {
            pMin = p;
            sMin = s;
            psMin = p + s;
        }
        if (p + s > pMin + driftLevel * sMin) {
            change = true;
            changes++;
            return DriftState.DRIFT;
        }
        if (p + s > pMin + warningLevel * sMin) {
            warning = true;
            return DriftState.WARNING;
        }
        return DriftState.STABLE;
    }

    @Override
    public boolean detectedChange() {
        return change;
    }

    @Override
    public boolean inWarningZone() {
        return warning;
    }

    public long changes() {
        return changes;
    }

    /** The error rate since the last change. */
    @Override
    public double estimation() {
        return errorRate();
    }

    public double errorRate() {
        return p;
    }
}
