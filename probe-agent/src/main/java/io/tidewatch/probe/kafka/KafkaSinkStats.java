package io.tidewatch.probe.kafka;

import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of the Kafka sink's figures.
 *
 * @param accepted      batches handed to the sink by the flow table
 * @param sent          records the producer took (serialized and appended to its buffer)
 * @param acked         records the broker acknowledged
 * @param bytesSent     serialized key plus value bytes of the records sent (before compression)
 * @param bytesAcked    the same for the records acknowledged
 * @param dropped       batches dropped, by reason
 * @param queueDepth    batches waiting between capture and sender now
 * @param queueBytes    bytes waiting now
 * @param queueHighWater the most batches that ever waited at once
 */
public record KafkaSinkStats(long accepted, long sent, long acked, long bytesSent, long bytesAcked,
        Map<DropReason, Long> dropped, int queueDepth, long queueBytes, int queueHighWater) {

    public KafkaSinkStats {
        dropped = Map.copyOf(dropped);
    }

    static KafkaSinkStats of(long accepted, long sent, long acked, long bytesSent, long bytesAcked, DropCounters drops,
            BoundedBatchQueue<?> queue) {
        Map<DropReason, Long> byReason = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            byReason.put(r, drops.get(r));
        }
        return new KafkaSinkStats(accepted, sent, acked, bytesSent, bytesAcked, byReason, queue.depth(), queue.bytes(),
                queue.highWater());
    }

    public long dropped(DropReason reason) {
        return dropped.getOrDefault(reason, 0L);
    }

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The figures as one JSON object, for the probe's {@code --json} line. */
    public String toJson() {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"accepted\":").append(accepted)
                .append(",\"sent\":").append(sent)
                .append(",\"acked\":").append(acked)
                .append(",\"bytes_sent\":").append(bytesSent)
                .append(",\"bytes_acked\":").append(bytesAcked)
                .append(",\"dropped\":{");
        boolean first = true;
        for (DropReason r : DropReason.values()) {
            b.append(first ? "" : ",").append('"').append(r.label()).append("\":").append(dropped(r));
            first = false;
        }
        b.append("},\"dropped_total\":").append(droppedTotal())
                .append(",\"queue_depth\":").append(queueDepth)
                .append(",\"queue_bytes\":").append(queueBytes)
                .append(",\"queue_high_water\":").append(queueHighWater)
                .append('}');
        return b.toString();
    }
}
