package io.tidewatch.learners.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Length-prefixed arrays in the detectors' codec bodies, with a sanity bound so a corrupt length fails cleanly. */
final class StateArrays {

    private static final int MAX_LENGTH = 1 << 28;

    private StateArrays() {
    }

    static void writeDoubles(DataOutput out, double[] a) throws IOException {
        if (a == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(a.length);
        for (double v : a) {
            out.writeDouble(v);
        }
    }

    static double[] readDoubles(DataInput in) throws IOException {
        int n = length(in);
        if (n < 0) {
            return null;
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readDouble();
        }
        return a;
    }

    static void writeFloats(DataOutput out, float[] a) throws IOException {
        if (a == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(a.length);
        for (float v : a) {
            out.writeFloat(v);
        }
    }

    static float[] readFloats(DataInput in) throws IOException {
        int n = length(in);
        if (n < 0) {
            return null;
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }

    static void writeInts(DataOutput out, int[] a) throws IOException {
        if (a == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    static int[] readInts(DataInput in) throws IOException {
        int n = length(in);
        if (n < 0) {
            return null;
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readInt();
        }
        return a;
    }

    static void writeLongs(DataOutput out, long[] a) throws IOException {
        if (a == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(a.length);
        for (long v : a) {
            out.writeLong(v);
        }
    }

    static long[] readLongs(DataInput in) throws IOException {
        int n = length(in);
        if (n < 0) {
            return null;
        }
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readLong();
        }
        return a;
    }

    static void writeBytes(DataOutput out, byte[] a) throws IOException {
        if (a == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(a.length);
        out.write(a);
    }

    static byte[] readBytes(DataInput in) throws IOException {
        int n = length(in);
        if (n < 0) {
            return null;
        }
        byte[] a = new byte[n];
        in.readFully(a);
        return a;
    }

    static void writeString(DataOutput out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    static String readString(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static int length(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < -1 || n > MAX_LENGTH) {
            throw new IllegalArgumentException("model body: array length " + n + " is corrupt");
        }
        return n;
    }

    static long bytes(double[] a) {
        return a == null ? 0 : 16L + 8L * a.length;
    }

    static long bytes(int[] a) {
        return a == null ? 0 : 16L + 4L * a.length;
    }

    static void requireVector(String who, double[] x, int numFeatures) {
        if (x == null) {
            throw new IllegalArgumentException(who + ": expected a vector of " + numFeatures + " features, got null");
        }
        if (x.length != numFeatures) {
            throw new IllegalArgumentException(who + ": expected a vector of " + numFeatures + " features, got "
                    + x.length);
        }
    }

    static void requireVersion(String who, int version, int expected) {
        if (version != expected) {
            throw new IllegalArgumentException(who + ": codec version " + version + ", expected " + expected);
        }
    }

    static int requirePositive(String who, String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(who + ": " + name + "=" + value + ", expected > 0");
        }
        return value;
    }
}
