package io.tidewatch.probe.synth;

/**
 * Turns a {@link Packet} into the headers of an Ethernet II frame: IPv4 (with DF) or IPv6, then TCP (with the
 * options its stack sends), UDP or an ICMP echo, with correct lengths and checksums. The payload is zeros and is not stored:
 * zero bytes add nothing to a ones'-complement sum, so checksums cover the headers and the pseudo-header only.
 */
final class FrameEncoder {
    static final int ETHERNET_HEADER = 14;
    static final int MAX_HEADERS = ETHERNET_HEADER + 40 + 60;

    private final byte[] frame = new byte[MAX_HEADERS];
    private int headerLength;
    private int frameLength;

    byte[] frame() {
        return frame;
    }

    /** Bytes of {@link #frame()} that hold headers. */
    int headerLength() {
        return headerLength;
    }

    /** Whole frame length including the zero payload. */
    int frameLength() {
        return frameLength;
    }

    /** IP total length (IPv4) or header plus payload length (IPv6) of the last encoded packet. */
    int ipLength() {
        return frameLength - ETHERNET_HEADER;
    }

    void encode(Packet p) {
        Endpoint src = p.src;
        Endpoint dst = p.dst;
        byte[] f = frame;
        System.arraycopy(dst.mac, 0, f, 0, 6);
        System.arraycopy(src.mac, 0, f, 6, 6);
        int l4 = src.v6 ? ETHERNET_HEADER + 40 : ETHERNET_HEADER + 20;
        int l4Header;
        if (p.proto == Packet.TCP) {
            l4Header = encodeTcp(p, l4);
        } else if (p.proto == Packet.ICMP) {
            l4Header = 8; // echo: type, code, checksum, identifier, sequence
            f[l4] = (byte) p.srcPort;
            f[l4 + 1] = (byte) p.dstPort;
            put16(f, l4 + 2, 0);
            put16(f, l4 + 4, (int) p.ack);
            put16(f, l4 + 6, (int) p.seq);
        } else {
            l4Header = 8;
            int udpLength = 8 + p.payloadLength;
            put16(f, l4, p.srcPort);
            put16(f, l4 + 2, p.dstPort);
            put16(f, l4 + 4, udpLength);
            put16(f, l4 + 6, 0);
        }
        int l4Length = l4Header + p.payloadLength;
        if (src.v6) {
            put16(f, 12, 0x86DD);
            int flowLabel = p.ipId & 0xFFFFF;
            put32(f, 14, 0x6000_0000 | flowLabel);
            put16(f, 18, l4Length);
            f[20] = (byte) p.proto;
            f[21] = (byte) src.observedTtl;
            System.arraycopy(src.ip, 0, f, 22, 16);
            System.arraycopy(dst.ip, 0, f, 38, 16);
        } else {
            put16(f, 12, 0x0800);
            f[14] = 0x45;
            f[15] = 0;
            put16(f, 16, 20 + l4Length);
            put16(f, 18, p.ipId);
            put16(f, 20, 0x4000); // DF: every stack here does path MTU discovery
            f[22] = (byte) src.observedTtl;
            f[23] = (byte) p.proto;
            put16(f, 24, 0);
            System.arraycopy(src.ip, 0, f, 26, 4);
            System.arraycopy(dst.ip, 0, f, 30, 4);
            put16(f, 24, fold(sum(f, 14, 20, 0)) ^ 0xFFFF);
        }
        // Pseudo-header: both addresses, protocol, L4 length; then the L4 header (the zero payload adds nothing).
        // ICMP for IPv4 has no pseudo-header.
        int addrOff = src.v6 ? 22 : 26;
        int addrLen = src.v6 ? 32 : 8;
        long s = p.proto == Packet.ICMP ? 0 : sum(f, addrOff, addrLen, 0) + p.proto + l4Length;
        s = sum(f, l4, l4Header, s);
        int checksum = fold(s) ^ 0xFFFF;
        if (p.proto == Packet.UDP && checksum == 0) {
            checksum = 0xFFFF; // UDP sends a computed zero as all ones; zero means "no checksum"
        }
        put16(f, p.proto == Packet.TCP ? l4 + 16 : p.proto == Packet.ICMP ? l4 + 2 : l4 + 6, checksum);
        headerLength = l4 + l4Header;
        frameLength = headerLength + p.payloadLength;
    }

