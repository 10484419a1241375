package io.tidewatch.streams.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The state layout is DataOutputStream's: stored states and changelogs written before stay readable. */
class StateCodecTest {

    private static final long[] LONGS = {0, 1, -1, 255, 256, Long.MIN_VALUE, Long.MAX_VALUE, 0x0102030405060708L,
        0x8081828384858687L, Integer.MIN_VALUE, 1_767_604_199_999_750_000L};
    private static final int[] INTS = {0, 1, -1, 127, 128, 255, 256, 65_535, 65_536, Integer.MIN_VALUE,
        Integer.MAX_VALUE, 0x80FF7F01};

    @Test
    void writesTheBytesDataOutputStreamWritesAndReadsThemBack() throws IOException {
        Random random = new Random(7);
        ByteArrayOutputStream expectedBytes = new ByteArrayOutputStream();
        DataOutputStream expected = new DataOutputStream(expectedBytes);
        StateWriter actual = new StateWriter(1);
        for (int round = 0; round < 200; round++) {
            long l = round < LONGS.length ? LONGS[round] : random.nextLong();
            int i = round < INTS.length ? INTS[round] : random.nextInt();
            double d = round == 0 ? Double.NaN : random.nextGaussian() * 1e6;
            for (DataOutput out : new DataOutput[] {expected, actual}) {
                out.writeLong(l);
                out.writeInt(i);
                out.writeShort(i);
                out.writeByte(i);
                out.writeDouble(d);
                out.writeFloat((float) d);
                out.writeBoolean((i & 1) == 0);
                out.writeUTF(round % 2 == 0 ? "probe-" + round : "pr\u00f6be-\u20ac" + round);
            }
        }
        assertArrayEquals(expectedBytes.toByteArray(), actual.toByteArray());

        byte[] bytes = actual.toByteArray();
        DataInputStream reference = new DataInputStream(new ByteArrayInputStream(bytes));
        StateReader reader = new StateReader(bytes);
        for (int round = 0; round < 200; round++) {
            assertEquals(reference.readLong(), reader.readLong());
            assertEquals(reference.readInt(), reader.readInt());
            assertEquals(reference.readUnsignedShort(), reader.readUnsignedShort());
            assertEquals(reference.readByte(), reader.readByte());
            assertEquals(Double.doubleToRawLongBits(reference.readDouble()), Double.doubleToRawLongBits(reader.readDouble()));
            assertEquals(Float.floatToRawIntBits(reference.readFloat()), Float.floatToRawIntBits(reader.readFloat()));
            assertEquals(reference.readBoolean(), reader.readBoolean());
            assertEquals(reference.readUTF(), reader.readUTF());
        }
        assertThrows(EOFException.class, reader::readByte, "past the end of the state");
    }

    @Test
    void signedShortsComeBackSigned() throws IOException {
        StateWriter w = new StateWriter(0);
        w.writeShort(-2);
        w.writeShort(0x7FFF);
        StateReader r = new StateReader(w.toByteArray());
        assertEquals(-2, r.readShort());
        assertEquals(0x7FFF, r.readShort());
    }
}
