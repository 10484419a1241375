package io.tidewatch.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.tidewatch.localstack.broker.BrokerSettings;
import io.tidewatch.proto.v1.Direction;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.FlowSide;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.serde.ProtobufSerde;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local stack end to end: Protobuf records produced with the schema-registry serde through the embedded KRaft
 * broker, their schemas registered over real HTTP in the embedded registry, and read back by a consumer that knows
 * nothing but the registry URL.
 */
class ProtobufThroughKafkaIT {

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(BrokerSettings.builder().port(0).controllerPort(0).partitions(3).build(), 0);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void packetDynamicsBatchesKeyedByFlowKeyRoundTripThroughBrokerAndRegistry() throws Exception {
        String topic = "tidewatch.packet-dynamics";
        Map<String, Object> serde = Map.of("schema.registry.url", stack.schemaRegistryUrl());
        List<PacketDynamicsBatch> sent = new ArrayList<>();
        try (KafkaProducer<FlowKey, PacketDynamicsBatch> producer = new KafkaProducer<>(producerProps(),
                new ProtobufSerde<>(FlowKey.getDefaultInstance(), serde, true).serializer(),
                new ProtobufSerde<>(PacketDynamicsBatch.getDefaultInstance(), serde, false).serializer())) {
            for (int i = 0; i < 200; i++) {
                PacketDynamicsBatch batch = batch(i);
                sent.add(batch);
                producer.send(new ProducerRecord<>(topic, batch.getFlow(), batch)).get();
            }
        }

        List<ConsumerRecord<FlowKey, PacketDynamicsBatch>> received = consume(topic, sent.size(),
                new ProtobufSerde<>(FlowKey.getDefaultInstance(), serde, true),
                new ProtobufSerde<>(PacketDynamicsBatch.getDefaultInstance(), serde, false));
        assertEquals(sent.size(), received.size());
        for (ConsumerRecord<FlowKey, PacketDynamicsBatch> r : received) {
            PacketDynamicsBatch batch = r.value();
            assertEquals(sent.get((int) batch.getBatchSeq()), batch, "the record arrives unchanged");
            assertEquals(batch.getFlow(), r.key());
        }

        String subjects = get(stack.schemaRegistryUrl() + "/subjects");
        for (String subject : List.of("tidewatch.packet-dynamics-key", "tidewatch.packet-dynamics-value",
                "tidewatch/v1/flow_key.proto")) {
            assertTrue(subjects.contains("\"" + subject + "\""), subject + " registered: " + subjects);
        }
    }

    @Test
    void aMessageThatIsNotFirstInItsFileUsesItsMessageIndex() throws Exception {
        String topic = "tidewatch.flows";
        Map<String, Object> serde = Map.of("schema.registry.url", stack.schemaRegistryUrl());
        FlowRecord record = FlowRecord.newBuilder()
                .setFlow(batch(7).getFlow()).setFlowId("1:abc:0").setStartNs(1).setEndNs(2)
                .setOriginator(FlowSide.newBuilder().setPackets(3).setIpBytes(180))
                .setFeatureSet("tw-flow-v1").addFeatures(1.5).build();
        try (KafkaProducer<String, FlowRecord> producer = new KafkaProducer<>(producerProps(),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new ProtobufSerde<>(FlowRecord.getDefaultInstance(), serde, false).serializer())) {
            producer.send(new ProducerRecord<>(topic, record.getFlowId(), record)).get();
        }
        try (KafkaConsumer<String, byte[]> raw = new KafkaConsumer<>(consumerProps(),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            raw.subscribe(List.of(topic));
            byte[] bytes = pollOne(raw).value();
            // magic 0, 4-byte id, then message index [1] (FlowSide precedes FlowRecord in flow_record.proto).
            assertEquals(0, bytes[0]);
            assertEquals(0x02, bytes[5]);
            assertEquals(0x02, bytes[6]);
            assertEquals(record, FlowRecord.parseFrom(java.util.Arrays.copyOfRange(bytes, 7, bytes.length)));
        }
    }

    private static PacketDynamicsBatch batch(int seq) {
        FlowKey key = FlowKey.newBuilder().setObservationDomain(1).setIpVersion(4)
                .setAIp(ByteString.copyFrom(new byte[] {10, 0, 0, (byte) (seq % 7)})).setAPort(40000 + seq)
                .setBIp(ByteString.copyFrom(new byte[] {10, 0, 1, 1})).setBPort(443).setIpProtocol(6)
                .setCommunityId("1:test-" + (seq % 7)).build();
        return PacketDynamicsBatch.newBuilder().setFlow(key).setProbeId("probe-1").setBatchSeq(seq)
                .setBaseTimestampNs(1_700_000_000_000_000_000L + seq * 1_000_000L)
                .addTsDeltaUs(0).addTsDeltaUs(1200).addDirection(Direction.DIRECTION_A_TO_B)
                .addDirection(Direction.DIRECTION_B_TO_A).addIpLength(60).addIpLength(52)
                .addPayloadLength(0).addPayloadLength(0).addTcpFlags(0x02).addTcpFlags(0x12)
                .addTtl(64).addTtl(57).addTcpWindow(64240).addTcpWindow(65535).build();
    }

    private static Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }

    private static Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }

    private static <K extends Message, V extends Message> List<ConsumerRecord<K, V>> consume(String topic, int expected,
            ProtobufSerde<K> keySerde, ProtobufSerde<V> valueSerde) {
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(consumerProps(), keySerde.deserializer(),
                valueSerde.deserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static <K, V> ConsumerRecord<K, V> pollOne(KafkaConsumer<K, V> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(200))) {
                return r;
            }
        }
        throw new AssertionError("no record within 60 s");
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url);
        return r.body();
    }
}
