package io.tidewatch.streams.flow;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * A {@link DataInput} over a byte array, reading what {@link StateWriter} (or DataOutputStream) wrote, one array
 * access per value rather than a byte at a time through an InputStream, with plain shifts rather than a
 * {@code VarHandle} (see {@link StateWriter} for both whys).
 */
final class StateReader implements DataInput {

    private final byte[] buf;
    private int pos;

    StateReader(byte[] buf) {
        this.buf = buf;
    }

    private int take(int n) throws EOFException {
        if (pos + n > buf.length) {
            throw new EOFException("state ends at byte " + buf.length + ": expected " + n + " more at " + pos);
        }
        int at = pos;
        pos += n;
        return at;
    }

    @Override
    public void readFully(byte[] b) throws IOException {
        readFully(b, 0, b.length);
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
        System.arraycopy(buf, take(len), b, off, len);
    }

    @Override
    public int skipBytes(int n) {
        int k = Math.max(0, Math.min(n, buf.length - pos));
        pos += k;
        return k;
    }

    @Override
    public boolean readBoolean() throws IOException {
        return buf[take(1)] != 0;
    }

    @Override
    public byte readByte() throws IOException {
        return buf[take(1)];
    }

    @Override
    public int readUnsignedByte() throws IOException {
        return buf[take(1)] & 0xFF;
    }

    @Override
    public short readShort() throws IOException {
        int i = take(2);
        return (short) ((buf[i] << 8) | (buf[i + 1] & 0xFF));
    }

    @Override
    public int readUnsignedShort() throws IOException {
        return readShort() & 0xFFFF;
    }

    @Override
    public char readChar() throws IOException {
        return (char) readShort();
    }

    @Override
    public int readInt() throws IOException {
        return intAt(take(4));
    }

    @Override
    public long readLong() throws IOException {
        int i = take(8);
        return ((long) intAt(i) << 32) | (intAt(i + 4) & 0xFFFFFFFFL);
    }

    private int intAt(int i) {
        byte[] b = buf;
        return (b[i] << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLong());
    }

    @Override
    public String readLine() {
        throw new UnsupportedOperationException("flow state holds no text lines");
    }

    @Override
    public String readUTF() throws IOException {
        return DataInputStream.readUTF(this);
    }
}
