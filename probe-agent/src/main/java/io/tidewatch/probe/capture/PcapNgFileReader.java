package io.tidewatch.probe.capture;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * pcapng files: Section Header, Interface Description, Enhanced and Simple Packet blocks (and the obsolete Packet
 * block); every other block is skipped by its length. Each section sets its own byte order and interface list;
 * each interface has its own link type, snap length, timestamp resolution (if_tsresol) and offset (if_tsoffset).
 */
final class PcapNgFileReader implements CaptureFileReader {

    static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int IDB = 1;
    private static final int OBSOLETE_PACKET = 2;
    private static final int SPB = 3;
    private static final int EPB = 6;
    private static final int MAX_BLOCK = 64 << 20;
    private static final int MAX_INTERFACES = 65536;

    private final Path file;
    private final FileChannel channel;
    private final MappedWindow window;

    // Per-section interface table; grown when a section declares more interfaces, never per packet.
    private int interfaces;
    private int[] linkType = new int[4];
    private int[] snapLen = new int[4];
    // Timestamp to nanoseconds: units are 10^-k (decimal) or 2^-k (binary) seconds.
    private boolean[] binaryResolution = new boolean[4];
    private int[] resolutionExponent = new int[4];
    private long[] offsetSeconds = new long[4];
    private long lastTimestamp;

    PcapNgFileReader(Path file, FileChannel channel, MappedWindow window) {
        this.file = file;
        this.channel = channel;
        this.window = window;
    }

    @Override
    public String format() {
        return "pcapng";
    }

    @Override
    public long readAll(PacketListener listener) {
        long size = window.size();
        long pos = 0;
        long packets = 0;
        boolean big = true;
        while (pos < size) {
            if (size - pos < 12) {
                throw new CaptureFileException(file, pos, "file cut short in a block header: 12 bytes needed, "
                        + (size - pos) + " present (after " + packets + " packets)");
            }
            window.ensure(pos, 12);
            int o = window.offset(pos);
            int type = window.bigEndian().getInt(o);
            if (type == SECTION_HEADER) {
                int bom = window.bigEndian().getInt(o + 8);
                if (bom == BYTE_ORDER_MAGIC) {
                    big = true;
                } else if (bom == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                    big = false;
                } else {
                    throw new CaptureFileException(file, pos, String.format(
                            "section header byte-order magic 0x%08x: expected 1a2b3c4d in either byte order", bom));
                }
                interfaces = 0;
            } else if (pos == 0) {
                throw new CaptureFileException(file, 0, "pcapng file does not start with a section header block");
            }
            ByteBuffer b = window.inOrder(big);
            if (type != SECTION_HEADER) {
                type = b.getInt(o);
            }
            long blockLen = b.getInt(o + 4) & 0xFFFFFFFFL;
            if (blockLen < 12 || (blockLen & 3) != 0 || blockLen > MAX_BLOCK) {
                throw new CaptureFileException(file, pos, "block of type " + type + " has length " + blockLen
                        + ": expected a multiple of 4 from 12 to " + MAX_BLOCK + " (after " + packets + " packets)");
            }
            if (pos + blockLen > size) {
                throw new CaptureFileException(file, pos, "file cut short in a block of type " + type + ": needs "
                        + blockLen + " bytes, " + (size - pos) + " present (after " + packets + " packets)");
            }
            window.ensure(pos, (int) blockLen);
            b = window.inOrder(big);
            o = window.offset(pos);
            int body = o + 8;
            int bodyLen = (int) blockLen - 12;
            switch (type) {
                case IDB -> readInterface(b, body, bodyLen, pos);
                case EPB -> {
                    if (bodyLen < 20) {
                        throw bad(pos, "enhanced packet block body of " + bodyLen + " bytes: expected at least 20", packets);
                    }
                    int ifc = b.getInt(body);
                    long units = ((b.getInt(body + 4) & 0xFFFFFFFFL) << 32) | (b.getInt(body + 8) & 0xFFFFFFFFL);
                    long cap = b.getInt(body + 12) & 0xFFFFFFFFL;
                    long orig = b.getInt(body + 16) & 0xFFFFFFFFL;
                    deliver(listener, pos, packets, ifc, units, cap, orig, body + 20, bodyLen - 20);
                    packets++;
                }
                case OBSOLETE_PACKET -> {
                    if (bodyLen < 20) {
                        throw bad(pos, "packet block body of " + bodyLen + " bytes: expected at least 20", packets);
                    }
                    int ifc = b.getShort(body) & 0xFFFF;
                    long units = ((b.getInt(body + 4) & 0xFFFFFFFFL) << 32) | (b.getInt(body + 8) & 0xFFFFFFFFL);
                    long cap = b.getInt(body + 12) & 0xFFFFFFFFL;
                    long orig = b.getInt(body + 16) & 0xFFFFFFFFL;
                    deliver(listener, pos, packets, ifc, units, cap, orig, body + 20, bodyLen - 20);
                    packets++;
                }
                case SPB -> {
                    if (bodyLen < 4) {
                        throw bad(pos, "simple packet block body of " + bodyLen + " bytes: expected at least 4", packets);
                    }
                    if (interfaces == 0) {
                        throw bad(pos, "simple packet block before any interface description block", packets);
                    }
                    long orig = b.getInt(body) & 0xFFFFFFFFL;
                    int snap = snapLen[0] == 0 ? Integer.MAX_VALUE : snapLen[0];
                    long cap = Math.min(orig, Math.min(snap, bodyLen - 4));
                    // A simple packet block has no timestamp: the previous packet's is the best estimate.
                    int wire = (int) Math.min(Math.max(orig, cap), Integer.MAX_VALUE);
                    listener.onPacket(linkType[0], lastTimestamp, b, body + 4, (int) cap, wire);
                    packets++;
                }
                default -> {
                    // Statistics, name resolution, custom and unknown blocks carry no frames: skipped by length.
                }
            }
            pos += blockLen;
        }
        return packets;
    }

