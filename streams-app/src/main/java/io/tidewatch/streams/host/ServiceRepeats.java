package io.tidewatch.streams.host;

import java.nio.ByteBuffer;

/**
 * One (source, destination) pair's recent TCP flows by start, each with its responder port and the responder's IP
 * bytes: how many connections of one shape the source made to one service within
 * {@link HostContextFeatures#REPEATS_WINDOW_NS}, as a password guesser makes them.
 *
 * <p>A flow drops the entries of its own port that started more than the window before it; entries that start
 * later stay (flows close out of order), and entries of other ports wait for a flow of theirs. Bounded at
 * {@link HostContextFeatures#REPEATS_MAX} entries per pair, the earliest start dropped beyond that: a SYN flood puts
 * thousands of connections to one port in a minute, and the pair state is read and rewritten for every flow, so
 * the count then saturates at the limit (still far above any benign service's) instead of the state growing with
 * the attack. 14 bytes an entry: start as a nanosecond long, port as two bytes, responder bytes as an int (exact up
 * to 2 GiB, saturated above).
 */
final class ServiceRepeats {

    private long[] starts = new long[8];
    private char[] ports = new char[8];
    private int[] bytes = new int[8];
    private int count;

    /** Records a TCP flow to {@code port} that started at {@code startNs} with {@code responderBytes}. */
    void observe(long startNs, int port, long responderBytes) {
        int b = BeaconStarts.saturated(responderBytes);
        int insert = count;
        boolean replaced = false;
        for (int i = 0; i < count; i++) {
            if (starts[i] == startNs && ports[i] == port) {
                bytes[i] = b; // one entry per start and port, the newer flow's bytes
                replaced = true;
                break;
            }
            if (starts[i] > startNs) {
                insert = i;
                break;
            }
        }
        if (!replaced) {
            grow();
            System.arraycopy(starts, insert, starts, insert + 1, count - insert);
            System.arraycopy(ports, insert, ports, insert + 1, count - insert);
            System.arraycopy(bytes, insert, bytes, insert + 1, count - insert);
            starts[insert] = startNs;
            ports[insert] = (char) port;
            bytes[insert] = b;
            count++;
        }
        long oldest = startNs - HostContextFeatures.REPEATS_WINDOW_NS;
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (ports[i] == port && starts[i] < oldest) {
                continue;
            }
            starts[kept] = starts[i];
            ports[kept] = ports[i];
            bytes[kept] = bytes[i];
            kept++;
        }
        int drop = Math.max(0, kept - HostContextFeatures.REPEATS_MAX);
        if (drop > 0) {
            System.arraycopy(starts, drop, starts, 0, kept - drop);
            System.arraycopy(ports, drop, ports, 0, kept - drop);
            System.arraycopy(bytes, drop, bytes, 0, kept - drop);
        }
        count = kept - drop;
    }

    private void grow() {
        if (count == starts.length) {
            int n = Math.min(HostContextFeatures.REPEATS_MAX + 1, starts.length * 2);
            starts = java.util.Arrays.copyOf(starts, n);
            ports = java.util.Arrays.copyOf(ports, n);
            bytes = java.util.Arrays.copyOf(bytes, n);
        }
    }

    int count() {
        return count;
    }

    /**
     * For a TCP flow to {@code port}: the entries of that port times the regularity of their responder bytes once
     * there are {@link HostContextFeatures#REPEATS_MIN} of them, else 0.
     */
    double score(int protocol, int port) {
        if (protocol != HostContextFeatures.TCP) {
            return 0;
        }
        double[] col = new double[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (ports[i] == port) {
                col[n++] = bytes[i];
            }
        }
        return n < HostContextFeatures.REPEATS_MIN ? 0 : n * Regularity.of(col, n);
    }

    /** Encoded size: a count byte, then 14 bytes an entry. */
    int encodedSize() {
        return 1 + 14 * count;
    }

    void write(ByteBuffer out) {
        out.put((byte) count);
        for (int i = 0; i < count; i++) {
            out.putLong(starts[i]);
            out.putChar(ports[i]);
            out.putInt(bytes[i]);
        }
    }

    void read(ByteBuffer in) {
        int n = Byte.toUnsignedInt(in.get());
        if (n > HostContextFeatures.REPEATS_MAX) {
            throw new IllegalArgumentException("service repeats count " + n + ": expected at most "
                    + HostContextFeatures.REPEATS_MAX);
        }
        starts = new long[Math.max(8, n)];
        ports = new char[starts.length];
        bytes = new int[starts.length];
        for (int i = 0; i < n; i++) {
            starts[i] = in.getLong();
            ports[i] = in.getChar();
            bytes[i] = in.getInt();
            if (i > 0 && starts[i] < starts[i - 1]) {
                throw new IllegalArgumentException("service repeat start " + starts[i] + " after " + starts[i - 1]
                        + ": expected starts in order");
            }
        }
        count = n;
    }
}
