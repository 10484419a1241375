package io.tidewatch.probe.flow;

import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import java.nio.charset.StandardCharsets;

/**
 * Writes the Protobuf wire bytes of a {@link FlowKey} and of a {@link PacketDynamicsBatch} straight from a flow's
 * primitive columns, byte for byte what the generated classes' {@code toByteArray()} gives for the same values
 * (fields in number order, proto3 defaults left out, repeated scalars packed), without building a message, its
 * growing lists or its memoized sizes per batch. Each batch is one exactly sized array.
 *
 * <p>Varints are written by hand rather than through {@code CodedOutputStream}, and every packed field is written
 * in one pass over the columns into scratch buffers that are then copied behind their tags: the encoder is one
 * small loop that the JIT compiles quickly. That matters as much as steady-state speed, because a file replay is
 * over in a second or two and compiling a large encoder cost more CPU than running it. Not thread-safe: the
 * table's capture thread owns it.
 */
final class BatchEncoder {

    private static final int MAX_24 = (1 << 24) - 1;

    // Tags: (field number << 3) | wire type; 0 varint, 2 length-delimited.
    private static final int KEY_DOMAIN = 1 << 3;
    private static final int KEY_IP_VERSION = 2 << 3;
    private static final int KEY_A_IP = 3 << 3 | 2;
    private static final int KEY_A_PORT = 4 << 3;
    private static final int KEY_B_IP = 5 << 3 | 2;
    private static final int KEY_B_PORT = 6 << 3;
    private static final int KEY_PROTOCOL = 7 << 3;
    private static final int KEY_COMMUNITY_ID = 8 << 3 | 2;

    private static final int FLOW = 1 << 3 | 2;
    private static final int PROBE_ID = 2 << 3 | 2;
    private static final int BATCH_SEQ = 3 << 3;
    private static final int BASE_TS = 4 << 3;
    private static final int TS_DELTA = 5 << 3 | 2;
    private static final int DIRECTION = 6 << 3 | 2;
    private static final int IP_LENGTH = 7 << 3 | 2;
    private static final int PAYLOAD_LENGTH = 8 << 3 | 2;
    private static final int TCP_FLAGS = 9 << 3 | 2;
    private static final int TTL = 10 << 3 | 2;
    private static final int TCP_WINDOW = 11 << 3 | 2;
    private static final int FLOW_END = 12 << 3;
    private static final int INITIATOR = 13 << 3;
    private static final int FIRST_SEEN = 14 << 3;
    private static final int PACKETS_BEFORE = 15 << 3;
    private static final int TCP_OPTIONS = 16 << 3 | 2;

    private final byte[] probeId;
    // Scratch space for the packed fields of the batch being encoded, reused from batch to batch.
    private byte[] deltas = new byte[0];
    private byte[] ipLengths;
    private byte[] payloadLengths;
    private byte[] flags;
    private byte[] ttls;
    private byte[] windows;
    private byte[] options;

    BatchEncoder(String probeId) {
        this.probeId = probeId.getBytes(StandardCharsets.UTF_8);
        grow(16);
    }

    /** The FlowKey of a flow whose addresses are A's then B's, as the generated builder would encode it. */
    static byte[] encodeKey(int observationDomain, byte[] addresses, int aPort, int bPort, int protocol,
            String communityId) {
        int len = addresses.length >>> 1;
        byte[] cid = communityId.getBytes(StandardCharsets.US_ASCII);
        int ipVersion = len == 4 ? 4 : 6;
        int size = uint32Field(observationDomain) + uint32Field(ipVersion) + bytesField(len) + uint32Field(aPort)
                + bytesField(len) + uint32Field(bPort) + uint32Field(protocol) + bytesField(cid.length);
        byte[] out = new byte[size];
        int p = putUInt32(out, 0, KEY_DOMAIN, observationDomain);
        p = putUInt32(out, p, KEY_IP_VERSION, ipVersion);
        p = putBytes(out, p, KEY_A_IP, addresses, 0, len);
        p = putUInt32(out, p, KEY_A_PORT, aPort);
        p = putBytes(out, p, KEY_B_IP, addresses, len, len);
        p = putUInt32(out, p, KEY_B_PORT, bPort);
        p = putUInt32(out, p, KEY_PROTOCOL, protocol);
        p = putBytes(out, p, KEY_COMMUNITY_ID, cid, 0, cid.length);
        return checked(out, p);
    }

