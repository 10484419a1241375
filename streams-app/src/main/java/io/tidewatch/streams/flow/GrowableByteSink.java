package io.tidewatch.streams.flow;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * An unsynchronized ByteArrayOutputStream for state encoding: DataOutputStream writes an int as four single-byte
 * writes, and on the per-batch hot path the locking of ByteArrayOutputStream costs more than the copying.
 */
final class GrowableByteSink extends OutputStream {

    private byte[] buf;
    private int size;

    GrowableByteSink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    @Override
    public void write(int b) {
        if (size == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (size + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
        }
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
