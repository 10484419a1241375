package io.tidewatch.streams.app;

import io.tidewatch.config.Settings;
import io.tidewatch.localstack.broker.BrokerSettings;
import io.tidewatch.localstack.broker.EmbeddedKafkaBroker;
import io.tidewatch.localstack.registry.EmbeddedSchemaRegistry;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.serde.ProtobufDeserializer;
import io.tidewatch.streams.topology.FlowTopologyBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Throughput of the streams app on the embedded broker, side by side in one run with a reference: a plain consumer
 * that reads and deserializes the same topic (the floor for anything consuming it). Synthetic web-like traffic
 * (see {@link FlowTopologyBenchmark#synthesize}); every flow ends with END_OF_INPUT as in a replay. Prints one
 * JSON line. Not a test: run {@code main} by hand; arguments: packets (1,000,000), partitions (2), seed (42).
 */
public final class ReplayThroughputBenchmark {

    private ReplayThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long packets = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.launch(BrokerSettings.builder().partitions(partitions).build());
                EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry().start()) {
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                // Every topic the app declares (the models topic compacted), kept forever: old event times.
                admin.createTopics(io.tidewatch.streams.topology.Topics.from(
                        io.tidewatch.config.Settings.of(Map.of("schema.registry.url", registry.url())))
                        .newTopics(partitions, (short) 1, Map.of("retention.ms", "-1"))).all().get();
            }
            String topic = "tidewatch.packet-dynamics";
            int[] batches = {0};
            int flows;
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                    "linger.ms", 20, "batch.size", 262144, "compression.type", "lz4"),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                flows = FlowTopologyBenchmark.synthesize(packets, seed, registry.url(), (k, v) -> {
                    producer.send(new ProducerRecord<>(topic, k, v));
                    batches[0]++;
                });
                producer.flush();
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                Map<TopicPartition, OffsetSpec> req = new HashMap<>();
                for (int p = 0; p < partitions; p++) {
                    req.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
                admin.listOffsets(req).all().get().forEach((tp, i) -> ends.put(tp, i.offset()));
            }

            long t0 = System.nanoTime();
            long refPackets = 0;
            try (KafkaConsumer<byte[], PacketDynamicsBatch> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                    bootstrap, "group.id", "reference", "auto.offset.reset", "earliest"), new ByteArrayDeserializer(),
                    new ProtobufDeserializer<>(PacketDynamicsBatch.getDefaultInstance(),
                            Map.of("schema.registry.url", registry.url()), false))) {
                consumer.assign(ends.keySet());
                consumer.seekToBeginning(ends.keySet());
                while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                    for (ConsumerRecord<byte[], PacketDynamicsBatch> r : consumer.poll(Duration.ofMillis(200))) {
                        refPackets += r.value().getTsDeltaUsCount();
                    }
                }
            }
            double refS = (System.nanoTime() - t0) / 1e9;

            Path state = Files.createTempDirectory("tw-replay-bench-");
            Map<String, String> v = new HashMap<>();
            v.put("kafka.bootstrap.servers", bootstrap);
            v.put("kafka.application.id", "bench");
            v.put("kafka.state.dir", state.toString());
            v.put("kafka.commit.interval.ms", "1000");
            v.put("kafka.replication.factor", "1");
            v.put("kafka.num.stream.threads", Integer.toString(Math.min(2, partitions)));
            v.put("schema.registry.url", registry.url());
            long t1 = System.nanoTime();
            long flowRecords;
            try (StreamsApp app = StreamsApp.create(Settings.of(v))) {
                app.start();
                if (!app.awaitProcessed(ends, Duration.ofMinutes(30))) {
                    throw new IllegalStateException("not processed within 30 minutes");
                }
                flowRecords = app.counters().flowRecords();
            }
            double appS = (System.nanoTime() - t1) / 1e9;
            System.out.printf(Locale.ROOT, "{\"packets\":%d,\"batches\":%d,\"flows\":%d,\"flow_records\":%d,"
                    + "\"reference_consumer_s\":%.2f,\"reference_packets_per_s\":%.0f,\"streams_app_s\":%.2f,"
                    + "\"streams_packets_per_s\":%.0f,\"streams_flows_per_s\":%.0f,\"ratio\":%.3f}%n",
                    refPackets, batches[0], flows, flowRecords, refS, refPackets / refS, appS, packets / appS,
                    flowRecords / appS, refS / appS);
        }
    }
}
