package io.tidewatch.localstack.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Message;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.ScoredFlow;
import io.tidewatch.registry.Schema;
import io.tidewatch.registry.SchemaRegistryClient;
import io.tidewatch.registry.SchemaRegistryClientConfig;
import io.tidewatch.serde.ProtobufDeserializer;
import io.tidewatch.serde.ProtobufSchemas;
import io.tidewatch.serde.ProtobufSerde;
import io.tidewatch.serde.ProtobufSerializer;
import io.tidewatch.serde.WireFormat;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProtobufSerdeTest {

    private EmbeddedSchemaRegistry registry;
    private Map<String, Object> configs;

    @BeforeEach
    void start() {
        registry = new EmbeddedSchemaRegistry().start();
        configs = new HashMap<>(Map.of("schema.registry.url", registry.url()));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private Map<String, Object> with(Object... keyValues) {
        Map<String, Object> copy = new HashMap<>(configs);
        for (int i = 0; i < keyValues.length; i += 2) {
            copy.put((String) keyValues[i], keyValues[i + 1]);
        }
        return copy;
    }

    @Test
    void everyTidewatchTypeRoundTripsInConfluentFraming() {
        for (SampleMessages.Sample sample : SampleMessages.all()) {
            Message message = sample.message();
            String topic = "t-" + message.getDescriptorForType().getName();
            Serializer<Message> serializer = new ProtobufSerializer<>(configs, false);
            Deserializer<Message> deserializer = new ProtobufDeserializer<>(message.getDefaultInstanceForType(),
                    configs, false);
            byte[] bytes = serializer.serialize(topic, message);

            int latestId = Http.get(registry.url() + "/subjects/" + topic + "-value/versions/latest").json()
                    .get("id").asInt();
            assertEquals(WireFormat.MAGIC_BYTE, bytes[0]);
            assertEquals(latestId, ByteBuffer.wrap(bytes, 1, 4).getInt(), topic);
            byte[] indexes = WireFormat.encodeMessageIndexes(sample.messageIndexes());
            assertArrayEquals(indexes, Arrays.copyOfRange(bytes, 5, 5 + indexes.length), topic);
            assertArrayEquals(message.toByteArray(), Arrays.copyOfRange(bytes, 5 + indexes.length, bytes.length), topic);

            assertEquals(message, deserializer.deserialize(topic, bytes), topic);
        }
    }

    @Test
    void flowRecordIsFramedWithIndexOneAsTwoTwo() {
        byte[] bytes = new ProtobufSerializer<FlowRecord>(configs, false).serialize("flows", SampleMessages.flowRecord(0));
        assertEquals(0x02, bytes[5]);
        assertEquals(0x02, bytes[6]);
        byte[] key = new ProtobufSerializer<FlowKey>(configs, false).serialize("keys", SampleMessages.flowKey());
        assertEquals(0x00, key[5], "[0] is the single byte 0x00");
        assertArrayEquals(SampleMessages.flowKey().toByteArray(), Arrays.copyOfRange(key, 6, key.length));
    }

    @Test
    void importsAreRegisteredFirstAndReferencedByImportPath() {
        new ProtobufSerializer<ScoredFlow>(configs, false).serialize("scored", ScoredFlow.newBuilder()
                .setFlow(SampleMessages.flowRecord(0)).setScore(0.5).build());
        List<String> subjects = new SchemaRegistryClient(SchemaRegistryClientConfig.of(registry.url())).subjects();
        assertEquals(List.of("scored-value", "tidewatch/v1/flow_key.proto", "tidewatch/v1/flow_record.proto",
                "tidewatch/v1/packet_dynamics.proto"), subjects);

        JsonNode scored = Http.get(registry.url() + "/subjects/scored-value/versions/latest").json();
        assertEquals("PROTOBUF", scored.get("schemaType").asText());
        assertEquals(ProtobufSchemas.source(ScoredFlow.getDescriptor().getFile()), scored.get("schema").asText());
        assertEquals("tidewatch/v1/flow_record.proto", scored.get("references").get(0).get("name").asText());
        assertEquals("tidewatch/v1/flow_record.proto", scored.get("references").get(0).get("subject").asText());

        JsonNode record = Http.get(registry.url() + "/subjects/tidewatch%2Fv1%2Fflow_record.proto/versions/1").json();
        assertEquals(2, record.get("references").size(), record.toString());
        assertEquals("tidewatch/v1/flow_key.proto", record.get("references").get(0).get("name").asText());
        assertEquals("tidewatch/v1/packet_dynamics.proto", record.get("references").get(1).get("name").asText());
    }

    @Test
    void registryIsAskedOncePerTopicAndOncePerId() {
        ProtobufSerde<FlowRecord> serde = new ProtobufSerde<>(FlowRecord.parser(), configs, false);
        byte[] first = serde.serializer().serialize("flows", SampleMessages.flowRecord(0));
        long afterFirst = registry.requestCount();
        byte[][] records = new byte[500][];
        for (int i = 0; i < records.length; i++) {
            records[i] = serde.serializer().serialize("flows", SampleMessages.flowRecord(i));
        }
        assertEquals(afterFirst, registry.requestCount(), "no registry call after the first record of a topic");

        // The serde's own deserializer shares its client: the id it registered needs no fetch.
        assertEquals(SampleMessages.flowRecord(0), serde.deserializer().deserialize("flows", first));
        assertEquals(afterFirst, registry.requestCount());

        // A fresh reader fetches the id once, then never again.
        ProtobufDeserializer<FlowRecord> reader = new ProtobufDeserializer<>(FlowRecord.getDefaultInstance(),
                configs, false);
        for (int i = 0; i < records.length; i++) {
            assertEquals(i, reader.deserialize("flows", records[i]).getSegment());
        }
        assertEquals(afterFirst + 1, registry.requestCount(), "one GET /schemas/ids/{id} for 500 records");
    }

    @Test
    void wrongMagicByteIsRejectedNamingTopicAndByte() {
        ProtobufDeserializer<FlowRecord> reader = new ProtobufDeserializer<>(FlowRecord.getDefaultInstance(),
                configs, false);
        byte[] json = "{\"flow_id\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SerializationException e = assertThrows(SerializationException.class, () -> reader.deserialize("flows", json));
        assertTrue(e.getMessage().contains("'flows'"), e.getMessage());
        assertTrue(e.getMessage().contains("0x7b") && e.getMessage().contains("expected 0x00"), e.getMessage());
        assertThrows(SerializationException.class, () -> reader.deserialize("flows", new byte[] {0, 0}));
        assertNull(reader.deserialize("flows", null));
    }

    @Test
    void unknownSchemaIdIsRejectedNamingTheId() {
        byte[] good = new ProtobufSerializer<FlowRecord>(configs, false).serialize("flows", SampleMessages.flowRecord(0));
        byte[] bad = good.clone();
        ByteBuffer.wrap(bad).putInt(1, 4242);
        ProtobufDeserializer<FlowRecord> reader = new ProtobufDeserializer<>(FlowRecord.getDefaultInstance(),
                configs, false);
        SerializationException e = assertThrows(SerializationException.class, () -> reader.deserialize("flows", bad));
        assertTrue(e.getMessage().contains("'flows'") && e.getMessage().contains("4242")
                && e.getMessage().contains("unknown"), e.getMessage());
        assertEquals(SampleMessages.flowRecord(0), reader.deserialize("flows", good));
    }

    @Test
    void recordOfAnotherTypeIsRejectedNamingBoth() {
        byte[] key = new ProtobufSerializer<FlowKey>(configs, false).serialize("mixed", SampleMessages.flowKey());
        ProtobufDeserializer<FlowRecord> reader = new ProtobufDeserializer<>(FlowRecord.getDefaultInstance(),
                configs, false);
        SerializationException e = assertThrows(SerializationException.class, () -> reader.deserialize("mixed", key));
        assertTrue(e.getMessage().contains("tidewatch.v1.FlowKey")
                && e.getMessage().contains("expected tidewatch.v1.FlowRecord"), e.getMessage());
    }

    @Test
    void messageIndexIsResolvedInTheWritersSchema() {
        // A newer writer put a message before FlowKey: FlowKey is [1] there, and the reader must still accept it.
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryClientConfig.of(registry.url()));
        String evolved = ProtobufSchemas.source(FlowKey.getDescriptor().getFile())
                .replace("message FlowKey {", "message Extra { string note = 1; }\n\nmessage FlowKey {");
        int id = client.register("evolved-value", Schema.protobuf(evolved, List.of()));
        byte[] header = WireFormat.header(id, new int[] {1});
        byte[] payload = SampleMessages.flowKey().toByteArray();
        byte[] record = new byte[header.length + payload.length];
        System.arraycopy(header, 0, record, 0, header.length);
        System.arraycopy(payload, 0, record, header.length, payload.length);

        ProtobufDeserializer<FlowKey> reader = new ProtobufDeserializer<>(FlowKey.getDefaultInstance(), configs, false);
        assertEquals(SampleMessages.flowKey(), reader.deserialize("evolved", record));

        byte[] extra = record.clone();
        extra[5] = 0; // [0] names Extra in that schema
        byte[] shortened = Arrays.copyOf(extra, extra.length - 1);
        System.arraycopy(payload, 0, shortened, 6, payload.length);
        SerializationException e = assertThrows(SerializationException.class,
                () -> reader.deserialize("evolved", shortened));
        assertTrue(e.getMessage().contains("tidewatch.v1.Extra"), e.getMessage());
    }

    @Test
    void withoutAutoRegisterAnUnknownSubjectSurfacesItsCode() {
        ProtobufSerializer<FlowRecord> strict = new ProtobufSerializer<>(with("auto.register.schemas", "false"), false);
        SerializationException e = assertThrows(SerializationException.class,
                () -> strict.serialize("flows", SampleMessages.flowRecord(0)));
        assertTrue(e.getMessage().contains("'flows'") && e.getMessage().contains("40401"), e.getMessage());

        byte[] registered = new ProtobufSerializer<FlowRecord>(configs, false).serialize("flows",
                SampleMessages.flowRecord(0));
        ProtobufSerializer<FlowRecord> strictAgain = new ProtobufSerializer<>(with("auto.register.schemas", false), false);
        assertArrayEquals(registered, strictAgain.serialize("flows", SampleMessages.flowRecord(0)));
    }

    @Test
    void useLatestVersionFramesWithTheSubjectsLatestIdAndItsIndexes() {
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryClientConfig.of(registry.url()));
        new ProtobufSerializer<FlowKey>(configs, false).serialize("keys", SampleMessages.flowKey());
        // The latest version put a message before FlowKey: there FlowKey is [1], not [0].
        String evolved = ProtobufSchemas.source(FlowKey.getDescriptor().getFile())
                .replace("message FlowKey {", "message Earlier { string note = 1; }\n\nmessage FlowKey {");
        int latestId = client.register("keys-value", Schema.protobuf(evolved, List.of()));

        ProtobufSerializer<FlowKey> latest = new ProtobufSerializer<>(with("use.latest.version", "true",
                "auto.register.schemas", "false"), false);
        byte[] bytes = latest.serialize("keys", SampleMessages.flowKey());
        assertEquals(latestId, ByteBuffer.wrap(bytes, 1, 4).getInt());
        assertEquals(0x02, bytes[5]);
        assertEquals(0x02, bytes[6]);
        assertEquals(SampleMessages.flowKey(), new ProtobufDeserializer<>(FlowKey.getDefaultInstance(), configs, false)
                .deserialize("keys", bytes));

        client.register("other-value", Schema.protobuf("syntax = \"proto3\";\npackage x;\nmessage Y { }\n", List.of()));
        SerializationException missing = assertThrows(SerializationException.class,
                () -> latest.serialize("other", SampleMessages.flowKey()));
        assertTrue(missing.getMessage().contains("'other-value'")
                && missing.getMessage().contains("tidewatch.v1.FlowKey"), missing.getMessage());
    }

    @Test
    void keysUseTheKeySubjectAndConfigDrivenConstructionWorks() {
        ProtobufSerializer<FlowKey> serializer = new ProtobufSerializer<>();
        serializer.configure(configs, true);
        byte[] bytes = serializer.serialize("flows", SampleMessages.flowKey());
        assertEquals(List.of("flows-key"),
                new SchemaRegistryClient(SchemaRegistryClientConfig.of(registry.url())).subjects());

        ProtobufDeserializer<FlowKey> deserializer = new ProtobufDeserializer<>();
        deserializer.configure(with("specific.protobuf.key.type", FlowKey.class.getName()), true);
        assertEquals(SampleMessages.flowKey(), deserializer.deserialize("flows", bytes));

        IllegalArgumentException noType = assertThrows(IllegalArgumentException.class,
                () -> new ProtobufDeserializer<FlowKey>().configure(configs, false));
        assertTrue(noType.getMessage().contains("specific.protobuf.value.type"), noType.getMessage());
        IllegalArgumentException notMessage = assertThrows(IllegalArgumentException.class,
                () -> new ProtobufDeserializer<FlowKey>().configure(with("specific.protobuf.value.type",
                        "java.lang.String"), false));
        assertTrue(notMessage.getMessage().contains("java.lang.String"), notMessage.getMessage());
        assertThrows(IllegalStateException.class,
                () -> new ProtobufSerializer<FlowKey>().serialize("flows", SampleMessages.flowKey()));
        assertNull(serializer.serialize("flows", null));
    }

    @Test
    void serdeBuiltFromConfigAloneAsStreamsDefaultSerde() {
        ProtobufSerde<FlowRecord> serde = new ProtobufSerde<>();
        serde.configure(with("specific.protobuf.value.type", FlowRecord.class.getName()), false);
        byte[] bytes = serde.serializer().serialize("flows", SampleMessages.flowRecord(2));
        assertEquals(SampleMessages.flowRecord(2), serde.deserializer().deserialize("flows", bytes));
    }

    @Test
    void badCredentialsSurfaceAndGoodOnesWork() {
        try (EmbeddedSchemaRegistry secured = new EmbeddedSchemaRegistry(0, "alice:s3cret").start()) {
            Map<String, Object> anonymous = Map.of("schema.registry.url", secured.url());
            SerializationException e = assertThrows(SerializationException.class,
                    () -> new ProtobufSerializer<FlowKey>(anonymous, false).serialize("keys", SampleMessages.flowKey()));
            assertTrue(e.getMessage().contains("401") && e.getMessage().contains("keys-value"), e.getMessage());

            Map<String, Object> alice = Map.of("schema.registry.url", secured.url(),
                    "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "alice:s3cret");
            ProtobufSerde<FlowKey> serde = new ProtobufSerde<>(FlowKey.getDefaultInstance(), alice, false);
            byte[] bytes = serde.serializer().serialize("keys", SampleMessages.flowKey());
            assertEquals(SampleMessages.flowKey(),
                    new ProtobufDeserializer<>(FlowKey.getDefaultInstance(), alice, false).deserialize("keys", bytes));
            SerializationException readerRefused = assertThrows(SerializationException.class,
                    () -> new ProtobufDeserializer<>(FlowKey.getDefaultInstance(), anonymous, false)
                            .deserialize("keys", bytes));
            assertTrue(readerRefused.getMessage().contains("401"), readerRefused.getMessage());
        }
    }

    @Test
    void unreachableRegistryNamesTheUrl() {
        String url = registry.url();
        registry.close();
        SerializationException e = assertThrows(SerializationException.class,
                () -> new ProtobufSerializer<FlowKey>(Map.of("schema.registry.url", url), false)
                        .serialize("keys", SampleMessages.flowKey()));
        assertTrue(e.getMessage().contains(url), e.getMessage());
        registry = new EmbeddedSchemaRegistry().start();
    }
}
