package io.tidewatch.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.testsupport.shareddata.SharedCaptures;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker dies while the probe replays a capture at a pace that spans the outage, and comes back on the same port:
 * capture goes on to the last packet, the full queue drops and counts batches, and production resumes by itself.
 */
class BrokerOutageIT {

    private static final String TOPIC = "it.outage";
    private static final int QUEUE = 32;

    @TempDir
    Path dir;

    @Test
    void captureContinuesDropsAreCountedAndProductionResumesAfterRestart() throws Exception {
        Path pcap = SharedCaptures.pcap("test-cc-capture-1.pcap");
        KafkaStack.ProbeRun dry = KafkaStack.ProbeRun.run(Map.of(), "--pcap", pcap.toString(), "--dry-run", "--json",
                "--batch-packets", "4");
        assertEquals(0, dry.exit(), dry.err());

        Map<String, String> env = Map.of(
                "TIDEWATCH_PROBE_QUEUE_MAX_BATCHES", String.valueOf(QUEUE),
                // A small producer buffer and short timeouts, so the outage reaches the probe's queue within seconds.
                "TIDEWATCH_KAFKA_BUFFER_MEMORY", "65536",
                "TIDEWATCH_KAFKA_BATCH_SIZE", "16384",
                "TIDEWATCH_KAFKA_REQUEST_TIMEOUT_MS", "2000",
                "TIDEWATCH_KAFKA_DELIVERY_TIMEOUT_MS", "5000",
                "TIDEWATCH_KAFKA_RECONNECT_BACKOFF_MAX_MS", "500");
        Path flowsOut = dir.resolve("flows.jsonl");
        try (KafkaStack stack = new KafkaStack()) {
            // 665 s of capture at 30x: about 22 s of replay, around a broker outage of several seconds.
            AtomicReference<KafkaStack.ProbeRun> result = new AtomicReference<>();
            List<String> args = List.of("--bootstrap-servers", stack.broker.bootstrapServers(),
                    "--schema-registry-url", stack.registry.url(), "--pcap", pcap.toString(), "--speed", "30",
                    "--json", "--topic", TOPIC, "--batch-packets", "4", "--flows-out", flowsOut.toString(),
                    "--stop-flush-ms", "20000");
            Thread probe = new Thread(() -> result.set(KafkaStack.ProbeRun.run(env, new StringWriter(),
                    new StringWriter(), args.toArray(String[]::new))), "probe-under-test");
            probe.start();

            List<PacketDynamicsBatch> beforeOutage = awaitSome(stack);
            long lastBeforeOutage = beforeOutage.stream().mapToLong(PacketDynamicsBatch::getBaseTimestampNs).max()
                    .orElseThrow();
            stack.broker.stop();
            Thread.sleep(8_000);
            assertTrue(probe.isAlive(), "the replay must outlast the outage for this test to mean anything");
            stack.broker.start();
            assertTrue(probe.isAlive(), "the replay must go on after the restart for this test to mean anything");
            probe.join(120_000);
            KafkaStack.ProbeRun run = result.get();
            assertEquals(0, run.exit(), run.err());

            // Capture never stopped: every packet was read and decoded, and the flow table made every batch.
            assertEquals(dry.number("packets"), run.number("packets"));
            assertEquals(dry.number("decoded"), run.number("decoded"));
            assertEquals(dry.number("batches"), run.number("batches"));
            // The queue filled and then dropped, counting.
            long queueDrops = run.number("kafka.dropped.queue_full") + run.number("kafka.dropped.queue_bytes");
            assertTrue(queueDrops > 0, run.out());
            assertEquals(QUEUE, run.number("kafka.queue_high_water"), run.out());
            // Every batch is accounted for: acknowledged or dropped for a counted reason.
            long accepted = run.number("kafka.accepted");
            assertEquals(run.number("batches"), accepted);
            assertEquals(accepted, run.number("kafka.acked") + run.number("kafka.dropped_total"), run.out());

            List<PacketDynamicsBatch> all = stack.readAll(TOPIC);
            assertTrue(all.size() >= run.number("kafka.acked"), all.size() + " read, " + run.out());
            assertTrue(all.size() <= accepted - queueDrops, all.size() + " read, " + run.out());
            // Production resumed: batches of later capture time, and every flow's closing batch at the end of input
            // (made after the broker came back), are in the topic.
            long last = all.stream().mapToLong(PacketDynamicsBatch::getBaseTimestampNs).max().orElseThrow();
            assertTrue(last > lastBeforeOutage);
            long endOfInputSegments = Files.readAllLines(flowsOut).stream()
                    .filter(l -> l.contains("\"end_reason\":\"end_of_input\"")).count();
            long endOfInputRead = all.stream()
                    .filter(b -> b.getFlowEnd() == FlowEndReason.FLOW_END_REASON_END_OF_INPUT).count();
            assertTrue(endOfInputSegments > 0);
            assertEquals(endOfInputSegments, endOfInputRead);
            // The run's figures with what a consumer read back, for the record (not asserted beyond the above).
            Files.writeString(Path.of("target", "broker-outage-figures.json"), run.out().trim().replaceFirst("}$",
                    ",\"read_back\":" + all.size() + ",\"read_before_outage\":" + beforeOutage.size() + "}\n"));
        }
    }

    private static List<PacketDynamicsBatch> awaitSome(KafkaStack stack) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                List<PacketDynamicsBatch> read = stack.readAll(TOPIC);
                if (!read.isEmpty()) {
                    return read;
                }
            } catch (RuntimeException e) {
                // The probe has not created the topic yet.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no batch reached " + TOPIC + " within 60 s");
    }
}
