package io.tidewatch.streams.flow;

import io.tidewatch.config.Settings;
import io.tidewatch.streams.features.FlowFeatures;
import java.time.Duration;

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

    public FlowAssemblyConfig {
        positive("flow.idle.timeout", idleTimeout);
        positive("flow.active.timeout", activeTimeout);
        nonNegative("flow.tcp.linger", tcpLinger);
        nonNegative("flow.grace", grace);
        positive("flow.activity.timeout", activityTimeout);
        positive("flow.punctuation.interval", punctuationInterval);
        positive("flow.wall-clock.fallback", wallClockFallback);
        nonNegative("flow.tombstone.retention", tombstoneRetention);
        if (maxPendingPackets < 1) {
            throw new IllegalArgumentException("flow.max.pending.packets=" + maxPendingPackets + ": expected >= 1");
        }
        if (spltLength < 0 || spltLength > 1024) {
            throw new IllegalArgumentException("flow.splt.length=" + spltLength + ": expected 0..1024");
        }
    }

    public static FlowAssemblyConfig defaults() {
        return from(Settings.of(java.util.Map.of()));
    }

    public static FlowAssemblyConfig from(Settings s) {
        return new FlowAssemblyConfig(
                s.getDuration("flow.idle.timeout", Duration.ofSeconds(30)),
                s.getDuration("flow.active.timeout", Duration.ofSeconds(300)),
                s.getDuration("flow.tcp.linger", Duration.ofSeconds(1)),
                s.getDuration("flow.grace", Duration.ofSeconds(1)),
                s.getInt("flow.max.pending.packets", 1024),
                s.getDuration("flow.activity.timeout", Duration.ofSeconds(5)),
                s.getInt("flow.splt.length", FlowFeatures.DEFAULT_SPLT_LENGTH),
                s.getDuration("flow.punctuation.interval", Duration.ofSeconds(1)),
                s.getDuration("flow.wall-clock.fallback", Duration.ofSeconds(10)),
                s.getDuration("flow.tombstone.retention", Duration.ofSeconds(30)));
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