    /**
     * The PacketDynamicsBatch holding the flow's current batch (possibly empty), with the given end reason.
     *
     * @param flowEnd   the FlowEndReason number (0 for none)
     * @param initiator the Direction number of the flow's initiator
     */
    byte[] encode(Flow f, int flowEnd, int initiator) {
        int n = f.count;
        long[] c = f.columns;
        long base = f.batchBaseNs;
        if (deltas.length < 10 * n) {
            grow(n);
        }
        byte[] bd = deltas;
        byte[] bi = ipLengths;
        byte[] bp = payloadLengths;
        byte[] bf = flags;
        byte[] bt = ttls;
        byte[] bw = windows;
        byte[] bo = options;
        int pd = 0;
        int pi = 0;
        int pp = 0;
        int pf = 0;
        int pt = 0;
        int pw = 0;
        int po = 0;
        long prevUs = 0;
        // One pass writes every packed field's values into its own scratch buffer (see Flow.columns for the layout):
        // one loop for the JIT to compile, and the positions are the sizes the framing needs.
        for (int k = 0, i = 0; k < n; k++, i += 3) {
            long w1 = c[i + 1];
            long w2 = c[i + 2];
            // Deltas of floored microsecond offsets from the base: their running sum never drifts from the truth.
            long us = Math.max(0, (c[i] - base) / 1000);
            pd = putVarint(bd, pd, Math.max(0, us - prevUs));
            prevUs = Math.max(prevUs, us);
            pi = putVarint(bi, pi, (w1 >>> 33) & MAX_24);
            pp = putVarint(bp, pp, (w1 >>> 9) & MAX_24);
            pf = putVarint(bf, pf, w1 & 0x1FF);
            pt = putVarint(bt, pt, (w2 >>> 1) & 0xFF);
            pw = putVarint(bw, pw, (w2 >>> 41) & 0xFFFF);
            po = putVarint(bo, po, (w2 >>> 9) & 0xFFFFFFFFL);
        }
        byte[] key = f.keyBytes;
        long seq = f.batchSeq;
        long firstSeen = f.firstSeenNs;
        long before = f.packetsBefore;
        boolean hasBase = n > 0 && base != 0;
        // The flow field is a set message: written even if it were empty.
        int size = 1 + varintSize(key.length) + key.length + bytesField(probeId.length)
                + varintField(seq) + (hasBase ? 1 + varintSize(base) : 0)
                + bytesField(pd) + bytesField(n) + bytesField(pi) + bytesField(pp) + bytesField(pf) + bytesField(pt)
                + bytesField(pw) + varintField(flowEnd) + varintField(initiator) + varintField(firstSeen)
                + varintField(before) + (po == 0 ? 0 : 1 + bytesField(po));
        byte[] out = new byte[size];
        int p = putVarint(out, 0, FLOW);
        p = putVarint(out, p, key.length);
        System.arraycopy(key, 0, out, p, key.length);
        p += key.length;
        p = putBytes(out, p, PROBE_ID, probeId, 0, probeId.length);
        p = putVarintField(out, p, BATCH_SEQ, seq);
        if (n > 0) {
            if (hasBase) {
                p = putVarintField(out, p, BASE_TS, base);
            }
            p = putBytes(out, p, TS_DELTA, bd, 0, pd);
            p = putVarint(out, p, DIRECTION);
            p = putVarint(out, p, n); // every direction (1 or 2) is one byte
            for (int k = 0; k < n; k++) {
                out[p++] = (byte) ((c[3 * k + 2] & 1) + 1);
            }
            p = putBytes(out, p, IP_LENGTH, bi, 0, pi);
            p = putBytes(out, p, PAYLOAD_LENGTH, bp, 0, pp);
            p = putBytes(out, p, TCP_FLAGS, bf, 0, pf);
            p = putBytes(out, p, TTL, bt, 0, pt);
            p = putBytes(out, p, TCP_WINDOW, bw, 0, pw);
        }
        p = putVarintField(out, p, FLOW_END, flowEnd);
        p = putVarintField(out, p, INITIATOR, initiator);
        p = putVarintField(out, p, FIRST_SEEN, firstSeen);
        p = putVarintField(out, p, PACKETS_BEFORE, before);
        p = putBytes(out, p, TCP_OPTIONS, bo, 0, po);
        return checked(out, p);
    }

    /** Room for n packets in every scratch buffer: a varint takes at most 10 bytes (5 for 32-bit values). */
    private void grow(int n) {
        int packets = Math.max(n, 2 * (deltas.length / 10));
        deltas = new byte[10 * packets];
        ipLengths = new byte[5 * packets];
        payloadLengths = new byte[5 * packets];
        flags = new byte[5 * packets];
        ttls = new byte[5 * packets];
        windows = new byte[5 * packets];
        options = new byte[5 * packets];
    }


    /** A varint scalar (uint32, uint64, int64, enum) with a one-byte tag; absent when 0, as proto3 does. */
    private static int varintField(long value) {
        return value == 0 ? 0 : 1 + varintSize(value);
    }

    private static int uint32Field(int value) {
        return varintField(value & 0xFFFFFFFFL);
    }

    private static int bytesField(int length) {
        return length == 0 ? 0 : 1 + varintSize(length) + length;
    }

    /** Bytes of a varint; negative longs (int64 fields) take all ten, as Protobuf writes them. */
    static int varintSize(long v) {
        return (63 - Long.numberOfLeadingZeros(v | 1)) / 7 + 1;
    }

    static int putVarint(byte[] out, int p, long v) {
        while ((v & ~0x7FL) != 0) {
            out[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[p++] = (byte) v;
        return p;
    }

    private static int putVarintField(byte[] out, int p, int tag, long value) {
        if (value == 0) {
            return p;
        }
        out[p++] = (byte) tag;
        return putVarint(out, p, value);
    }

    private static int putUInt32(byte[] out, int p, int tag, int value) {
        return putVarintField(out, p, tag, value & 0xFFFFFFFFL);
    }

    private static int putBytes(byte[] out, int p, int tag, byte[] b, int off, int len) {
        if (len == 0) {
            return p;
        }
        p = putVarint(out, p, tag);
        p = putVarint(out, p, len);
        System.arraycopy(b, off, out, p, len);
        return p + len;
    }

    private static byte[] checked(byte[] out, int written) {
        if (written != out.length) {
            throw new IllegalStateException("encoded " + written + " bytes into an array of " + out.length
                    + ": the size computation is wrong");
        }
        return out;
    }
}
