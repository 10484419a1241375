package io.tidewatch.streams.topology;

import io.tidewatch.proto.v1.PacketDynamicsBatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of a batch: the capture time of its newest packet, so stream time (and every timeout) follows the
 * packets, not when the probe happened to produce them. Anything else keeps its record timestamp.
 */
public final class PacketTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof PacketDynamicsBatch b && b.getBaseTimestampNs() > 0) {
            long ns = b.getBaseTimestampNs();
            for (int i = 0; i < b.getTsDeltaUsCount(); i++) {
                ns += b.getTsDeltaUs(i) * 1000L;
            }
            return ns / 1_000_000L;
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(0, partitionTime);
    }
}
