package io.tidewatch.serde;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import io.tidewatch.registry.Schema;
import io.tidewatch.registry.SchemaRegistryClient;
import io.tidewatch.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes Protobuf messages in Confluent's schema-registry framing, wire-compatible with Confluent's
 * {@code KafkaProtobufSerializer}: the subject is {@code <topic>-value} (or {@code -key}), the schema is the
 * message's .proto source with its imports as references.
 *
 * <p>The registry is asked once per (topic, message type); after that a record costs one byte array (header
 * plus payload) and no registry call.
 *
 * @param <T> the message type
 */
public class ProtobufSerializer<T extends Message> implements Serializer<T> {

    private SchemaRegistryClient client;
    private ProtobufSerdeConfig config;
    private boolean isKey;
    /** Framing header per message type, then per topic; Descriptor hashes by identity, so no key object is built. */
    private final Map<Descriptor, Map<String, byte[]>> headers = new ConcurrentHashMap<>();

    /** For Kafka's config-driven construction: {@link #configure} must follow. */
    public ProtobufSerializer() {
    }

    /** A serializer configured from Confluent-style keys ({@code schema.registry.url}, ...). */
    public ProtobufSerializer(Map<String, ?> configs, boolean isKey) {
        configure(configs, isKey);
    }

    /** A serializer sharing {@code client} (and its caches) with other serdes. */
    public ProtobufSerializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            throw new IllegalArgumentException("schema registry client is null; expected a client");
        }
        this.client = client;
        this.config = ProtobufSerdeConfig.fromConfigs(configs, isKey);
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        configure(SchemaRegistryClient.fromConfigs(configs), configs, isKey);
    }

    void configure(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this.config = ProtobufSerdeConfig.fromConfigs(configs, isKey);
        this.client = client;
        this.isKey = isKey;
        headers.clear();
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("ProtobufSerializer is not configured; call configure() with "
                    + "schema.registry.url first");
        }
        Descriptor type = data.getDescriptorForType();
        byte[] header = headerFor(topic, type);
        int size = data.getSerializedSize();
        byte[] record = new byte[header.length + size];
        System.arraycopy(header, 0, record, 0, header.length);
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(record, header.length, size);
            data.writeTo(out);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new SerializationException("cannot serialize " + type.getFullName() + " for topic '" + topic + "': "
                    + e.getMessage(), e);
        }
        return record;
    }

    private byte[] headerFor(String topic, Descriptor type) {
        Map<String, byte[]> byTopic = headers.get(type);
        byte[] header = byTopic == null ? null : byTopic.get(topic);
        if (header != null) {
            return header;
        }
        header = WireFormat.header(schemaId(topic, type), MessageIndexes.of(type));
        headers.computeIfAbsent(type, t -> new ConcurrentHashMap<>()).put(topic, header);
        return header;
    }

    private int schemaId(String topic, Descriptor type) {
        String subject = ProtobufSerdeConfig.subject(topic, isKey);
        try {
            if (config.useLatestVersion()) {
                return client.latestVersion(subject).id();
            }
            Schema schema = ProtobufSchemas.resolve(type.getFile(), client, config.autoRegisterSchemas());
            return config.autoRegisterSchemas() ? client.register(subject, schema) : client.lookup(subject, schema).id();
        } catch (SchemaRegistryException e) {
            throw new SerializationException("cannot get a schema id for " + type.getFullName() + " on topic '" + topic
                    + "' (subject '" + subject + "', auto.register.schemas=" + config.autoRegisterSchemas()
                    + ", use.latest.version=" + config.useLatestVersion() + "): " + e.getMessage(), e);
        }
    }

    /** The registry client this serializer uses. */
    public SchemaRegistryClient client() {
        return client;
    }

    @Override
    public void close() {
        headers.clear();
    }
}
