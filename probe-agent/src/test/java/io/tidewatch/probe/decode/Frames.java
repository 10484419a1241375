package io.tidewatch.probe.decode;

import java.io.ByteArrayOutputStream;

/** Hand-built frames for tests: each builder appends header bytes exactly as the RFCs lay them out. */
public final class Frames {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static Frames create() {
        return new Frames();
    }

    public Frames u8(int v) {
        out.write(v & 0xFF);
        return this;
    }

    public Frames u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    public Frames u32(int v) {
        return u16(v >>> 16).u16(v);
    }

    public Frames bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    public Frames zeros(int n) {
        return bytes(new byte[n]);
    }

    public Frames ethernet(int etherType) {
        return zeros(12).u16(etherType);
    }

    /** IPv4 header (20 bytes, no options); {@code fragField} is flags and fragment offset. */
    public Frames ipv4(int totalLength, int ttl, int proto, int fragField, byte[] src, byte[] dst) {
        return u8(0x45).u8(0).u16(totalLength).u16(1).u16(fragField).u8(ttl).u8(proto).u16(0).bytes(src).bytes(dst);
    }

    public Frames ipv6(int payloadLength, int next, int hopLimit, byte[] src, byte[] dst) {
        return u32(0x60000000).u16(payloadLength).u8(next).u8(hopLimit).bytes(src).bytes(dst);
    }

    /** A TCP header of 20 bytes plus {@code options} (a multiple of 4 bytes). */
    public Frames tcp(int sport, int dport, int flags, int window, byte[] options) {
        int words = 5 + options.length / 4;
        return u16(sport).u16(dport).u32(1000).u32(0).u8(words << 4 | (flags >>> 8 & 1)).u8(flags).u16(window)
                .u16(0).u16(0).bytes(options);
    }

    public Frames udp(int sport, int dport, int length) {
        return u16(sport).u16(dport).u16(length).u16(0);
    }

    public byte[] build() {
        return out.toByteArray();
    }

    public static byte[] v4(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }

    public static byte[] v6(int last) {
        byte[] ip = new byte[16];
        ip[0] = (byte) 0x20;
        ip[1] = 0x01;
        ip[2] = 0x0d;
        ip[3] = (byte) 0xb8;
        ip[15] = (byte) last;
        return ip;
    }
}
