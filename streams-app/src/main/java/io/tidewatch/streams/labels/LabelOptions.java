package io.tidewatch.streams.labels;

import io.tidewatch.config.Settings;
import java.time.Duration;

/**
 * Options of the label stage: {@code labels.horizon} (24 h), how far back in event time a label may name a flow,
 * which is the retention of the recent-flow stores; {@code labels.pending.timeout} (10 min), how long after it
 * arrives (event time) a label keeps matching flows that close later, after which one that matched nothing is
 * counted as unmatched; {@code labels.retry.interval} (10 s), how often (event time) expired labels are swept;
 * {@code labels.stores} ({@code rocksdb} or {@code in-memory}): where the label join and trainer stores live. Both
 * are changelogged and restored after a restart; in-memory ones hold the horizon's flows on the heap, which suits
 * tests and small deployments (a commit then costs no RocksDB flush per store).
 */
public record LabelOptions(Duration horizon, Duration pendingTimeout, Duration retryInterval, boolean inMemoryStores) {

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
        String stores = s.getString("labels.stores", "rocksdb").trim().toLowerCase(java.util.Locale.ROOT);
        if (!stores.equals("rocksdb") && !stores.equals("in-memory")) {
            throw new IllegalArgumentException("labels.stores='" + stores + "': expected rocksdb or in-memory");
        }
        return new LabelOptions(s.getDuration("labels.horizon", Duration.ofHours(24)),
                s.getDuration("labels.pending.timeout", Duration.ofMinutes(10)),
                s.getDuration("labels.retry.interval", Duration.ofSeconds(10)), stores.equals("in-memory"));
    }

    public static LabelOptions defaults() {
        return from(Settings.of(java.util.Map.of()));
    }
}
