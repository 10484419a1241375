package io.tidewatch.streams.scoring.exchange;

import io.tidewatch.config.Settings;
import java.time.Duration;
import java.util.List;

/**
 * Model exchange settings ({@code scoring.exchange.*}).
 *
 * @param enabled   publish each task's model to the models topic and seed new tasks from the published ones
 * @param interval  at most one publication per task and feature set in this much wall-clock time (at a checkpoint)
 * @param maxBytes  a model larger than this is not published (counted): the models topic's records stay under the
 *                  broker's default 1 MiB message limit
 */
public record ModelExchangeConfig(boolean enabled, Duration interval, int maxBytes) {

    public static final List<String> KEYS = List.of("scoring.exchange.enabled", "scoring.exchange.interval",
            "scoring.exchange.max.bytes");

    public ModelExchangeConfig {
        if (interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("scoring.exchange.interval=" + interval + ": expected 0 or a positive duration");
        }
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("scoring.exchange.max.bytes=" + maxBytes + ": expected at least 1024");
        }
    }

    public static ModelExchangeConfig from(Settings s) {
        return new ModelExchangeConfig(s.getBoolean("scoring.exchange.enabled", true),
                s.getDuration("scoring.exchange.interval", Duration.ofSeconds(60)),
                s.getInt("scoring.exchange.max.bytes", 900 * 1024));
    }
}
