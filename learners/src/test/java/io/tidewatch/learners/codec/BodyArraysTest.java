package io.tidewatch.learners.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BodyArraysTest {

    private static DataInputStream written(IoWriter w) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        w.write(new DataOutputStream(bytes));
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }

    @FunctionalInterface
    private interface IoWriter {
        void write(DataOutputStream out) throws IOException;
    }

    @Test
    void absentAndPresentArraysComeBackAsWritten() throws IOException {
        DataInputStream in = written(out -> {
            BodyArrays.writeDoubles(out, null);
            BodyArrays.writeInts(out, new int[] {3, -1});
            BodyArrays.writeLongs(out, new long[0]);
            BodyArrays.writeRows(out, new double[] {1, 2}, new double[] {3, 4});
        });
        assertNull(BodyArrays.readDoubles(in, "k", "a"));
        assertArrayEquals(new int[] {3, -1}, BodyArrays.readInts(in, "k", "b"));
        assertArrayEquals(new long[0], BodyArrays.readLongs(in, "k", "c"));
        double[] x = new double[2];
        double[] y = new double[2];
        BodyArrays.readRows(in, x, y);
        assertArrayEquals(new double[] {1, 2}, x);
        assertArrayEquals(new double[] {3, 4}, y);
        assertEquals(-1, in.read(), "everything written was read");
    }

    @Test
    void rowsAreWrittenElementByElement() throws IOException {
        DataInputStream in = written(out -> BodyArrays.writeRows(out, new double[] {1, 2}, new double[] {3, 4}));
        assertArrayEquals(new double[] {1, 3, 2, 4}, new double[] {in.readDouble(), in.readDouble(),
                in.readDouble(), in.readDouble()});
    }

    @Test
    void corruptLengthsNameTheKindAndTheField() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BodyArrays.readDoubles(written(out -> out.writeInt(-2)), "loda", "origin"));
        assertEquals("loda: origin length -2, expected -1 (absent) to " + BodyArrays.MAX_LENGTH, e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BodyArrays.readBlob(written(out -> out.writeInt(0)), "pipeline-detector", "step 0", 100));
        assertEquals("pipeline-detector: step 0 of 0 bytes, expected 1 to 100", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BodyArrays.readBlob(written(out -> out.writeInt(101)), "quantile-calibrator", "sketch", 100));
        assertEquals("quantile-calibrator: sketch of 101 bytes, expected 1 to 100", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelCodec.requireVersion("loda", 2, 1));
        assertEquals("loda: codec version 2, expected 1", e.getMessage());
    }
}
