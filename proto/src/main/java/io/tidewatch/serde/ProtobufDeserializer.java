package io.tidewatch.serde;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.tidewatch.registry.Schema;
import io.tidewatch.registry.SchemaRegistryClient;
import io.tidewatch.registry.SchemaRegistryException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads records in Confluent's schema-registry framing into a specific Protobuf message type.
 *
 * <p>A record is rejected with a {@link SerializationException} naming the topic and the problem when its magic
 * byte is not 0, its schema id is unknown to the registry, its schema is not Protobuf, or its message index names
 * another message type than the one this deserializer reads. Schema ids are checked against the registry once and
 * remembered, so a stream of records with the same id costs one registry call in all.
 *
 * @param <T> the message type
 */
public class ProtobufDeserializer<T extends Message> implements Deserializer<T> {

    private SchemaRegistryClient client;
    private Parser<T> parser;
    private Descriptor type;
    /** Schema ids already checked, with the message-index path that names {@link #type} in each. */
    private final Map<Integer, int[]> verifiedPaths = new ConcurrentHashMap<>();

    /**
     * For Kafka's config-driven construction: {@link #configure} must follow, with the message class under
     * {@code specific.protobuf.value.type} (or {@code specific.protobuf.key.type}).
     */
    public ProtobufDeserializer() {
    }

    /** A deserializer of {@code defaultInstance}'s type; {@link #configure} must follow. */
    public ProtobufDeserializer(T defaultInstance) {
        setType(defaultInstance);
    }

    /** A deserializer of {@code defaultInstance}'s type, configured from Confluent-style keys. */
    public ProtobufDeserializer(T defaultInstance, Map<String, ?> configs, boolean isKey) {
        setType(defaultInstance);
        configure(configs, isKey);
    }

    /** A deserializer of the type {@code parser} reads, configured from Confluent-style keys. */
    public ProtobufDeserializer(Parser<T> parser, Map<String, ?> configs, boolean isKey) {
        this(defaultInstanceOf(parser), configs, isKey);
    }

    /** A deserializer of {@code defaultInstance}'s type sharing {@code client} (and its caches). */
    public ProtobufDeserializer(T defaultInstance, SchemaRegistryClient client) {
        if (client == null) {
            throw new IllegalArgumentException("schema registry client is null; expected a client");
        }
        setType(defaultInstance);
        this.client = client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        configure(SchemaRegistryClient.fromConfigs(configs), configs, isKey);
    }

    void configure(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        ProtobufSerdeConfig serdeConfig = ProtobufSerdeConfig.fromConfigs(configs, isKey);
        if (type == null) {
            if (serdeConfig.specificType() == null) {
                throw new IllegalArgumentException("no message type for the Protobuf deserializer; expected "
                        + (isKey ? ProtobufSerdeConfig.SPECIFIC_KEY_TYPE : ProtobufSerdeConfig.SPECIFIC_VALUE_TYPE)
                        + " naming a generated message class");
            }
            setType(defaultInstanceOf(serdeConfig.specificType()));
        }
        this.client = client;
        verifiedPaths.clear();
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("ProtobufDeserializer is not configured; call configure() with "
                    + "schema.registry.url first");
        }
        WireFormat.FrameHeader header;
        try {
            header = WireFormat.readHeader(data);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("record on topic '" + topic + "' rejected: " + e.getMessage(), e);
        }
        int[] path = verifiedPaths.get(header.schemaId());
        if (path == null || !Arrays.equals(path, header.messageIndexes())) {
            verify(topic, header);
        }
        try {
            return parser.parseFrom(data, header.payloadOffset(), data.length - header.payloadOffset());
        } catch (InvalidProtocolBufferException e) {
            throw new SerializationException("record on topic '" + topic + "' (schema id " + header.schemaId()
                    + ") is not a valid " + type.getFullName() + ": " + e.getMessage(), e);
        }
    }

    private void verify(String topic, WireFormat.FrameHeader header) {
        int id = header.schemaId();
        Schema schema;
        try {
            schema = client.schemaById(id);
        } catch (SchemaRegistryException e) {
            String why = e.errorCode() == 40403 || e.status() == 404
                    ? "is unknown to the schema registry at " + client.config().urls()
                    : "could not be fetched";
            throw new SerializationException("record on topic '" + topic + "' names schema id " + id + ", which " + why
                    + "; expected the id of a registered " + type.getFullName() + " schema (" + e.getMessage() + ")", e);
        }
        if (!"PROTOBUF".equals(schema.schemaType())) {
            throw new SerializationException("record on topic '" + topic + "' names schema id " + id + " of type "
                    + schema.schemaType() + "; expected a PROTOBUF schema for " + type.getFullName());
        }
        String named = ProtoSourceIndex.of(schema.schema()).messageName(header.messageIndexes());
        if (!type.getFullName().equals(named)) {
            throw new SerializationException("record on topic '" + topic + "' (schema id " + id + ") has message index "
                    + Arrays.toString(header.messageIndexes()) + " naming " + (named == null ? "no message" : named)
                    + "; expected " + type.getFullName());
        }
        verifiedPaths.put(id, header.messageIndexes());
    }

    /** The message type this deserializer reads. */
    public Descriptor type() {
        return type;
    }

    @Override
    public void close() {
        verifiedPaths.clear();
    }

    @SuppressWarnings("unchecked")
    private void setType(T defaultInstance) {
        if (defaultInstance == null) {
            throw new IllegalArgumentException("message default instance is null; expected e.g. "
                    + "FlowRecord.getDefaultInstance()");
        }
        this.parser = (Parser<T>) defaultInstance.getParserForType();
        this.type = defaultInstance.getDescriptorForType();
    }

    static <T extends Message> T defaultInstanceOf(Parser<T> parser) {
        if (parser == null) {
            throw new IllegalArgumentException("message parser is null; expected e.g. FlowRecord.parser()");
        }
        try {
            // Every field of a Protobuf message is optional on the wire: no bytes parse to the default instance.
            return parser.parseFrom(new byte[0]);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("parser " + parser + " cannot parse an empty message (required "
                    + "fields?); expected a proto3 message parser or pass the default instance", e);
        }
    }

    @SuppressWarnings("unchecked")
    private T defaultInstanceOf(String className) {
        try {
            Class<?> messageClass = Class.forName(className, true, Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : ProtobufDeserializer.class.getClassLoader());
            if (!Message.class.isAssignableFrom(messageClass)) {
                throw new IllegalArgumentException("class '" + className + "' is not a Protobuf message; expected a "
                        + "generated message class such as io.tidewatch.proto.v1.FlowRecord");
            }
            Method method = messageClass.getMethod("getDefaultInstance");
            return (T) method.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("message class '" + className + "' cannot be loaded; expected a "
                    + "generated message class such as io.tidewatch.proto.v1.FlowRecord", e);
        }
    }
}
