package io.tidewatch.streams.scoring;

import java.util.Locale;

/**
 * How the detectors' calibrated scores (each the rank of the flow's raw score among the scores that detector has
 * given, so all are in [0, 1] and comparable) become one score in [0, 1].
 *
 * <ul>
 *   <li>{@code MAX} (default): the highest rank. The default detectors each look at another view of the flow (host
 *       activity, the flow itself) and an attack usually shows in one of them only, so the view that sees it
 *       decides; with k views the maximum of k uniform ranks is biased towards 1, which is why the default has
 *       two.</li>
 *   <li>{@code MEAN}: the mean rank. A flow must look unusual to most detectors to score near 1: right for several
 *       detectors over the same features, wrong for views, where it halves what one view sees.</li>
 *   <li>{@code NOISY_OR} ({@code noisy-or}): {@code 1 - prod(1 - c)}, as if each rank were an independent
 *       probability of "anomalous". Ranks like {@code MAX} when one detector is sure, and adds up several
 *       moderate ones.</li>
 * </ul>
 */
public enum Combiner {
    MEAN,
    MAX,
    NOISY_OR;

    public static Combiner parse(String name) {
        for (Combiner c : values()) {
            if (c.toString().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("scoring.combine='" + name + "': expected mean, max or noisy-or");
    }

    public double combine(double[] calibrated) {
        if (calibrated.length == 0) {
            throw new IllegalArgumentException("combine: no calibrated score");
        }
        switch (this) {
            case MEAN -> {
                double sum = 0;
                for (double c : calibrated) {
                    sum += c;
                }
                return sum / calibrated.length;
            }
            case MAX -> {
                double max = Double.NEGATIVE_INFINITY;
                for (double c : calibrated) {
                    max = Math.max(max, c);
                }
                return max;
            }
            default -> {
                double none = 1;
                for (double c : calibrated) {
                    none *= 1 - c;
                }
                return 1 - none;
            }
        }
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
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
