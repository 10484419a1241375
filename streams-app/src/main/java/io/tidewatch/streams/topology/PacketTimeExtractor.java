package io.tidewatch.streams.topology;

import io.tidewatch.proto.v1.PacketDynamicsBatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of a batch: the capture time of its newest packet, so stream time (and every timeout) follows the
 * packets, not when the probe happened to produce them. A batch without packets (the probe's end marker after a
 * flow's last batch was already full) has no capture time and leaves the partition's time as it is: its record
 * timestamp is the wall-clock time the probe produced it, and taking that would move stream time years ahead of
 * a replayed capture, after which no timeout of that partition fires again. Anything else keeps its record timestamp.
 */
public final class PacketTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof PacketDynamicsBatch b) {
            if (b.getBaseTimestampNs() <= 0) {
                return Math.max(0, partitionTime);
            }
            long ns = b.getBaseTimestampNs();
            for (int i = 0; i < b.getTsDeltaUsCount(); i++) {
                ns += b.getTsDeltaUs(i) * 1000L;
            }
            return ns / 1_000_000L;
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(0, partitionTime);
    }
}
