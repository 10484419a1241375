package io.tidewatch.cli.replay;

import io.tidewatch.probe.capture.CaptureFileReader;
import io.tidewatch.probe.capture.CaptureFiles;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.serde.ProtobufSerializer;
import io.tidewatch.streams.flow.FlowAssemblyConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Moves every packet-dynamics partition's stream time past every deadline once the capture has ended, so that the
 * streams app closes, by its own timers and with their own end reasons, the flows the probe had already closed
 * before the end (after a FIN, an RST, an idle timeout): only the flows still open at the end get END_OF_INPUT
 * batches from the probe, and the others would otherwise wait for the wall-clock fallback, up to the idle timeout
 * in real time.
 *
 * <p>The clock record is a batch without packets (no flow key, no columns) at a base timestamp past the last packet
 * by the longest flow timeout: the app's timestamp extractor reads its time, and its assembler counts it as a clock
 * record (one per partition). The probe's own end-of-input markers cannot replace it: they go only to the partitions
 * of the flows still open in the probe's table at the end, and they close only those flows; a flow the probe had
 * ended earlier (its FIN, its idle timeout) is ended in the app by the app's own timeouts, which need stream time
 * to pass its deadline on its partition.
 */
public final class EndOfInputClock {

    public static final String PROBE_ID = "tidewatch-replay-end-of-input";

    private EndOfInputClock() {
    }

    /** The capture time of the newest frame in {@code pcap}, ns (0 for an empty capture). */
    public static long lastPacketNs(Path pcap) {
        long[] newest = {0};
        try (CaptureFileReader reader = CaptureFiles.open(pcap)) {
            reader.readAll((linkType, ts, data, offset, captured, wire) -> {
                if (ts > newest[0]) {
                    newest[0] = ts;
                }
            });
        }
        return newest[0];
    }

    /** A time past every deadline a flow with a packet at or before {@code lastPacketNs} can have. */
    public static long tickNs(long lastPacketNs, FlowAssemblyConfig flow) {
        Duration longest = Stream.of(flow.idleTimeout(), flow.activeTimeout(), flow.tcpLinger(), flow.grace())
                .max(Duration::compareTo).orElseThrow();
        return lastPacketNs + longest.plus(flow.punctuationInterval()).plusSeconds(1).toNanos();
    }

    /**
     * Sends one clock record at {@code tickNs} to each of the {@code partitions} partitions of {@code topic};
     * {@code client} holds the bootstrap servers and any security settings.
     */
    public static void send(Map<String, Object> client, Map<String, Object> serdeConfig, String topic, int partitions, long tickNs) {
        PacketDynamicsBatch clock = PacketDynamicsBatch.newBuilder().setProbeId(PROBE_ID).setBaseTimestampNs(tickNs)
                .build();
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "tidewatch-replay-clock");
        try (KafkaProducer<byte[], PacketDynamicsBatch> producer = new KafkaProducer<>(config,
                new ByteArraySerializer(), new ProtobufSerializer<>(serdeConfig, false))) {
            for (int p = 0; p < partitions; p++) {
                producer.send(new ProducerRecord<>(topic, p, null, clock)).get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send the end-of-input clock to '" + topic + "': "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the end-of-input clock", e);
        }
    }
}
