package io.tidewatch.streams.topology;

import io.tidewatch.config.Settings;
import io.tidewatch.localstack.registry.EmbeddedSchemaRegistry;
import io.tidewatch.proto.v1.Direction;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.serde.ProtobufSerializer;
import io.tidewatch.streams.app.StreamsApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;

/**
 * Throughput of the flow topology in one JVM, side by side with a reference topology that only deserializes the
 * same batches (the floor any Kafka Streams consumer of this topic pays), on identical pre-serialized input:
 * prints one JSON line. Not a test: run it by hand ({@code main}); arguments: packets (default 1,000,000), seed.
 */
public final class FlowTopologyBenchmark {

    private FlowTopologyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long packets = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        try (EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry().start()) {
            List<byte[]> input = synthesize(packets, seed, registry.url());
            // Warm-up of both, then the measured runs.
            run(input.subList(0, Math.min(input.size(), 20_000)), registry.url(), false);
            run(input.subList(0, Math.min(input.size(), 20_000)), registry.url(), true);
            double ref = run(input, registry.url(), false);
            double full = run(input, registry.url(), true);
            System.out.printf(java.util.Locale.ROOT,
                    "{\"packets\":%d,\"batches\":%d,\"reference_deserialize_only_s\":%.3f,\"flow_topology_s\":%.3f,"
                            + "\"reference_packets_per_s\":%.0f,\"flow_topology_packets_per_s\":%.0f,\"ratio\":%.3f}%n",
                    packets, input.size(), ref, full, packets / ref, packets / full, ref / full);
        }
    }

    /** Web-like traffic: flows of 2..60 packets over a few hundred ms each, many flows open at once. */
    static List<byte[]> synthesize(long packets, long seed, String registryUrl) {
        List<byte[]> values = new ArrayList<>();
        synthesize(packets, seed, registryUrl, (k, v) -> values.add(v));
        return values;
    }

    /** Hands each batch to {@code sink} as (flow key bytes, serialized value); returns the number of flows. */
    public static int synthesize(long packets, long seed, String registryUrl,
            java.util.function.BiConsumer<byte[], byte[]> sink) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ProtobufSerializer<PacketDynamicsBatch> ser = new ProtobufSerializer<>(Map.of("schema.registry.url", registryUrl), false);
        long made = 0;
        int flow = 0;
        long clockUs = 0;
        while (made < packets) {
            int n = 2 + rnd.nextInt(59);
            FlowKey k = Batches.tcp(1 + flow % 200, 10_000 + flow % 50_000, 201 + (flow / 200) % 50, 443);
            long t = clockUs;
            int seq = 0;
            for (int start = 0; start < n; start += 10) {
                int end = Math.min(n, start + 10);
                Batches.Builder b = Batches.batch(k, "bench", seq++, Direction.DIRECTION_A_TO_B, clockUs / 1000);
                for (int i = start; i < end; i++) {
                    t += 200 + rnd.nextInt(20_000);
                    boolean aToB = i % 2 == 0;
                    int flags = i == 0 ? Batches.SYN : (i == n - 1 ? Batches.FIN | Batches.ACK : Batches.ACK);
                    b.packet(t / 1000.0, aToB, aToB ? 80 + rnd.nextInt(200) : 200 + rnd.nextInt(1300), 40, flags);
                }
                if (end == n) {
                    b.end(FlowEndReason.FLOW_END_REASON_END_OF_INPUT);
                }
                PacketDynamicsBatch batch = b.build();
                sink.accept(io.tidewatch.streams.flow.FlowKeys.bytes(k), ser.serialize("tidewatch.packet-dynamics", batch));
            }
            made += n;
            flow++;
            clockUs += 300;
        }
        return flow;
    }

    private static double run(List<byte[]> input, String registryUrl, boolean full) throws Exception {
        Path state = Files.createTempDirectory("tw-bench-");
        Map<String, String> v = new HashMap<>();
        v.put("kafka.bootstrap.servers", "unused:9092");
        v.put("kafka.application.id", "bench");
        v.put("schema.registry.url", registryUrl);
        StreamsApp app = StreamsApp.create(Settings.of(v));
        Topology topology;
        LongAdder seen = new LongAdder();
        if (full) {
            topology = app.topology();
        } else {
            StreamsBuilder b = new StreamsBuilder();
            b.stream(app.topics().packetDynamics().name(),
                    Consumed.with(Serdes.ByteArray(), app.topics().packetDynamics().valueSerde()))
                    .foreach((k, batch) -> seen.add(batch.getTsDeltaUsCount()));
            topology = b.build();
        }
        Properties props = app.properties();
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        long t0;
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(app.topics().packetDynamics().name(),
                    new ByteArraySerializer(), new ByteArraySerializer());
            byte[] key = {0};
            t0 = System.nanoTime();
            for (byte[] value : input) {
                in.pipeInput(key, value);
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        app.close();
        return s;
    }
}
