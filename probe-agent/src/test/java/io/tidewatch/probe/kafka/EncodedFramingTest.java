package io.tidewatch.probe.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.tidewatch.localstack.registry.EmbeddedSchemaRegistry;
import io.tidewatch.proto.v1.Direction;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.serde.ProtobufDeserializer;
import io.tidewatch.serde.ProtobufSerializer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Kafka sink frames pre-encoded batches with {@code ProtobufSerializer.serializeEncoded}: against a real
 * (embedded) schema registry, the framed bytes must equal what {@code serialize} gives for the message itself, for
 * the key and the value subjects alike, and read back with the deserializer.
 */
class EncodedFramingTest {

    @Test
    void preEncodedBytesAreFramedExactlyAsTheSerializerFramesTheMessage() {
        FlowKey key = FlowKey.newBuilder().setObservationDomain(9).setIpVersion(4)
                .setAIp(ByteString.copyFrom(new byte[] {10, 0, 0, 1})).setAPort(40000)
                .setBIp(ByteString.copyFrom(new byte[] {10, 0, 0, 2})).setBPort(443).setIpProtocol(6)
                .setCommunityId("1:abc=").build();
        PacketDynamicsBatch batch = PacketDynamicsBatch.newBuilder().setFlow(key).setProbeId("p").setBatchSeq(3)
                .setBaseTimestampNs(1_700_000_000_000_000_000L).addTsDeltaUs(0).addTsDeltaUs(250)
                .addDirection(Direction.DIRECTION_A_TO_B).addDirection(Direction.DIRECTION_B_TO_A)
                .addIpLength(60).addIpLength(1500).addTcpFlags(2).addTcpFlags(0x12)
                .setFlowEnd(FlowEndReason.FLOW_END_REASON_TCP_FIN).build();
        try (EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry().start()) {
            Map<String, Object> configs = Map.of("schema.registry.url", registry.url());
            ProtobufSerializer<FlowKey> keys = new ProtobufSerializer<>(configs, true);
            ProtobufSerializer<PacketDynamicsBatch> values = new ProtobufSerializer<>(configs, false);
            byte[] framedKey = keys.serializeEncoded("t", FlowKey.getDescriptor(), key.toByteArray());
            byte[] framedValue = values.serializeEncoded("t", PacketDynamicsBatch.getDescriptor(),
                    batch.toByteArray());
            assertArrayEquals(keys.serialize("t", key), framedKey);
            assertArrayEquals(values.serialize("t", batch), framedValue);
            assertEquals(batch, new ProtobufDeserializer<>(PacketDynamicsBatch.getDefaultInstance(), configs, false)
                    .deserialize("t", framedValue));
            assertEquals(key, new ProtobufDeserializer<>(FlowKey.getDefaultInstance(), configs, true)
                    .deserialize("t", framedKey));

            IllegalArgumentException noBytes = assertThrows(IllegalArgumentException.class,
                    () -> values.serializeEncoded("t", PacketDynamicsBatch.getDescriptor(), null));
            assertTrue(noBytes.getMessage().contains("tidewatch.v1.PacketDynamicsBatch"), noBytes.getMessage());
            assertThrows(IllegalArgumentException.class, () -> values.serializeEncoded("t", null, new byte[0]));
        }
    }
}
