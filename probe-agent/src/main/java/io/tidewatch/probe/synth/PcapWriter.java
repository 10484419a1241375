package io.tidewatch.probe.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes a classic libpcap file (little-endian, version 2.4) with microsecond or nanosecond timestamps. Frames
 * are copied into one large buffer that is flushed when full, so millions of small records cost one system call
 * per megabyte rather than one per packet.
 *
 * <p>A record may be written with only its first bytes present and the rest implied zero ({@link
 * #writeZeroPadded}): the synthesizer's payloads are zeros, so it never materialises them in its own buffers.
 */
public final class PcapWriter implements AutoCloseable {

    /** Ethernet II, the only link type the synthesizer produces. */
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int MAX_SNAPLEN = 262_144;

    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int BUFFER_SIZE = 1 << 20;

    private final OutputStream out;
    private final boolean nanos;
    private final int snaplen;
    private final byte[] buf = new byte[BUFFER_SIZE];
    private int pos;
    private long records;
    private long bytesWritten;
    private boolean closed;

    /**
     * @param file    the capture to create (replaced if present)
     * @param nanos   nanosecond timestamps (magic a1b23c4d) instead of microseconds
     * @param snaplen bytes kept of each frame, 1..262144; longer frames are cut and keep their original length
     */
    public PcapWriter(Path file, boolean nanos, int snaplen) throws IOException {
        this(Files.newOutputStream(requireFile(file)), nanos, snaplen);
    }

    /** As {@link #PcapWriter(Path, boolean, int)} onto any stream, which this writer then owns and closes. */
    public PcapWriter(OutputStream out, boolean nanos, int snaplen) throws IOException {
        if (out == null) {
            throw new IllegalArgumentException("pcap writer: an output stream is required, got null");
        }
        if (snaplen < 1 || snaplen > MAX_SNAPLEN) {
            throw new IllegalArgumentException("pcap snaplen " + snaplen + ": expected 1.." + MAX_SNAPLEN);
        }
        this.out = out;
        this.nanos = nanos;
        this.snaplen = snaplen;
        putInt(nanos ? MAGIC_NANOS : MAGIC_MICROS);
        putShort(2);
        putShort(4);
        putInt(0); // thiszone: timestamps are UTC
        putInt(0); // sigfigs
        putInt(snaplen);
        putInt(LINKTYPE_ETHERNET);
    }

    private static Path requireFile(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("pcap writer: an output file is required, got null");
        }
        return file;
    }

    /** Writes one frame whose bytes are all in {@code frame[0..length)}. */
    public void write(long epochNanos, byte[] frame, int length) throws IOException {
        writeZeroPadded(epochNanos, frame, length, length);
    }

    /**
     * Writes one frame of {@code frameLength} bytes whose first {@code headerLength} bytes are in {@code frame}
     * and the rest are zeros.
     */
    public void writeZeroPadded(long epochNanos, byte[] frame, int headerLength, int frameLength)
            throws IOException {
        if (closed) {
            throw new IllegalStateException("pcap writer is closed");
        }
        if (epochNanos < 0 || headerLength < 0 || headerLength > frameLength || headerLength > frame.length) {
            throw new IllegalArgumentException("pcap record: time " + epochNanos + " ns, header " + headerLength
                    + " of frame " + frameLength + " bytes: expected time >= 0 and header within the frame");
        }
        int caplen = Math.min(frameLength, snaplen);
        if (BUFFER_SIZE - pos < 16) {
            flushBuffer();
        }
        long seconds = epochNanos / 1_000_000_000L;
        long fraction = epochNanos % 1_000_000_000L;
        putInt((int) seconds);
        putInt((int) (nanos ? fraction : fraction / 1000));
        putInt(caplen);
        putInt(frameLength);
        int fromHeader = Math.min(headerLength, caplen);
        copy(frame, fromHeader);
        int zeros = caplen - fromHeader;
        while (zeros > 0) {
            if (pos == BUFFER_SIZE) {
                flushBuffer();
            }
            int n = Math.min(zeros, BUFFER_SIZE - pos);
            Arrays.fill(buf, pos, pos + n, (byte) 0);
            pos += n;
            zeros -= n;
        }
        records++;
    }

    private void copy(byte[] src, int length) throws IOException {
        int off = 0;
        while (off < length) {
            if (pos == BUFFER_SIZE) {
                flushBuffer();
            }
            int n = Math.min(length - off, BUFFER_SIZE - pos);
            System.arraycopy(src, off, buf, pos, n);
            pos += n;
            off += n;
        }
    }

    private void putInt(int v) {
        buf[pos] = (byte) v;
        buf[pos + 1] = (byte) (v >>> 8);
        buf[pos + 2] = (byte) (v >>> 16);
        buf[pos + 3] = (byte) (v >>> 24);
        pos += 4;
    }

    private void putShort(int v) {
        buf[pos] = (byte) v;
        buf[pos + 1] = (byte) (v >>> 8);
        pos += 2;
    }

    private void flushBuffer() throws IOException {
        out.write(buf, 0, pos);
        bytesWritten += pos;
        pos = 0;
    }

    /** Records written so far. */
    public long records() {
        return records;
    }

    /** File bytes written so far, header included. */
    public long bytes() {
        return bytesWritten + pos;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flushBuffer();
        } finally {
            out.close();
        }
    }
}
