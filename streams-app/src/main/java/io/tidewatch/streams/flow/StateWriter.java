package io.tidewatch.streams.flow;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * A {@link DataOutput} into a growable byte array, writing exactly the bytes {@link DataOutputStream} writes (so the
 * state layout is unchanged) straight into the array: flow state is encoded on every batch, and
 * DataOutputStream's byte-at-a-time writes through an OutputStream were a visible share of the assembler's time.
 * Values are stored with plain shifts rather than a byte-array view {@code VarHandle}: the replay runs C1-only
 * compiled code, which calls through the VarHandle's guard, index check and byte swap on every value, and that was
 * the assembler's largest single cost there; shifts cost the same under C2, which merges them into one store.
 * One writer is reused per task; {@link #toByteArray()} copies out the encoded state.
 */
final class StateWriter implements DataOutput {

    private byte[] buf;
    private int size;

    StateWriter(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    @Override
    public void writeBoolean(boolean v) {
        write(v ? 1 : 0);
    }

    @Override
    public void writeByte(int v) {
        write(v);
    }

    @Override
    public void writeShort(int v) {
        ensure(2);
        byte[] b = buf;
        int i = size;
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
        size = i + 2;
    }

    @Override
    public void writeChar(int v) {
        writeShort(v);
    }

    @Override
    public void writeInt(int v) {
        ensure(4);
        byte[] b = buf;
        int i = size;
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
        size = i + 4;
    }

    @Override
    public void writeLong(long v) {
        ensure(8);
        byte[] b = buf;
        int i = size;
        int hi = (int) (v >>> 32);
        int lo = (int) v;
        b[i] = (byte) (hi >>> 24);
        b[i + 1] = (byte) (hi >>> 16);
        b[i + 2] = (byte) (hi >>> 8);
        b[i + 3] = (byte) hi;
        b[i + 4] = (byte) (lo >>> 24);
        b[i + 5] = (byte) (lo >>> 16);
        b[i + 6] = (byte) (lo >>> 8);
        b[i + 7] = (byte) lo;
        size = i + 8;
    }

    @Override
    public void writeFloat(float v) {
        writeInt(Float.floatToIntBits(v));
    }

    @Override
    public void writeDouble(double v) {
        writeLong(Double.doubleToLongBits(v));
    }

    @Override
    public void writeBytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            write(s.charAt(i));
        }
    }

    @Override
    public void writeChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            writeChar(s.charAt(i));
        }
    }

    /** Modified UTF-8 as DataOutputStream writes it; plain ASCII (probe ids) without a detour. */
    @Override
    public void writeUTF(String s) throws IOException {
        int n = s.length();
        boolean ascii = n <= 0xFFFF;
        for (int i = 0; i < n && ascii; i++) {
            char c = s.charAt(i);
            ascii = c >= 1 && c < 0x80;
        }
        if (ascii) {
            writeShort(n);
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[size++] = (byte) s.charAt(i);
            }
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(n + 8);
        new DataOutputStream(bytes).writeUTF(s);
        write(bytes.toByteArray());
    }
}
