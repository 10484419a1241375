package io.tidewatch.probe.anonymize;

import io.tidewatch.probe.decode.DecodedPacket;
import java.util.Arrays;

/**
 * Replaces a decoded packet's source and destination addresses with their {@link CryptoPan} pseudonyms, in place,
 * before the flow table sees the packet. A direct-mapped cache (no allocation per packet) remembers recent mappings:
 * real traffic repeats the same few thousand addresses, and a miss costs 32 (IPv4) or 128 (IPv6) AES blocks.
 * Not thread-safe, like the pipeline that owns it.
 */
public final class AddressPseudonymizer {

    private static final int CACHE_BITS = 16;
    private static final int CACHE_MASK = (1 << CACHE_BITS) - 1;

    private final CryptoPan cryptoPan;
    // IPv4: the original in the low 32 bits with bit 32 set as "occupied", and the pseudonym.
    private final long[] v4Keys = new long[1 << CACHE_BITS];
    private final int[] v4Values = new int[1 << CACHE_BITS];
    // IPv6: original and pseudonym as two longs each, with an occupied flag.
    private final long[] v6Keys = new long[2 << CACHE_BITS];
    private final long[] v6Values = new long[2 << CACHE_BITS];
    private final boolean[] v6Used = new boolean[1 << CACHE_BITS];
    private final byte[] scratch = new byte[16];
    private long misses;

    /** A pseudonymizer keyed by {@code key} (32 bytes, see {@link PseudonymizationKey}). */
    public AddressPseudonymizer(byte[] key) {
        this.cryptoPan = new CryptoPan(key);
    }

    /** Pseudonymizes both addresses of {@code packet} (IPv4 or IPv6 by its {@code addressLength}). */
    public void apply(DecodedPacket packet) {
        int length = packet.addressLength;
        if (length == 4) {
            v4(packet.srcIp);
            v4(packet.dstIp);
        } else if (length == 16) {
            v6(packet.srcIp);
            v6(packet.dstIp);
        } else {
            throw new IllegalArgumentException("address length " + length + ": expected 4 or 16");
        }
    }

    /** Maps {@code address} ({@code length} 4 or 16 bytes from the start) in place, through the cache. */
    public void pseudonymize(byte[] address, int length) {
        if (length == 4) {
            v4(address);
        } else if (length == 16) {
            v6(address);
        } else {
            throw new IllegalArgumentException("address length " + length + ": expected 4 or 16");
        }
    }

    /** Addresses that were computed rather than found in the cache. */
    public long misses() {
        return misses;
    }

    private void v4(byte[] a) {
        int original = (a[0] & 0xFF) << 24 | (a[1] & 0xFF) << 16 | (a[2] & 0xFF) << 8 | (a[3] & 0xFF);
        long tagged = (original & 0xFFFFFFFFL) | (1L << 32);
        int slot = mix(original) & CACHE_MASK;
        int mapped;
        if (v4Keys[slot] == tagged) {
            mapped = v4Values[slot];
        } else {
            cryptoPan.pseudonymize(a, 0, 4);
            misses++;
            mapped = (a[0] & 0xFF) << 24 | (a[1] & 0xFF) << 16 | (a[2] & 0xFF) << 8 | (a[3] & 0xFF);
            v4Keys[slot] = tagged;
            v4Values[slot] = mapped;
            return;
        }
        a[0] = (byte) (mapped >>> 24);
        a[1] = (byte) (mapped >>> 16);
        a[2] = (byte) (mapped >>> 8);
        a[3] = (byte) mapped;
    }

    private void v6(byte[] a) {
        long hi = longAt(a, 0);
        long lo = longAt(a, 8);
        int slot = mix((int) (hi ^ (hi >>> 32) ^ lo * 31 ^ (lo >>> 32))) & CACHE_MASK;
        if (v6Used[slot] && v6Keys[2 * slot] == hi && v6Keys[2 * slot + 1] == lo) {
            putLong(a, 0, v6Values[2 * slot]);
            putLong(a, 8, v6Values[2 * slot + 1]);
            return;
        }
        System.arraycopy(a, 0, scratch, 0, 16);
        cryptoPan.pseudonymize(scratch, 0, 16);
        misses++;
        System.arraycopy(scratch, 0, a, 0, 16);
        Arrays.fill(scratch, (byte) 0);
        v6Used[slot] = true;
        v6Keys[2 * slot] = hi;
        v6Keys[2 * slot + 1] = lo;
        v6Values[2 * slot] = longAt(a, 0);
        v6Values[2 * slot + 1] = longAt(a, 8);
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private static long longAt(byte[] a, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (a[off + i] & 0xFF);
        }
        return v;
    }

    private static void putLong(byte[] a, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            a[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
