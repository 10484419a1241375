package io.tidewatch.streams.scoring;

import java.util.Locale;

/**
 * How the detectors' calibrated scores (each the rank of the flow's raw score among the scores that detector has
 * given, so all are in [0, 1] and comparable) become one score in [0, 1].
 *
 * <ul>
 *   <li>{@code MEAN} (default): the mean rank. A flow must look unusual to most detectors to score near 1, so a
 *       single detector's noise does not raise alerts.</li>
 *   <li>{@code MAX}: the highest rank. More sensitive to what only one detector sees, and more false alarms, since
 *       the maximum of k uniform ranks is biased towards 1.</li>
 * </ul>
 */
public enum Combiner {
    MEAN,
    MAX;

    public static Combiner parse(String name) {
        for (Combiner c : values()) {
            if (c.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("scoring.combine='" + name + "': expected mean or max");
    }

    public double combine(double[] calibrated) {
        if (calibrated.length == 0) {
            throw new IllegalArgumentException("combine: no calibrated score");
        }
        double out = this == MEAN ? 0 : Double.NEGATIVE_INFINITY;
        for (double c : calibrated) {
            out = this == MEAN ? out + c : Math.max(out, c);
        }
        return this == MEAN ? out / calibrated.length : out;
    }

    /**
     * Joins the supervised probability of a promoted model with the unsupervised score: the higher of the two and
     * the weighted mean, i.e. {@code max(u, (1 - w) * u + w * p)}. A confident supervised "malicious" lifts the
     * score (up to {@code w * p}), a supervised "benign" never hides what the detectors see: labels are sparse and
     * cover known attacks only, the detectors are there for the unknown ones.
     */
    public static double blend(double unsupervised, double supervised, double weight) {
        return Math.max(unsupervised, (1 - weight) * unsupervised + weight * supervised);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
