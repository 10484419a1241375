package io.tidewatch.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidewatch.proto.v1.PacketDynamicsBatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Event time of a batch is its newest packet; a batch without packets never moves the partition's time. */
class PacketTimeExtractorTest {

    private static final long WALL_CLOCK_MS = 1_795_000_000_000L;

    private static ConsumerRecord<Object, Object> record(Object value) {
        return new ConsumerRecord<>("t", 0, 0, WALL_CLOCK_MS, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0, 0, null, value, new org.apache.kafka.common.header.internals.RecordHeaders(),
                java.util.Optional.empty());
    }

    @Test
    void newestPacketOfTheBatch() {
        PacketDynamicsBatch b = PacketDynamicsBatch.newBuilder().setBaseTimestampNs(1_520_000_000_000_000_000L)
                .addTsDeltaUs(0).addTsDeltaUs(1_500).addTsDeltaUs(2_000).build();
        assertEquals(1_520_000_000_003L, new PacketTimeExtractor().extract(record(b), 5));
    }

    @Test
    void aBatchWithoutPacketsKeepsThePartitionTimeNotTheProducersWallClock() {
        PacketDynamicsBatch endMarker = PacketDynamicsBatch.newBuilder().setProbeId("p").build();
        assertEquals(1_520_000_000_000L, new PacketTimeExtractor().extract(record(endMarker), 1_520_000_000_000L));
        assertEquals(0L, new PacketTimeExtractor().extract(record(endMarker), -1));
    }

    @Test
    void anythingElseKeepsItsRecordTimestamp() {
        assertEquals(WALL_CLOCK_MS, new PacketTimeExtractor().extract(record("not a batch"), 7));
    }
}
