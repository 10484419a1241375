package io.tidewatch.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.tidewatch.config.Settings;
import io.tidewatch.localstack.LocalStack;
import io.tidewatch.localstack.broker.BrokerSettings;
import io.tidewatch.proto.v1.Direction;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.serde.ProtobufSerializer;
import io.tidewatch.streams.flow.FlowKeys;
import io.tidewatch.streams.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streams app on a real embedded broker and registry: every flow of the input comes out exactly once as an
 * ECS document (by flow id), also when the app is stopped in the middle and a fresh instance, with empty local
 * state, takes over from the changelogs and committed offsets.
 */
class StreamsAppIT {

    private static final int FLOWS = 300;
    private static final int PACKETS_PER_BATCH = 4;
    private static final int BATCHES_PER_FLOW = 3;
    private static final long T0_NS = 1_700_000_000_000L * 1_000_000L;

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(BrokerSettings.builder().partitions(3).build(), 0);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static Settings settings(String prefix, Path stateDir) {
        Map<String, String> v = new HashMap<>();
        v.put("kafka.bootstrap.servers", stack.bootstrapServers());
        v.put("kafka.application.id", prefix + "app");
        v.put("kafka.state.dir", stateDir.toString());
        v.put("kafka.commit.interval.ms", "200");
        v.put("kafka.replication.factor", "1");
        v.put("schema.registry.url", stack.schemaRegistryUrl());
        v.put("topics.prefix", prefix);
        v.put("streams.rocksdb.memory.bytes", Long.toString(32L << 20));
        return Settings.of(v);
    }

    /** Every topic the app declares, with the configs it needs (the models topic compacted). */
    private static void createTopics(String prefix) {
        stack.createTopics(Topics.from(settings(prefix, Path.of("unused"))).configsByName(), 3);
    }

    private static FlowKey key(int i) {
        return FlowKey.newBuilder().setObservationDomain(1).setIpVersion(4)
                .setAIp(ByteString.copyFrom(new byte[] {10, 1, (byte) (i >> 8), (byte) i})).setAPort(40000 + i % 1000)
                .setBIp(ByteString.copyFrom(new byte[] {10, 2, 0, (byte) (i % 7)})).setBPort(443)
                .setIpProtocol(17).setCommunityId("1:it-" + i).build();
    }

    /** Produces every flow's batches, the last one flagged END_OF_INPUT; returns the end offsets. */
    private static Map<TopicPartition, Long> produce(String topic) throws Exception {
        return produce(topic, 0, BATCHES_PER_FLOW);
    }