    private void deliver(PacketListener listener, long pos, long packets, int ifc, long units, long cap, long orig,
            int dataOff, int room) {
        if (ifc < 0 || ifc >= interfaces) {
            throw bad(pos, "packet names interface " + ifc + " but the section declares " + interfaces, packets);
        }
        if (cap > room) {
            throw bad(pos, "packet claims " + cap + " captured bytes in a block with room for " + room, packets);
        }
        long ts = toNanos(ifc, units);
        lastTimestamp = ts;
        int wire = (int) Math.min(Math.max(orig, cap), Integer.MAX_VALUE);
        listener.onPacket(linkType[ifc], ts, window.bigEndian(), dataOff, (int) cap, wire);
    }

    private long toNanos(int ifc, long units) {
        int k = resolutionExponent[ifc];
        long ns;
        if (binaryResolution[ifc]) {
            long secs = k >= 64 ? 0 : units >>> k;
            long frac = k >= 64 ? units : units & ((1L << k) - 1);
            long fracNs = k <= 30 ? (frac * 1_000_000_000L) >>> k : ((frac >>> (k - 30)) * 1_000_000_000L) >>> 30;
            ns = secs * 1_000_000_000L + fracNs;
        } else if (k <= 9) {
            ns = units * POW10[9 - k];
        } else {
            ns = units / POW10[Math.min(k - 9, 18)];
        }
        return ns + offsetSeconds[ifc] * 1_000_000_000L;
    }

    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
        100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L,
        1_000_000_000_000_000_000L};

    private void readInterface(ByteBuffer b, int body, int bodyLen, long pos) {
        if (bodyLen < 8) {
            throw bad(pos, "interface description block body of " + bodyLen + " bytes: expected at least 8", 0);
        }
        if (interfaces >= MAX_INTERFACES) {
            throw bad(pos, "more than " + MAX_INTERFACES + " interfaces in one section", 0);
        }
        if (interfaces == linkType.length) {
            int n = interfaces * 2;
            linkType = java.util.Arrays.copyOf(linkType, n);
            snapLen = java.util.Arrays.copyOf(snapLen, n);
            binaryResolution = java.util.Arrays.copyOf(binaryResolution, n);
            resolutionExponent = java.util.Arrays.copyOf(resolutionExponent, n);
            offsetSeconds = java.util.Arrays.copyOf(offsetSeconds, n);
        }
        int i = interfaces++;
        linkType[i] = b.getShort(body) & 0xFFFF;
        snapLen[i] = b.getInt(body + 4);
        binaryResolution[i] = false;
        resolutionExponent[i] = 6;
        offsetSeconds[i] = 0;
        int p = body + 8;
        int end = body + bodyLen;
        while (p + 4 <= end) {
            int code = b.getShort(p) & 0xFFFF;
            int len = b.getShort(p + 2) & 0xFFFF;
            if (code == 0) {
                break;
            }
            if (p + 4 + len > end) {
                break; // a damaged option list ends the options, not the file: the interface itself is known
            }
            if (code == 9 && len >= 1) {
                int v = b.get(p + 4) & 0xFF;
                binaryResolution[i] = (v & 0x80) != 0;
                resolutionExponent[i] = v & 0x7F;
            } else if (code == 14 && len >= 8) {
                offsetSeconds[i] = b.getLong(p + 4);
            }
            p += 4 + ((len + 3) & ~3);
        }
    }

    private CaptureFileException bad(long pos, String problem, long packets) {
        return new CaptureFileException(file, pos, problem + " (after " + packets + " packets)");
    }

    @Override
    public void close() {
        window.release();
        CaptureFiles.closeQuietly(channel);
    }
}
