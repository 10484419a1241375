package io.tidewatch.probe.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidewatch.config.Settings;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.probe.output.EncodedBatch;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sink against a broker that is not there: a real producer that never gets metadata. */
class KafkaBatchSinkTest {

    private static KafkaSinkConfig unreachable(int queue) {
        return KafkaSinkConfig.from(Settings.of(Map.of(
                // Port 1 on loopback: nothing listens, connections are refused at once.
                "kafka.bootstrap.servers", "127.0.0.1:1",
                "kafka.reconnect.backoff.max.ms", "100",
                "schema.registry.url", "http://127.0.0.1:1",
                "probe.queue.max.batches", String.valueOf(queue),
                "probe.stop.flush.ms", "300")));
    }

    private static PacketDynamicsBatch batch(int i) {
        return PacketDynamicsBatch.newBuilder()
                .setFlow(FlowKey.newBuilder().setIpVersion(4).setAPort(i).setBPort(80).setIpProtocol(6))
                .setProbeId("test").setBatchSeq(i).addIpLength(60).addTcpFlags(2).build();
    }

    @Test
    void withNoBrokerAcceptNeverBlocksAndEveryBatchIsCountedAsDroppedByReason() {
        KafkaBatchSink sink = KafkaBatchSink.start(unreachable(8));
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            sink.accept(EncodedBatch.of(batch(i)));
        }
        KafkaSinkStats during = sink.stats();
        assertEquals(n, during.accepted());
        assertEquals(8, during.queueDepth(), "the sender waits for metadata, so the queue holds its capacity");
        assertEquals(n - 8, during.dropped(DropReason.QUEUE_FULL));
        sink.close();
        sink.accept(EncodedBatch.of(batch(0)));
        KafkaSinkStats after = sink.stats();
        assertEquals(8, after.dropped(DropReason.STOP_TIMEOUT), after.toJson());
        assertEquals(1, after.dropped(DropReason.CLOSED), after.toJson());
        assertEquals(n + 1, after.droppedTotal(), after.toJson());
        assertEquals(0, after.sent());
        assertEquals(0, after.queueDepth());
    }
}
