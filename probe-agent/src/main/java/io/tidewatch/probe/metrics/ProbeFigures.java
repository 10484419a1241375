package io.tidewatch.probe.metrics;

import io.tidewatch.probe.capture.CaptureStats;
import io.tidewatch.probe.decode.SkipReason;
import io.tidewatch.probe.kafka.DropReason;
import io.tidewatch.probe.kafka.KafkaSinkStats;
import java.util.EnumMap;
import java.util.Map;

/**
 * One consistent snapshot of the figures the probe's {@code --json} line reports, taken on the capture thread
 * (the counters it reads are single-threaded) and handed to the metrics listener.
 *
 * @param kafka the Kafka sink's figures, null in a dry run
 * @param capture libpcap's counters, null when reading a file
 */
public record ProbeFigures(long packets, long decoded, Map<SkipReason, Long> skipped, long flows, long evictions,
        int openFlows, long batches, long bytesOut, KafkaSinkStats kafka, CaptureStats capture) {

    public static final ProbeFigures NONE = new ProbeFigures(0, 0, Map.of(), 0, 0, 0, 0, 0, null, null);

    public ProbeFigures {
        skipped = Map.copyOf(skipped);
    }

    public long skipped(SkipReason reason) {
        return skipped.getOrDefault(reason, 0L);
    }

    public long kafkaDropped(DropReason reason) {
        return kafka == null ? 0 : kafka.dropped(reason);
    }

    /** The skip counts of {@code counts}, by reason. */
    public static Map<SkipReason, Long> skipCounts(java.util.function.ToLongFunction<SkipReason> counts) {
        Map<SkipReason, Long> m = new EnumMap<>(SkipReason.class);
        for (SkipReason r : SkipReason.values()) {
            m.put(r, counts.applyAsLong(r));
        }
        return m;
    }
}
