package io.tidewatch.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WireFormatTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void messageIndexesEncodeAsConfluentDoes() {
        assertArrayEquals(bytes(0x00), WireFormat.encodeMessageIndexes(new int[] {0}));
        assertArrayEquals(bytes(0x02, 0x02), WireFormat.encodeMessageIndexes(new int[] {1}));
        assertArrayEquals(bytes(0x04, 0x00, 0x00), WireFormat.encodeMessageIndexes(new int[] {0, 0}));
        assertArrayEquals(bytes(0x06, 0x02, 0x04, 0x06), WireFormat.encodeMessageIndexes(new int[] {1, 2, 3}));
        // 64 zig-zags to 128: a two-byte varint.
        assertArrayEquals(bytes(0x02, 0x80, 0x01), WireFormat.encodeMessageIndexes(new int[] {64}));
    }

    @Test
    void headerIsMagicBigEndianIdThenIndexes() {
        assertArrayEquals(bytes(0x00, 0x00, 0x00, 0x01, 0x2c, 0x02, 0x02),
                WireFormat.header(300, new int[] {1}));
        assertArrayEquals(bytes(0x00, 0x7f, 0xff, 0xff, 0xff, 0x00),
                WireFormat.header(Integer.MAX_VALUE, new int[] {0}));
    }

    @Test
    void readsShortAndLongFormsOfFirstMessage() {
        WireFormat.FrameHeader shortForm = WireFormat.readHeader(bytes(0, 0, 0, 0, 7, 0x00, 0x08, 0x01));
        assertEquals(7, shortForm.schemaId());
        assertArrayEquals(new int[] {0}, shortForm.messageIndexes());
        assertEquals(6, shortForm.payloadOffset());

        WireFormat.FrameHeader longForm = WireFormat.readHeader(bytes(0, 0, 0, 0, 7, 0x02, 0x00, 0x08, 0x01));
        assertArrayEquals(new int[] {0}, longForm.messageIndexes());
        assertEquals(7, longForm.payloadOffset());
    }

    @Test
    void readsWhatItWrites() {
        int[][] paths = {{0}, {1}, {0, 0}, {3, 1, 4}, {200}, {0, 70000}};
        for (int[] path : paths) {
            byte[] header = WireFormat.header(123456, path);
            byte[] record = new byte[header.length + 2];
            System.arraycopy(header, 0, record, 0, header.length);
            record[header.length] = 0x08;
            record[header.length + 1] = 0x01;
            WireFormat.FrameHeader read = WireFormat.readHeader(record);
            assertEquals(123456, read.schemaId());
            assertArrayEquals(path, read.messageIndexes());
            assertEquals(header.length, read.payloadOffset());
        }
    }

    @Test
    void wrongMagicByteNamesTheByteAndTheExpectation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WireFormat.readHeader(bytes(0x7b, 0x22, 0x61, 0x22, 0x3a, 0x31)));
        assertTrue(e.getMessage().contains("0x7b"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 0x00"), e.getMessage());
    }

    @Test
    void truncatedAndMalformedHeadersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> WireFormat.readHeader(bytes(0, 0, 0, 1)));
        assertThrows(IllegalArgumentException.class, () -> WireFormat.readHeader(null));
        // count 3 but only one index byte follows
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> WireFormat.readHeader(bytes(0, 0, 0, 0, 1, 0x06, 0x02)));
        assertTrue(count.getMessage().contains("3"), count.getMessage());
        // negative count (zig-zag 0x01 = -1)
        assertThrows(IllegalArgumentException.class, () -> WireFormat.readHeader(bytes(0, 0, 0, 0, 1, 0x01, 0x00)));
        // unterminated varint
        assertThrows(IllegalArgumentException.class, () -> WireFormat.readHeader(bytes(0, 0, 0, 0, 1, 0x80)));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> WireFormat.header(-1, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> WireFormat.encodeMessageIndexes(new int[0]));
        assertThrows(IllegalArgumentException.class, () -> WireFormat.encodeMessageIndexes(new int[] {0, -2}));
    }
}
