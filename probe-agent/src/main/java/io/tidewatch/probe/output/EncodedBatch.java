package io.tidewatch.probe.output;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.PacketDynamicsBatch;

/**
 * One finished batch as the bytes that go on the wire: the Protobuf encoding of its {@link FlowKey} (the Kafka key,
 * shared by every batch of the flow) and of the whole {@link PacketDynamicsBatch} (the value), both without the
 * schema-registry framing, plus how many packets the batch carries. The edge table writes these bytes directly
 * from its primitive columns, so no message object is built per batch; the arrays are owned by the receiver and
 * must not be changed.
 */
public final class EncodedBatch {

    private final byte[] key;
    private final byte[] value;
    private final int packets;

    /**
     * @param key     the encoded FlowKey (not null)
     * @param value   the encoded PacketDynamicsBatch (not null)
     * @param packets the number of packets in the batch (0 or more)
     */
    public EncodedBatch(byte[] key, byte[] value, int packets) {
        if (key == null || value == null || packets < 0) {
            throw new IllegalArgumentException("encoded batch: key and value bytes and packets >= 0 are required, got "
                    + (key == null ? "no key" : value == null ? "no value" : "packets " + packets));
        }
        this.key = key;
        this.value = value;
        this.packets = packets;
    }

    /** The encoding of a built message, for callers that have one (tests, tools). */
    public static EncodedBatch of(PacketDynamicsBatch batch) {
        if (batch == null) {
            throw new IllegalArgumentException("encoded batch: cannot encode a null batch");
        }
        return new EncodedBatch(batch.getFlow().toByteArray(), batch.toByteArray(), batch.getIpLengthCount());
    }

    /** The encoded FlowKey. */
    public byte[] key() {
        return key;
    }

    /** The encoded PacketDynamicsBatch. */
    public byte[] value() {
        return value;
    }

    public int packets() {
        return packets;
    }

    /** Parses the value back into a message (for tests and tools; the probe itself never needs it). */
    public PacketDynamicsBatch decode() {
        try {
            return PacketDynamicsBatch.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("encoded batch of " + value.length + " bytes does not parse: "
                    + e.getMessage(), e);
        }
    }
}
