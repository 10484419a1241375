package io.tidewatch.streams.flow;

import io.tidewatch.config.Settings;
import io.tidewatch.streams.features.FlowFeatures;
import java.time.Duration;
import java.util.Set;

/**
 * Flow assembly settings (keys under {@code flow.}), NetFlow/IPFIX vocabulary.
 *
 * @param idleTimeout a flow with no packet for this long is closed (IPFIX idle timeout)
 * @param activeTimeout a flow open this long emits an interim record and continues as the next segment
 * @param tcpLinger after FIN in both directions, or RST, the flow stays open this long for the last ACKs
 * @param grace batches up to this far behind stream time are still merged in timestamp order; older ones are late
 * @param maxPendingPackets packets held for reordering per flow; beyond it the oldest are folded early (bounds
 *        the state of a fast flow)
 * @param activityTimeout gap that ends an active period (CICFlowMeter's active/idle features)
 * @param spltLength packets whose size, gap and direction are kept (SPLT)
 * @param punctuationInterval how often (stream time) due flows are closed
 * @param wallClockFallback with no stream-time progress for this long of wall-clock time, the partition's clock is
 *        advanced by wall-clock time so its flows still close
 * @param tombstoneRetention a closed flow is remembered this long (stream time) to count late batches
 */
public record FlowAssemblyConfig(Duration idleTimeout, Duration activeTimeout, Duration tcpLinger, Duration grace,
        int maxPendingPackets, Duration activityTimeout, int spltLength, Duration punctuationInterval,
        Duration wallClockFallback, Duration tombstoneRetention) {

    public static final String IDLE_TIMEOUT = "flow.idle.timeout";
    public static final String ACTIVE_TIMEOUT = "flow.active.timeout";
    public static final String TCP_LINGER = "flow.tcp.linger";
    public static final String GRACE = "flow.grace";
    public static final String MAX_PENDING_PACKETS = "flow.max.pending.packets";
    public static final String ACTIVITY_TIMEOUT = "flow.activity.timeout";
    public static final String SPLT_LENGTH = "flow.splt.length";
    public static final String PUNCTUATION_INTERVAL = "flow.punctuation.interval";
    public static final String WALL_CLOCK_FALLBACK = "flow.wall-clock.fallback";
    public static final String TOMBSTONE_RETENTION = "flow.tombstone.retention";

    /** Every key {@link #from} reads. */
    public static final Set<String> KEYS = Set.of(IDLE_TIMEOUT, ACTIVE_TIMEOUT, TCP_LINGER, GRACE, MAX_PENDING_PACKETS,
            ACTIVITY_TIMEOUT, SPLT_LENGTH, PUNCTUATION_INTERVAL, WALL_CLOCK_FALLBACK, TOMBSTONE_RETENTION);

    public FlowAssemblyConfig {
        positive(IDLE_TIMEOUT, idleTimeout);
        positive(ACTIVE_TIMEOUT, activeTimeout);
        nonNegative(TCP_LINGER, tcpLinger);
        nonNegative(GRACE, grace);
        positive(ACTIVITY_TIMEOUT, activityTimeout);
        positive(PUNCTUATION_INTERVAL, punctuationInterval);
        positive(WALL_CLOCK_FALLBACK, wallClockFallback);
        nonNegative(TOMBSTONE_RETENTION, tombstoneRetention);
        if (maxPendingPackets < 1) {
            throw new IllegalArgumentException(MAX_PENDING_PACKETS + "=" + maxPendingPackets + ": expected >= 1");
        }
        if (spltLength < 0 || spltLength > 1024) {
            throw new IllegalArgumentException(SPLT_LENGTH + "=" + spltLength + ": expected 0..1024");
        }
    }

    public static FlowAssemblyConfig defaults() {
        return from(Settings.of(java.util.Map.of()));
    }

    public static FlowAssemblyConfig from(Settings s) {
        return new FlowAssemblyConfig(
                s.getDuration(IDLE_TIMEOUT, Duration.ofSeconds(30)),
                s.getDuration(ACTIVE_TIMEOUT, Duration.ofSeconds(300)),
                s.getDuration(TCP_LINGER, Duration.ofSeconds(1)),
                s.getDuration(GRACE, Duration.ofSeconds(1)),
                s.getInt(MAX_PENDING_PACKETS, 1024),
                s.getDuration(ACTIVITY_TIMEOUT, Duration.ofSeconds(5)),
                s.getInt(SPLT_LENGTH, FlowFeatures.DEFAULT_SPLT_LENGTH),
                s.getDuration(PUNCTUATION_INTERVAL, Duration.ofSeconds(1)),
                s.getDuration(WALL_CLOCK_FALLBACK, Duration.ofSeconds(10)),
                s.getDuration(TOMBSTONE_RETENTION, Duration.ofSeconds(30)));
    }

    private static void positive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + "=" + d + ": expected a positive duration");
        }
    }

    private static void nonNegative(String key, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(key + "=" + d + ": expected a duration >= 0");
        }
    }
}
