package io.tidewatch.streams.flow;

import java.io.InputStream;

/** An unsynchronized ByteArrayInputStream for state decoding (see {@link GrowableByteSink} for why). */
final class ByteArraySource extends InputStream {

    private final byte[] buf;
    private int pos;

    ByteArraySource(byte[] buf) {
        this.buf = buf;
    }

    @Override
    public int read() {
        return pos < buf.length ? buf[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= buf.length) {
            return len == 0 ? 0 : -1;
        }
        int n = Math.min(len, buf.length - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }
}
