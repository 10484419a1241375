package io.tidewatch.serde;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import io.tidewatch.registry.Schema;
import io.tidewatch.registry.SchemaRegistryClient;
import io.tidewatch.registry.SchemaRegistryException;
import io.tidewatch.registry.SubjectVersion;
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

    /**
     * Frames Protobuf bytes that were encoded elsewhere (e.g. written straight from primitive columns): the same
     * header {@link #serialize} would put before a message of {@code type} on {@code topic}, then {@code payload}
     * as it is. The caller vouches that {@code payload} is a valid encoding of {@code type}; it is not parsed.
     */
    public byte[] serializeEncoded(String topic, Descriptor type, byte[] payload) {
        if (type == null || payload == null) {
            throw new IllegalArgumentException("cannot frame " + (type == null ? "bytes of no message type"
                    : "null bytes of " + type.getFullName()) + " for topic '" + topic
                    + "'; expected a message type and its encoded bytes");
        }
        if (client == null) {
            throw new IllegalStateException("ProtobufSerializer is not configured; call configure() with "
                    + "schema.registry.url first");
        }
        byte[] header = headerFor(topic, type);
        byte[] record = new byte[header.length + payload.length];
        System.arraycopy(header, 0, record, 0, header.length);
        System.arraycopy(payload, 0, record, header.length, payload.length);
        return record;
    }

    private byte[] headerFor(String topic, Descriptor type) {
        Map<String, byte[]> byTopic = headers.get(type);
        byte[] header = byTopic == null ? null : byTopic.get(topic);
        if (header != null) {
            return header;
        }
        header = resolveHeader(topic, type);
        headers.computeIfAbsent(type, t -> new ConcurrentHashMap<>()).put(topic, header);
        return header;
    }

    private byte[] resolveHeader(String topic, Descriptor type) {
        String subject = ProtobufSerdeConfig.subject(topic, isKey);
        try {
            if (config.useLatestVersion()) {
                // The indexes must name the type in the latest schema, whose layout may differ from ours.
                SubjectVersion latest = client.latestVersion(subject);
                int[] path = ProtoSourceIndex.of(latest.schema().schema()).pathOf(type.getFullName());
                if (path == null) {
                    throw new SerializationException("latest schema of subject '" + subject + "' (version "
                            + latest.version() + ", id " + latest.id() + ") declares no message "
                            + type.getFullName() + "; expected it to, since use.latest.version=true for topic '"
                            + topic + "'");
                }
                return WireFormat.header(latest.id(), path);
            }
            Schema schema = ProtobufSchemas.resolve(type.getFile(), client, config.autoRegisterSchemas());
            int id = config.autoRegisterSchemas() ? client.register(subject, schema)
                    : client.lookup(subject, schema).id();
            return WireFormat.header(id, MessageIndexes.of(type));
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