    private int encodeTcp(Packet p, int off) {
        byte[] f = frame;
        TcpStack stack = p.src.stack;
        boolean syn = (p.flags & Packet.SYN) != 0;
        // Timestamps ride on segments only when both SYNs offered them; a stack that offers them answers a SYN
        // without them in the shorter layout Linux uses (MSS, NOP, NOP, SACK_PERM, NOP, WS).
        boolean shortSyn = syn && !p.timestamps && (stack == TcpStack.LINUX || stack == TcpStack.MACOS);
        int optionsLength = shortSyn ? 12 : syn ? stack.synOptionsLength() : (p.timestamps ? 12 : 0);
        int headerLength = 20 + optionsLength;
        put16(f, off, p.srcPort);
        put16(f, off + 2, p.dstPort);
        put32(f, off + 4, (int) p.seq);
        put32(f, off + 8, (p.flags & Packet.ACK) != 0 ? (int) p.ack : 0);
        f[off + 12] = (byte) ((headerLength / 4) << 4);
        f[off + 13] = (byte) p.flags;
        put16(f, off + 14, p.window);
        put16(f, off + 16, 0);
        put16(f, off + 18, 0);
        int o = off + 20;
        if (syn) {
            synOptions(f, o, stack, shortSyn, stack.mss(p.src.v6), p);
        } else if (optionsLength > 0) {
            f[o] = 1; // NOP, NOP, then timestamps
            f[o + 1] = 1;
            timestampOption(f, o + 2, p);
        }
        return headerLength;
    }

    /** The SYN option layouts of each stack, byte for byte as their kernels send them. */
    private static void synOptions(byte[] f, int o, TcpStack stack, boolean shortSyn, int mss, Packet p) {
        o = mssOption(f, o, mss);
        if (shortSyn) {
            o = bytes(f, o, 1, 1, 4, 2, 1, 3, 3); // NOP, NOP, SACK_PERM, NOP, WS
            f[o] = (byte) stack.windowScale;
            return;
        }
        switch (stack) {
            case LINUX, MACOS -> {
                o = bytes(f, o, 4, 2); // SACK_PERM
                o = timestampOption(f, o, p);
                o = bytes(f, o, 1, 3, 3); // NOP, WS
                f[o] = (byte) stack.windowScale;
            }
            case WINDOWS -> {
                o = bytes(f, o, 1, 3, 3, stack.windowScale); // NOP, WS
                bytes(f, o, 1, 1, 4, 2); // NOP, NOP, SACK_PERM
            }
            case APPLIANCE -> {
            }
        }
    }

    private static int bytes(byte[] f, int o, int... values) {
        for (int v : values) {
            f[o++] = (byte) v;
        }
        return o;
    }

    private static int mssOption(byte[] f, int o, int mss) {
        f[o] = 2;
        f[o + 1] = 4;
        put16(f, o + 2, mss);
        return o + 4;
    }

    private static int timestampOption(byte[] f, int o, Packet p) {
        f[o] = 8;
        f[o + 1] = 10;
        put32(f, o + 2, (int) p.tsVal);
        put32(f, o + 6, (int) p.tsEcr);
        return o + 10;
    }

    private static long sum(byte[] b, int off, int len, long acc) {
        int end = off + len;
        int i = off;
        for (; i + 1 < end; i += 2) {
            acc += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if (i < end) {
            acc += (b[i] & 0xFF) << 8;
        }
        return acc;
    }

    private static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static void put32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
