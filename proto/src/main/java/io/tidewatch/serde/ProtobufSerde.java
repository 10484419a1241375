package io.tidewatch.serde;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.tidewatch.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The schema-registry Protobuf serializer and deserializer of one message type, as a Kafka Streams serde.
 *
 * @param <T> the message type
 */
public class ProtobufSerde<T extends Message> implements Serde<T> {

    private final ProtobufSerializer<T> serializer;
    private final ProtobufDeserializer<T> deserializer;

    /** A serde of {@code defaultInstance}'s type; {@link #configure} must follow. */
    public ProtobufSerde(T defaultInstance) {
        this.serializer = new ProtobufSerializer<>();
        this.deserializer = new ProtobufDeserializer<>(defaultInstance);
    }

    /** A serde of {@code defaultInstance}'s type, configured from Confluent-style keys. */
    public ProtobufSerde(T defaultInstance, Map<String, ?> configs, boolean isKey) {
        this(defaultInstance);
        configure(configs, isKey);
    }

    /** A serde of the type {@code parser} reads, configured from Confluent-style keys. */
    public ProtobufSerde(Parser<T> parser, Map<String, ?> configs, boolean isKey) {
        this(ProtobufDeserializer.defaultInstanceOf(parser), configs, isKey);
    }

    /** A serde sharing {@code client} (and its caches) with other serdes. */
    public ProtobufSerde(T defaultInstance, SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this.serializer = new ProtobufSerializer<>(client, configs, isKey);
        this.deserializer = new ProtobufDeserializer<>(defaultInstance, client);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // One client for both directions: what the serializer registers, the deserializer need not fetch.
        SchemaRegistryClient client = SchemaRegistryClient.fromConfigs(configs);
        serializer.configure(client, configs, isKey);
        deserializer.configure(client, configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
