package io.tidewatch.serde;

import java.util.Arrays;

/**
 * Confluent's Protobuf wire format: magic byte 0, the schema id as a 4-byte big-endian int, the message-index
 * array, then the Protobuf bytes of the message.
 *
 * <p>The message-index array is a zig-zag varint count followed by one zig-zag varint per index. The path
 * {@code [0]} (the first message of the file, by far the most common) is written as the single byte {@code 0x00}
 * (count 0) instead of {@code 02 00}; readers accept both.
 */
public final class WireFormat {

    /** The first byte of every framed record. */
    public static final byte MAGIC_BYTE = 0;

    /** Magic byte plus the 4-byte schema id. */
    public static final int ID_PREFIX_LENGTH = 5;

    private static final int[] FIRST_MESSAGE = {0};

    private WireFormat() {
    }

    /**
     * The bytes that precede the Protobuf payload: magic byte, schema id, message indexes.
     *
     * @param schemaId       id the registry gave the schema (non-negative)
     * @param messageIndexes path of the message type in its .proto file (at least one element, none negative)
     */
    public static byte[] header(int schemaId, int[] messageIndexes) {
        if (schemaId < 0) {
            throw new IllegalArgumentException("schema id " + schemaId + " is negative; expected an id >= 0");
        }
        byte[] indexes = encodeMessageIndexes(messageIndexes);
        byte[] header = new byte[ID_PREFIX_LENGTH + indexes.length];
        header[0] = MAGIC_BYTE;
        header[1] = (byte) (schemaId >>> 24);
        header[2] = (byte) (schemaId >>> 16);
        header[3] = (byte) (schemaId >>> 8);
        header[4] = (byte) schemaId;
        System.arraycopy(indexes, 0, header, ID_PREFIX_LENGTH, indexes.length);
        return header;
    }

    /** Encodes a message-index path; {@code [0]} becomes the single byte {@code 0x00}. */
    public static byte[] encodeMessageIndexes(int[] messageIndexes) {
        if (messageIndexes == null || messageIndexes.length == 0) {
            throw new IllegalArgumentException("message indexes " + Arrays.toString(messageIndexes)
                    + " are empty; expected the path of a message type, e.g. [0]");
        }
        for (int index : messageIndexes) {
            if (index < 0) {
                throw new IllegalArgumentException("message indexes " + Arrays.toString(messageIndexes)
                        + " hold a negative index; expected indexes >= 0");
            }
        }
        if (Arrays.equals(messageIndexes, FIRST_MESSAGE)) {
            return new byte[] {0};
        }
        byte[] buffer = new byte[5 * (messageIndexes.length + 1)];
        int position = writeZigZagVarint(buffer, 0, messageIndexes.length);
        for (int index : messageIndexes) {
            position = writeZigZagVarint(buffer, position, index);
        }
        return Arrays.copyOf(buffer, position);
    }

    /**
     * Reads the header of a framed record.
     *
     * @throws IllegalArgumentException naming what is wrong (short record, magic byte, malformed indexes)
     */
    public static FrameHeader readHeader(byte[] data) {
        if (data == null || data.length < ID_PREFIX_LENGTH + 1) {
            throw new IllegalArgumentException("record of " + (data == null ? "null" : data.length + " bytes")
                    + " is too short; expected at least " + (ID_PREFIX_LENGTH + 1)
                    + " bytes (magic byte, 4-byte schema id, message indexes)");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new IllegalArgumentException(String.format(
                    "unknown magic byte 0x%02x; expected 0x%02x (Confluent schema-registry framing)",
                    data[0] & 0xff, MAGIC_BYTE));
        }
        int schemaId = ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8)
                | (data[4] & 0xff);
        int[] position = {ID_PREFIX_LENGTH};
        int count = readZigZagVarint(data, position);
        if (count == 0) {
            return new FrameHeader(schemaId, FIRST_MESSAGE.clone(), position[0]);
        }
        if (count < 0 || count > data.length - position[0]) {
            throw new IllegalArgumentException("message-index count " + count + " is impossible for a record of "
                    + data.length + " bytes; expected 0.." + (data.length - position[0]));
        }
        int[] indexes = new int[count];
        for (int i = 0; i < count; i++) {
            indexes[i] = readZigZagVarint(data, position);
            if (indexes[i] < 0) {
                throw new IllegalArgumentException("message index " + indexes[i] + " at position " + i
                        + " is negative; expected an index >= 0");
            }
        }
        return new FrameHeader(schemaId, indexes, position[0]);
    }

    private static int writeZigZagVarint(byte[] buffer, int position, int value) {
        int zigZag = (value << 1) ^ (value >> 31);
        while ((zigZag & ~0x7f) != 0) {
            buffer[position++] = (byte) ((zigZag & 0x7f) | 0x80);
            zigZag >>>= 7;
        }
        buffer[position++] = (byte) zigZag;
        return position;
    }

    private static int readZigZagVarint(byte[] data, int[] position) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (position[0] >= data.length) {
                throw new IllegalArgumentException("message-index varint runs past the end of the "
                        + data.length + "-byte record; expected a complete varint");
            }
            byte b = data[position[0]++];
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (value >>> 1) ^ -(value & 1);
            }
        }
        throw new IllegalArgumentException("message-index varint is longer than 5 bytes; expected a 32-bit varint");
    }

    /**
     * What precedes the payload of a framed record.
     *
     * @param schemaId       the registry id of the writer's schema
     * @param messageIndexes path of the message type in that schema
     * @param payloadOffset  where the Protobuf bytes start
     */
    public record FrameHeader(int schemaId, int[] messageIndexes, int payloadOffset) {
    }
}
