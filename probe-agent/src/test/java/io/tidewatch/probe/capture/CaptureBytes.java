package io.tidewatch.probe.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes pcap and pcapng files byte by byte, in a chosen byte order, for reader tests. */
final class CaptureBytes {

    private final ByteBuffer b = ByteBuffer.allocate(1 << 20);

    CaptureBytes(ByteOrder order) {
        b.order(order);
    }

    CaptureBytes u16(int v) {
        b.putShort((short) v);
        return this;
    }

    CaptureBytes u32(int v) {
        b.putInt(v);
        return this;
    }

    CaptureBytes u64(long v) {
        b.putLong(v);
        return this;
    }

    CaptureBytes raw(byte[] data) {
        b.put(data);
        return this;
    }

    CaptureBytes pad4() {
        while (b.position() % 4 != 0) {
            b.put((byte) 0);
        }
        return this;
    }

    int position() {
        return b.position();
    }

    void putU32At(int at, int v) {
        b.putInt(at, v);
    }

    byte[] bytes() {
        byte[] out = new byte[b.position()];
        b.duplicate().flip().get(out);
        return out;
    }

    // pcap

    static CaptureBytes pcap(ByteOrder order, boolean nanos, int linkType) {
        CaptureBytes c = new CaptureBytes(order);
        return c.u32(nanos ? 0xa1b23c4d : 0xa1b2c3d4).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(linkType);
    }

    CaptureBytes record(long sec, long frac, byte[] frame, int wireLength) {
        return u32((int) sec).u32((int) frac).u32(frame.length).u32(wireLength).raw(frame);
    }

    // pcapng

    static CaptureBytes pcapng(ByteOrder order) {
        CaptureBytes c = new CaptureBytes(order);
        return c.section();
    }

    CaptureBytes section() {
        return u32(0x0A0D0D0A).u32(28).u32(0x1A2B3C4D).u16(1).u16(0).u64(-1L).u32(28);
    }

    /** An interface description; {@code tsresol} < 0 means no if_tsresol option (microseconds). */
    CaptureBytes interfaceBlock(int linkType, int snapLen, int tsresol) {
        int start = position();
        u32(1).u32(0).u16(linkType).u16(0).u32(snapLen);
        if (tsresol >= 0) {
            u16(9).u16(1).raw(new byte[] {(byte) tsresol}).pad4();
        }
        u16(0).u16(0);
        return closeBlock(start);
    }

    CaptureBytes enhanced(int iface, long units, byte[] frame, int wireLength) {
        int start = position();
        u32(6).u32(0).u32(iface).u32((int) (units >>> 32)).u32((int) units).u32(frame.length).u32(wireLength)
                .raw(frame).pad4();
        return closeBlock(start);
    }

    CaptureBytes simple(byte[] frame) {
        int start = position();
        u32(3).u32(0).u32(frame.length).raw(frame).pad4();
        return closeBlock(start);
    }

    CaptureBytes unknownBlock(int type, int bodyLength) {
        int start = position();
        u32(type).u32(0).raw(new byte[bodyLength]).pad4();
        return closeBlock(start);
    }

    private CaptureBytes closeBlock(int start) {
        int len = position() - start + 4;
        putU32At(start + 4, len);
        return u32(len);
    }
}
