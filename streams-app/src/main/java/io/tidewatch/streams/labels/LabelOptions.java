package io.tidewatch.streams.labels;

import io.tidewatch.config.Settings;
import java.time.Duration;

/**
 * Options of the label stage: {@code labels.horizon} (24 h), how far back in event time a label may name a flow,
 * which is the retention of the recent-flow stores; {@code labels.pending.timeout} (10 min), how long after it
 * arrives (event time) a label keeps matching flows that close later, after which one that matched nothing is
 * counted as unmatched; {@code labels.retry.interval} (10 s), how often (event time) expired labels are swept.
 */
public record LabelOptions(Duration horizon, Duration pendingTimeout, Duration retryInterval) {

    public LabelOptions {
        positive("labels.horizon", horizon);
        positive("labels.pending.timeout", pendingTimeout);
        positive("labels.retry.interval", retryInterval);
    }

    private static void positive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + "=" + d + ": expected a positive duration");
        }
    }

    public static LabelOptions from(Settings s) {
        return new LabelOptions(s.getDuration("labels.horizon", Duration.ofHours(24)),
                s.getDuration("labels.pending.timeout", Duration.ofMinutes(10)),
                s.getDuration("labels.retry.interval", Duration.ofSeconds(10)));
    }

    public static LabelOptions defaults() {
        return from(Settings.of(java.util.Map.of()));
    }
}
