package io.tidewatch.probe.flow;

import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import java.nio.charset.StandardCharsets;

/**
 * Writes the Protobuf wire bytes of a {@link FlowKey} and of a {@link PacketDynamicsBatch} straight from a flow's
 * primitive columns, byte for byte what the generated classes' {@code toByteArray()} gives for the same values
 * (fields in number order, proto3 defaults left out, repeated scalars packed), without building a message, its
 * growing lists or its memoized sizes per batch. Sizes are computed first, so each batch is one exactly sized array.
 *
 * <p>Varints are written by hand rather than through {@code CodedOutputStream}: the whole encoder is then a few
 * small loops over the columns, one generic loop serving every packed field, which the JIT compiles quickly and
 * once. That matters as much as steady-state speed, because a file replay is over in a second or two. Not
 * thread-safe: the table's capture thread owns it.
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
    /** Timestamp deltas of the batch being encoded: computed once for the size pass, written by the second. */
    private long[] deltas = new long[16];

    BatchEncoder(String probeId) {
        this.probeId = probeId.getBytes(StandardCharsets.UTF_8);
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
        if (deltas.length < n) {
            deltas = new long[Math.max(n, 2 * deltas.length)];
        }
        long[] d = deltas;
        long prevUs = 0;
        for (int k = 0; k < n; k++) {
            // Deltas of floored microsecond offsets from the base: their running sum never drifts from the truth.
            long us = Math.max(0, (c[3 * k] - base) / 1000);
            d[k] = Math.max(0, us - prevUs);
            prevUs = Math.max(prevUs, us);
        }
        // The packed fields' value sizes (each is written after its length). Column layout: see Flow.columns.
        int sDelta = packedSize(d, 1, 0, 0, -1L, n);
        int sIpLen = packedSize(c, 3, 1, 33, MAX_24, n);
        int sPayload = packedSize(c, 3, 1, 9, MAX_24, n);
        int sFlags = packedSize(c, 3, 1, 0, 0x1FF, n);
        int sTtl = packedSize(c, 3, 2, 1, 0xFF, n);
        int sWindow = packedSize(c, 3, 2, 41, 0xFFFF, n);
        int sOptions = packedSize(c, 3, 2, 9, 0xFFFFFFFFL, n);
        byte[] key = f.keyBytes;
        long seq = f.batchSeq;
        long firstSeen = f.firstSeenNs;
        long before = f.packetsBefore;
        boolean hasBase = n > 0 && base != 0;
        // The flow field is a set message: written even if it were empty.
        int size = 1 + varintSize(key.length) + key.length + bytesField(probeId.length)
                + varintField(seq) + (hasBase ? 1 + varintSize(base) : 0)
                + packedField(1, sDelta) + packedField(1, n) + packedField(1, sIpLen) + packedField(1, sPayload)
                + packedField(1, sFlags) + packedField(1, sTtl) + packedField(1, sWindow)
                + varintField(flowEnd) + varintField(initiator) + varintField(firstSeen) + varintField(before)
                + packedField(2, sOptions);
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
            p = putPacked(out, p, TS_DELTA, sDelta, d, 1, 0, 0, -1L, n);
            p = putVarint(out, p, DIRECTION);
            p = putVarint(out, p, n); // every direction (1 or 2) is one byte
            for (int k = 0; k < n; k++) {
                out[p++] = (byte) ((c[3 * k + 2] & 1) + 1);
            }
            p = putPacked(out, p, IP_LENGTH, sIpLen, c, 3, 1, 33, MAX_24, n);
            p = putPacked(out, p, PAYLOAD_LENGTH, sPayload, c, 3, 1, 9, MAX_24, n);
            p = putPacked(out, p, TCP_FLAGS, sFlags, c, 3, 1, 0, 0x1FF, n);
            p = putPacked(out, p, TTL, sTtl, c, 3, 2, 1, 0xFF, n);
            p = putPacked(out, p, TCP_WINDOW, sWindow, c, 3, 2, 41, 0xFFFF, n);
        }
        p = putVarintField(out, p, FLOW_END, flowEnd);
        p = putVarintField(out, p, INITIATOR, initiator);
        p = putVarintField(out, p, FIRST_SEEN, firstSeen);
        p = putVarintField(out, p, PACKETS_BEFORE, before);
        if (n > 0) {
            p = putPacked(out, p, TCP_OPTIONS, sOptions, c, 3, 2, 9, 0xFFFFFFFFL, n);
        }
        return checked(out, p);
    }

    /** Encoded size of the values {@code (a[stride * k + offset] >>> shift) & mask}, k < n. */
    private static int packedSize(long[] a, int stride, int offset, int shift, long mask, int n) {
        int size = 0;
        for (int k = 0, i = offset; k < n; k++, i += stride) {
            size += varintSize((a[i] >>> shift) & mask);
        }
        return size;
    }

    private static int putPacked(byte[] out, int p, int tag, int valueBytes, long[] a, int stride, int offset,
            int shift, long mask, int n) {
        p = putVarint(out, p, tag);
        p = putVarint(out, p, valueBytes);
        for (int k = 0, i = offset; k < n; k++, i += stride) {
            p = putVarint(out, p, (a[i] >>> shift) & mask);
        }
        return p;
    }

    /** A packed repeated field: tag, length, values; absent when it holds no value. */
    private static int packedField(int tagBytes, int valueBytes) {
        return valueBytes == 0 ? 0 : tagBytes + varintSize(valueBytes) + valueBytes;
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
