package io.tidewatch.streams.scoring.drift;

import io.tidewatch.config.Settings;
import java.util.List;

/**
 * Score-distribution drift settings ({@code scoring.drift.*}).
 *
 * @param enabled  watch each task's score stream
 * @param delta    ADWIN's confidence: smaller detects only larger or longer changes (fewer false alarms)
 * @param cooldown flows after a calibration restart before watching again: the restarted calibration first has
 *                 to see the new traffic, and its early ranks are what ADWIN would otherwise flag
 */
public record ScoreDriftConfig(boolean enabled, double delta, long cooldown) {

    public static final List<String> KEYS = List.of("scoring.drift.enabled", "scoring.drift.delta",
            "scoring.drift.cooldown.flows");

    public ScoreDriftConfig {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("scoring.drift.delta=" + delta + ": expected a number in (0, 1)");
        }
        if (cooldown < 0) {
            throw new IllegalArgumentException("scoring.drift.cooldown.flows=" + cooldown + ": expected 0 or more");
        }
    }

    public static ScoreDriftConfig from(Settings s) {
        return new ScoreDriftConfig(s.getBoolean("scoring.drift.enabled", true),
                s.getDouble("scoring.drift.delta", 1e-4), s.getLong("scoring.drift.cooldown.flows", 1000));
    }
}
