package io.tidewatch.streams.host;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What is remembered about one destination host: the sources that reached it within
 * {@link HostContextFeatures#RARITY_WINDOW_NS}, each with the end of its latest flow there, for the destination's
 * rarity (1 / those sources) in the beacon score. Times are flow ends, and a flow sets its source's time to its own
 * end even when an earlier-closing flow of that source ended later: the order the flows arrive in decides, as it
 * does for the rarity measured before this was built.
 *
 * <p>At most {@link HostContextFeatures#RARITY_MAX_SOURCES} sources are kept; beyond that the least recently seen
 * (other than the one just seen) is dropped. The count then stays at the limit, which says "popular", and that is
 * all rarity needs: 1/32 and 1/3000 both make a beacon score negligible. The store is keyed by destination but
 * sits behind the repartition by source, so it counts the sources of its task's partitions only (streams-app
 * README). Encoded with a leading version byte and the last update time, as the other host-context states, so the
 * same quiet-forgetting sweep reads it.
 */
public final class DestinationState {

    private static final byte VERSION = 1;

    private long lastNs = Long.MIN_VALUE;
    private byte[][] sources = new byte[4][];
    private long[] seenNs = new long[4];
    private int count;

    /** Counts {@code sourceIp} for a flow that ended at {@code endNs}; returns the rarity, 1 / sources in window. */
    public double observe(byte[] sourceIp, long endNs) {
        int at = indexOf(sourceIp);
        if (at < 0) {
            if (count == sources.length) {
                int n = Math.min(HostContextFeatures.RARITY_MAX_SOURCES + 1, count * 2);
                sources = Arrays.copyOf(sources, n);
                seenNs = Arrays.copyOf(seenNs, n);
            }
            at = count++;
            sources[at] = sourceIp.clone();
        }
        seenNs[at] = endNs;
        long oldest = endNs - HostContextFeatures.RARITY_WINDOW_NS;
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (seenNs[i] >= oldest) {
                sources[kept] = sources[i];
                seenNs[kept] = seenNs[i];
                kept++;
            }
        }
        Arrays.fill(sources, kept, count, null);
        count = kept;
        if (count > HostContextFeatures.RARITY_MAX_SOURCES) {
            int least = -1;
            for (int i = 0; i < count; i++) {
                if (!Arrays.equals(sources[i], sourceIp) && (least < 0 || seenNs[i] < seenNs[least])) {
                    least = i;
                }
            }
            sources[least] = sources[count - 1];
            seenNs[least] = seenNs[count - 1];
            sources[--count] = null;
        }
        lastNs = lastNs == Long.MIN_VALUE ? endNs : Math.max(lastNs, endNs);
        return 1.0 / count;
    }

    private int indexOf(byte[] ip) {
        for (int i = 0; i < count; i++) {
            if (Arrays.equals(sources[i], ip)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code ip} is among the sources counted now. */
    boolean counts(byte[] ip) {
        return indexOf(ip) >= 0;
    }

    /** The sources counted now. */
    public int sources() {
        return count;
    }

    public byte[] encode() {
        int size = 1 + 8 + 1;
        for (int i = 0; i < count; i++) {
            size += 1 + sources[i].length + 8;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(VERSION).putLong(lastNs).put((byte) count);
        for (int i = 0; i < count; i++) {
            out.put((byte) sources[i].length).put(sources[i]).putLong(seenNs[i]);
        }
        return out.array();
    }

    public static DestinationState decode(byte[] bytes) {
        if (bytes.length < 10) {
            throw new IllegalArgumentException("destination state of " + bytes.length
                    + " bytes: expected at least 10 (version byte, last update time, source count)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte v = in.get();
        if (v != VERSION) {
            throw new IllegalArgumentException("destination state version " + v + " (" + bytes.length
                    + " bytes): expected " + VERSION);
        }
        try {
            DestinationState s = new DestinationState();
            s.lastNs = in.getLong();
            int n = Byte.toUnsignedInt(in.get());
            if (n > HostContextFeatures.RARITY_MAX_SOURCES) {
                throw new IllegalArgumentException("destination state of " + bytes.length + " bytes counts " + n
                        + " sources: expected at most " + HostContextFeatures.RARITY_MAX_SOURCES);
            }
            s.sources = new byte[Math.max(4, n)][];
            s.seenNs = new long[s.sources.length];
            for (int i = 0; i < n; i++) {
                int len = Byte.toUnsignedInt(in.get());
                if (len > 16) {
                    throw new IllegalArgumentException("destination state of " + bytes.length + " bytes: source "
                            + i + " address of " + len + " bytes, expected at most 16");
                }
                s.sources[i] = new byte[len];
                in.get(s.sources[i]);
                s.seenNs[i] = in.getLong();
            }
            s.count = n;
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("destination state of " + bytes.length + " bytes has "
                        + in.remaining() + " bytes after its end: expected none");
            }
            return s;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("destination state of " + bytes.length
                    + " bytes is truncated or corrupt: its sources end early", e);
        }
    }
}
