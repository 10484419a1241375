package io.tidewatch.streams.host;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The last {@link HostContextFeatures#BEACON_KEEP} flow starts of one (source, destination) pair, every protocol,
 * in start order, each with the originator's IP bytes: what the beacon score reads. Flows close out of order, so a
 * start is inserted in its place and the earliest is dropped beyond the limit; a start already present takes the
 * newer flow's bytes (one entry per start time).
 *
 * <p>Starts are kept as nanosecond longs (the intervals are differences of them, exact); bytes as ints, exact up to
 * 2 GiB per flow and saturated above (no beacon or login is that large), half the size of a double for the same
 * values. 20 entries cost 240 bytes of pair state.
 */
final class BeaconStarts {

    private final long[] starts = new long[HostContextFeatures.BEACON_KEEP];
    private final int[] bytes = new int[HostContextFeatures.BEACON_KEEP];
    private int count;

    /** Records a flow of the pair that started at {@code startNs} with {@code originatorBytes}. */
    void observe(long startNs, long originatorBytes) {
        int at = Arrays.binarySearch(starts, 0, count, startNs);
        int b = saturated(originatorBytes);
        if (at >= 0) {
            bytes[at] = b;
            return;
        }
        int insert = -at - 1;
        if (count == starts.length) {
            if (insert == 0) {
                return; // earlier than every start kept: it would be the one dropped
            }
            // Drop the earliest, shifting the ones before the insertion point down by one.
            System.arraycopy(starts, 1, starts, 0, insert - 1);
            System.arraycopy(bytes, 1, bytes, 0, insert - 1);
            starts[insert - 1] = startNs;
            bytes[insert - 1] = b;
            return;
        }
        System.arraycopy(starts, insert, starts, insert + 1, count - insert);
        System.arraycopy(bytes, insert, bytes, insert + 1, count - insert);
        starts[insert] = startNs;
        bytes[insert] = b;
        count++;
    }

    static int saturated(long bytes) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, bytes));
    }

    int count() {
        return count;
    }

    /**
     * t x d x {@code rarity} for a TCP flow once {@link HostContextFeatures#BEACON_MIN_INTERVALS} intervals are
     * known, else 0: t the regularity of the intervals between starts (seconds), d that of the originator bytes.
     */
    double score(double rarity, int protocol) {
        int n = count - 1;
        if (protocol != HostContextFeatures.TCP || n < HostContextFeatures.BEACON_MIN_INTERVALS) {
            return 0;
        }
        double[] gaps = new double[n];
        double[] sizes = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            if (i > 0) {
                gaps[i - 1] = (starts[i] - starts[i - 1]) / 1e9;
            }
            sizes[i] = bytes[i];
        }
        double t = Regularity.of(gaps, n);
        double d = Regularity.of(sizes, n + 1);
        return t * d * rarity;
    }

    /** Encoded size: a count byte, then 12 bytes a start. */
    int encodedSize() {
        return 1 + 12 * count;
    }

    void write(ByteBuffer out) {
        out.put((byte) count);
        for (int i = 0; i < count; i++) {
            out.putLong(starts[i]);
            out.putInt(bytes[i]);
        }
    }

    void read(ByteBuffer in) {
        int n = Byte.toUnsignedInt(in.get());
        if (n > starts.length) {
            throw new IllegalArgumentException("beacon starts count " + n + ": expected at most " + starts.length);
        }
        for (int i = 0; i < n; i++) {
            starts[i] = in.getLong();
            bytes[i] = in.getInt();
            if (i > 0 && starts[i] <= starts[i - 1]) {
                throw new IllegalArgumentException("beacon start " + starts[i] + " after " + starts[i - 1]
                        + ": expected increasing starts");
            }
        }
        count = n;
    }
}
