package io.tidewatch.probe.capture;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Classic libpcap files: microsecond (a1b2c3d4) and nanosecond (a1b23c4d) magic, written in either byte order.
 * A 24-byte file header, then records of a 16-byte header and the captured bytes.
 */
final class PcapFileReader implements CaptureFileReader {

    private static final int MAGIC_US = 0xa1b2c3d4;
    private static final int MAGIC_NS = 0xa1b23c4d;
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    /** Larger than any real snap length (libpcap caps at 256 KiB); beyond it a record length means corruption. */
    static final int MAX_RECORD = 16 << 20;

    private final Path file;
    private final FileChannel channel;
    private final MappedWindow window;

    PcapFileReader(Path file, FileChannel channel, MappedWindow window) {
        this.file = file;
        this.channel = channel;
        this.window = window;
    }

    static boolean recognizes(int magicBigEndian) {
        return magicBigEndian == MAGIC_US || magicBigEndian == MAGIC_NS
                || magicBigEndian == Integer.reverseBytes(MAGIC_US) || magicBigEndian == Integer.reverseBytes(MAGIC_NS);
    }

    @Override
    public String format() {
        return "pcap";
    }

    @Override
    public long readAll(PacketListener listener) {
        long size = window.size();
        if (size < FILE_HEADER) {
            throw new CaptureFileException(file, 0, "pcap file header cut short: " + FILE_HEADER + " bytes needed, "
                    + size + " present");
        }
        window.ensure(0, FILE_HEADER);
        int magic = window.bigEndian().getInt(0);
        boolean big = magic == MAGIC_US || magic == MAGIC_NS;
        int m = big ? magic : Integer.reverseBytes(magic);
        long fracToNs = m == MAGIC_NS ? 1 : 1000;
        ByteBuffer hb = window.inOrder(big);
        // The link type's upper bits may carry FCS information (pcap spec); the type itself is the low 16 bits.
        int linkType = hb.getInt(20) & 0xFFFF;
        long pos = FILE_HEADER;
        long packets = 0;
        while (pos < size) {
            if (size - pos < RECORD_HEADER) {
                throw new CaptureFileException(file, pos, "file cut short in a record header: " + RECORD_HEADER
                        + " bytes needed, " + (size - pos) + " present (after " + packets + " packets)");
            }
            window.ensure(pos, RECORD_HEADER);
            ByteBuffer b = window.inOrder(big);
            int o = window.offset(pos);
            long sec = b.getInt(o) & 0xFFFFFFFFL;
            long frac = b.getInt(o + 4) & 0xFFFFFFFFL;
            long incl = b.getInt(o + 8) & 0xFFFFFFFFL;
            long orig = b.getInt(o + 12) & 0xFFFFFFFFL;
            if (incl > MAX_RECORD) {
                throw new CaptureFileException(file, pos, "record claims " + incl + " captured bytes, more than the "
                        + MAX_RECORD + " any capture allows (after " + packets + " packets)");
            }
            long next = pos + RECORD_HEADER + incl;
            if (next > size) {
                throw new CaptureFileException(file, pos, "file cut short in a packet: record needs " + incl
                        + " bytes, " + (size - pos - RECORD_HEADER) + " present (after " + packets + " packets)");
            }
            window.ensure(pos, (int) (RECORD_HEADER + incl));
            int dataOff = window.offset(pos + RECORD_HEADER);
            long ts = sec * 1_000_000_000L + frac * fracToNs;
            int wire = orig > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) orig;
            listener.onPacket(linkType, ts, window.bigEndian(), dataOff, (int) incl, Math.max(wire, (int) incl));
            packets++;
            pos = next;
        }
        return packets;
    }

    @Override
    public void close() {
        window.release();
        CaptureFiles.closeQuietly(channel);
    }
}
