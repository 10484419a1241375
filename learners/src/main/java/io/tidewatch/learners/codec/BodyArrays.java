package io.tidewatch.learners.codec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Arrays inside model bodies, written the one way every codec writes them. Length-prefixed arrays carry an int
 * length ({@code -1} for an absent array) and are read back with a bound, so a corrupt length fails with a message
 * naming the model kind and the field instead of allocating gigabytes. Values whose count the body already implies
 * (a shape read earlier) are written bare and read into an array the decoder has sized.
 */
public final class BodyArrays {

    /** Longest length-prefixed array a body may hold: far above any model's, far below the heap. */
    public static final int MAX_LENGTH = 1 << 28;

    private BodyArrays() {
    }

    public static void writeDoubles(DataOutput out, double[] a) throws IOException {
        if (writeLength(out, a == null ? -1 : a.length)) {
            writeValues(out, a, a.length);
        }
    }

    /** A length-prefixed array, {@code null} where {@link #writeDoubles} wrote none. */
    public static double[] readDoubles(DataInput in, String kind, String field) throws IOException {
        int n = readLength(in, kind, field);
        if (n < 0) {
            return null;
        }
        double[] a = new double[n];
        readValues(in, a, n);
        return a;
    }

    public static void writeFloats(DataOutput out, float[] a) throws IOException {
        if (writeLength(out, a == null ? -1 : a.length)) {
            for (float v : a) {
                out.writeFloat(v);
            }
        }
    }

    public static float[] readFloats(DataInput in, String kind, String field) throws IOException {
        int n = readLength(in, kind, field);
        if (n < 0) {
            return null;
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }

    public static void writeInts(DataOutput out, int[] a) throws IOException {
        if (writeLength(out, a == null ? -1 : a.length)) {
            for (int v : a) {
                out.writeInt(v);
            }
        }
    }

    public static int[] readInts(DataInput in, String kind, String field) throws IOException {
        int n = readLength(in, kind, field);
        if (n < 0) {
            return null;
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readInt();
        }
        return a;
    }

    public static void writeLongs(DataOutput out, long[] a) throws IOException {
        if (writeLength(out, a == null ? -1 : a.length)) {
            for (long v : a) {
                out.writeLong(v);
            }
        }
    }

    public static long[] readLongs(DataInput in, String kind, String field) throws IOException {
        int n = readLength(in, kind, field);
        if (n < 0) {
            return null;
        }
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readLong();
        }
        return a;
    }

    public static void writeBytes(DataOutput out, byte[] a) throws IOException {
        if (writeLength(out, a == null ? -1 : a.length)) {
            out.write(a);
        }
    }

    public static byte[] readBytes(DataInput in, String kind, String field) throws IOException {
        int n = readLength(in, kind, field);
        if (n < 0) {
            return null;
        }
        byte[] a = new byte[n];
        in.readFully(a);
        return a;
    }

    /**
     * A length-prefixed byte string that must be there and hold 1 to {@code maxLength} bytes: a nested model frame
     * or a sketch's own serialization, written by {@link #writeBytes}.
     */
    public static byte[] readBlob(DataInput in, String kind, String field, int maxLength) throws IOException {
        int n = in.readInt();
        if (n < 1 || n > maxLength) {
            throw new IllegalArgumentException(kind + ": " + field + " of " + n + " bytes, expected 1 to "
                    + maxLength);
        }
        byte[] a = new byte[n];
        in.readFully(a);
        return a;
    }

    /** The first {@code count} values of {@code a}, bare: the decoder knows the count from the body. */
    public static void writeValues(DataOutput out, double[] a, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            out.writeDouble(a[i]);
        }
    }

    /** Every value of {@code a}, bare. */
    public static void writeValues(DataOutput out, double[] a) throws IOException {
        writeValues(out, a, a.length);
    }

    /** Reads {@code count} bare values into the start of {@code into}. */
    public static void readValues(DataInput in, double[] into, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            into[i] = in.readDouble();
        }
    }

    /** Fills {@code into} with bare values. */
    public static void readValues(DataInput in, double[] into) throws IOException {
        readValues(in, into, into.length);
    }

    /**
     * Parallel arrays of one length, bare, row by row: element 0 of each, then element 1 of each, and so on. The
     * models keep per-feature statistics in parallel arrays and have always written them this way.
     */
    public static void writeRows(DataOutput out, double[]... columns) throws IOException {
        int rows = rows(columns);
        for (int i = 0; i < rows; i++) {
            for (double[] column : columns) {
                out.writeDouble(column[i]);
            }
        }
    }

    /** Reads what {@link #writeRows} wrote into parallel arrays the decoder has sized. */
    public static void readRows(DataInput in, double[]... columns) throws IOException {
        int rows = rows(columns);
        for (int i = 0; i < rows; i++) {
            for (double[] column : columns) {
                column[i] = in.readDouble();
            }
        }
    }

    private static int rows(double[][] columns) {
        int rows = columns[0].length;
        for (double[] column : columns) {
            if (column.length != rows) {
                throw new IllegalStateException("parallel arrays of " + rows + " and " + column.length + " rows");
            }
        }
        return rows;
    }

    /** A string that may be absent: a presence flag, then modified UTF-8. */
    public static void writeString(DataOutput out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    public static String readString(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** Writes the length prefix; true when values follow. */
    private static boolean writeLength(DataOutput out, int length) throws IOException {
        out.writeInt(length);
        return length >= 0;
    }

    private static int readLength(DataInput in, String kind, String field) throws IOException {
        int n = in.readInt();
        if (n < -1 || n > MAX_LENGTH) {
            throw new IllegalArgumentException(kind + ": " + field + " length " + n + ", expected -1 (absent) to "
                    + MAX_LENGTH);
        }
        return n;
    }
}
