package io.tidewatch.streams.topology;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain Protobuf bytes for the app's internal (repartition) topics: only this application writes and reads them,
 * with the same generated classes, so a registry round trip and schema subjects for them would be pure overhead.
 */
public final class InternalProtobufSerde<T extends Message> implements Serde<T> {

    private final Parser<T> parser;

    public InternalProtobufSerde(Parser<T> parser) {
        this.parser = parser;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : value.toByteArray();
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return parser.parseFrom(data);
            } catch (InvalidProtocolBufferException e) {
                throw new SerializationException("internal topic " + topic + ": unreadable record of " + data.length
                        + " bytes", e);
            }
        };
    }
}