    /** Produces batches {@code from} (inclusive) to {@code to} (exclusive) of every flow; returns the end offsets. */
    private static Map<TopicPartition, Long> produce(String topic, int from, int to) throws Exception {
        Map<String, Object> serde = Map.of("schema.registry.url", stack.schemaRegistryUrl());
        // Plain acks=all with one request in flight: order and delivery without depending on idempotent sequences.
        Map<String, Object> props = Map.of("bootstrap.servers", stack.bootstrapServers(), "linger.ms", 5,
                "enable.idempotence", false, "acks", "all", "max.in.flight.requests.per.connection", 1);
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], PacketDynamicsBatch> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ProtobufSerializer<>(serde, false))) {
            for (int b = from; b < to; b++) {
                for (int i = 0; i < FLOWS; i++) {
                    FlowKey k = key(i);
                    PacketDynamicsBatch.Builder batch = PacketDynamicsBatch.newBuilder().setFlow(k).setProbeId("it")
                            .setBatchSeq(b).setInitiator(Direction.DIRECTION_A_TO_B)
                            .setFlowFirstSeenNs(T0_NS + i * 1_000_000L)
                            .setBaseTimestampNs(T0_NS + i * 1_000_000L + b * 100_000_000L);
                    for (int p = 0; p < PACKETS_PER_BATCH; p++) {
                        batch.addTsDeltaUs(p == 0 ? 0 : 1000).addIpLength(100 + p).addPayloadLength(72 + p)
                                .addDirection(p % 2 == 0 ? Direction.DIRECTION_A_TO_B : Direction.DIRECTION_B_TO_A);
                    }
                    if (b == BATCHES_PER_FLOW - 1) {
                        batch.setFlowEnd(FlowEndReason.FLOW_END_REASON_END_OF_INPUT);
                    }
                    sent.add(producer.send(new ProducerRecord<>(topic, FlowKeys.bytes(k), batch.build())));
                }
            }
            producer.flush();
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        }
        return stack.endOffsets(topic);
    }

    private static List<JsonNode> readAll(String topic) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        p.put("group.id", "reader-" + topic);
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1),
                    new TopicPartition(topic, 2));
            c.assign(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.add(json.readTree(r.value()));
                }
            }
        }
        return out;
    }

    private static String describe(StreamsApp app) {
        var c = app.counters();
        return "batches=" + c.batches() + " packets=" + c.packets() + " duplicates=" + c.duplicateBatches() + " late="
                + c.lateBatches() + " invalid=" + c.invalidBatches() + " flows=" + c.flowRecords() + " deadLetters="
                + app.deadLetters();
    }

    private static void assertEveryFlowOnce(List<JsonNode> docs) {
        assertEveryFlowOnce(docs, "");
    }

    private static void assertEveryFlowOnce(List<JsonNode> docs, String context) {
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode d : docs) {
            String id = d.get("tidewatch").get("flow_id").asText();
            JsonNode before = byId.putIfAbsent(id, d);
            if (before != null) {
                // At-least-once may deliver a record twice; it must then be the same document (idempotent sinks).
                assertEquals(before.get("network"), d.get("network"), "redelivered flow " + id + " differs");
            }
        }
        assertEquals(FLOWS, byId.size(), "distinct flows " + context);
        for (JsonNode d : byId.values()) {
            assertEquals(PACKETS_PER_BATCH * BATCHES_PER_FLOW, d.get("network").get("packets").asLong());
            assertEquals("end_of_input", d.get("tidewatch").get("end_reason").asText());
        }
    }

    @Test
    void everyFlowComesOutOnceAndAwaitProcessedSeesIt(@TempDir Path stateDir) throws Exception {
        String prefix = "it1.";
        createTopics(prefix);
        Map<TopicPartition, Long> ends = produce(prefix + "packet-dynamics");
        try (StreamsApp app = StreamsApp.create(settings(prefix, stateDir))) {
            app.start();
            assertTrue(app.awaitProcessed(ends, Duration.ofSeconds(150)), "processed within 150 s");
            assertEquals(KafkaStreams.State.RUNNING, app.state());
            assertEquals(FLOWS, app.counters().flowRecords());
        }
        List<JsonNode> docs = readAll(prefix + "scored-flows.ecs");
        assertEquals(FLOWS, docs.size());
        assertEveryFlowOnce(docs);
    }

    @Test
    void aRestartInTheMiddleLosesNoFlow(@TempDir Path first, @TempDir Path second) throws Exception {
        String prefix = "it2.";
        createTopics(prefix);
        // Every flow is open across the restart: two of its three batches before, the last one after.
        Map<TopicPartition, Long> half = produce(prefix + "packet-dynamics", 0, BATCHES_PER_FLOW - 1);
        String before;
        try (StreamsApp app = StreamsApp.create(settings(prefix, first))) {
            app.start();
            assertTrue(app.awaitProcessed(half, Duration.ofSeconds(150)), "first half processed within 150 s");
            assertEquals(0, app.counters().flowRecords(), "no flow ended yet");
            before = describe(app);
        }
        Map<TopicPartition, Long> ends = produce(prefix + "packet-dynamics", BATCHES_PER_FLOW - 1, BATCHES_PER_FLOW);
        // A new instance on another machine: no local state, everything from changelogs and committed offsets.
        String after;
        try (StreamsApp app = StreamsApp.create(settings(prefix, second))) {
            app.start();
            assertTrue(app.awaitProcessed(ends, Duration.ofSeconds(150)), "processed within 150 s");
            after = describe(app);
            assertEquals(0, app.counters().duplicateBatches() + app.counters().lateBatches(), after);
        }
        assertEveryFlowOnce(readAll(prefix + "scored-flows.ecs"), "first: " + before + "; second: " + after);
    }

    @Test
    void aStartWithoutTheRequiredTopicsFailsNamingThemAndHowToCreateThem(@TempDir Path stateDir) throws Exception {
        String prefix = "it3.";
        // Only the input exists: the labels source and the compacted models topic are missing.
        try (Admin admin = stack.admin()) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(prefix + "packet-dynamics", 1,
                    (short) 1))).all().get();
        }
        try (StreamsApp app = StreamsApp.create(settings(prefix, stateDir))) {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    app::start);
            String m = e.getMessage();
            assertTrue(m.contains("it3.labels") && m.contains("it3.models"), m);
            assertTrue(m.contains("--topic it3.models --config cleanup.policy=compact"), m);
            assertTrue(!m.contains("it3.packet-dynamics"), "the input may come later: " + m);
            assertEquals(KafkaStreams.State.CREATED, app.state(), "nothing was started");
        }
    }
}
