package io.tidewatch.streams.alerts;

import io.tidewatch.config.Settings;
import java.time.Duration;

/**
 * Alert settings: a flow out of burn-in whose score is at least {@code alerts.threshold} raises an alert, and
 * further such flows from the same source host within {@code alerts.suppression.window} of that alert (event
 * time) are counted into it instead of raising their own; when the window closes with more than one flow, one
 * summary alert carries the count.
 */
public record AlertConfig(double threshold, Duration suppressionWindow) {

    /**
     * A flow scoring this or more is an alert unless set otherwise. On the score's Fisher scale (the detectors'
     * rank combined with the indicators) 0.9 let through 2-4% of the benign flows of the synthesized captures and
     * flows of every attack class on every capture but the horizontal scan on two of three; 0.95 let through 1-3%
     * and no flow of DNS tunnels, horizontal scans or C2 beacons on some captures (streams-app README, Detection
     * quality).
     */
    public static final double DEFAULT_THRESHOLD = 0.9;
    /** Every key {@link #from} reads. */
    public static final java.util.List<String> KEYS = java.util.List.of("alerts.threshold", "alerts.suppression.window");

    public AlertConfig {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("alerts.threshold=" + threshold + ": expected a score in (0, 1]");
        }
        if (suppressionWindow == null || suppressionWindow.toMillis() < 1) {
            throw new IllegalArgumentException("alerts.suppression.window=" + suppressionWindow
                    + ": expected a positive duration");
        }
    }

    public static AlertConfig from(Settings s) {
        return new AlertConfig(s.getDouble("alerts.threshold", DEFAULT_THRESHOLD),
                s.getDuration("alerts.suppression.window", Duration.ofMinutes(5)));
    }
}
