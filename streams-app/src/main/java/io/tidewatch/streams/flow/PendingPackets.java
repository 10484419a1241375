package io.tidewatch.streams.flow;

import io.tidewatch.streams.features.FlowStats;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Packets of one flow held back for the grace period so that batches from two probes, or batches out of order,
 * are folded into the statistics in timestamp order. Kept sorted by time (stable: equal timestamps keep their
 * arrival order); bounded by the assembler, which folds the oldest when it is full.
 */
final class PendingPackets {

    private int n;
    private long[] ts = new long[8];
    private byte[] dir = new byte[8];
    private int[] ipLen = new int[8];
    private int[] payLen = new int[8];
    private int[] flags = new int[8];
    private int[] window = new int[8];

    int size() {
        return n;
    }

    boolean isEmpty() {
        return n == 0;
    }

    long firstTs() {
        return ts[0];
    }

    long lastTs() {
        return ts[n - 1];
    }

    private void grow(int min) {
        if (min <= ts.length) {
            return;
        }
        int cap = Math.max(min, ts.length * 2);
        ts = Arrays.copyOf(ts, cap);
        dir = Arrays.copyOf(dir, cap);
        ipLen = Arrays.copyOf(ipLen, cap);
        payLen = Arrays.copyOf(payLen, cap);
        flags = Arrays.copyOf(flags, cap);
        window = Arrays.copyOf(window, cap);
    }

    void add(long t, int d, int ip, int pay, int f, int w) {
        grow(n + 1);
        // Usually the packet is the newest: the scan from the end stops at once.
        int i = n;
        while (i > 0 && ts[i - 1] > t) {
            i--;
        }
        if (i < n) {
            System.arraycopy(ts, i, ts, i + 1, n - i);
            System.arraycopy(dir, i, dir, i + 1, n - i);
            System.arraycopy(ipLen, i, ipLen, i + 1, n - i);
            System.arraycopy(payLen, i, payLen, i + 1, n - i);
            System.arraycopy(flags, i, flags, i + 1, n - i);
            System.arraycopy(window, i, window, i + 1, n - i);
        }
        ts[i] = t;
        dir[i] = (byte) d;
        ipLen[i] = ip;
        payLen[i] = pay;
        flags[i] = f;
        window[i] = w;
        n++;
    }

    /**
     * Folds into {@code stats} the packets with timestamp below {@code beforeNs} (all of them for
     * {@code Long.MAX_VALUE}), oldest first, and at least {@code atLeast} packets. Returns the last folded
     * timestamp, or {@code Long.MIN_VALUE} when none was folded.
     */
    long foldInto(FlowStats stats, long beforeNs, int atLeast) {
        int k = 0;
        while (k < n && (ts[k] < beforeNs || k < atLeast)) {
            stats.add(ts[k], dir[k], ipLen[k] & 0xFFFFFFFFL, payLen[k] & 0xFFFFFFFFL, flags[k], window[k] & 0xFFFFFFFFL);
            k++;
        }
        if (k == 0) {
            return Long.MIN_VALUE;
        }
        long last = ts[k - 1];
        int rest = n - k;
        System.arraycopy(ts, k, ts, 0, rest);
        System.arraycopy(dir, k, dir, 0, rest);
        System.arraycopy(ipLen, k, ipLen, 0, rest);
        System.arraycopy(payLen, k, payLen, 0, rest);
        System.arraycopy(flags, k, flags, 0, rest);
        System.arraycopy(window, k, window, 0, rest);
        n = rest;
        return last;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeLong(ts[i]);
            out.writeByte(dir[i]);
            out.writeInt(ipLen[i]);
            out.writeInt(payLen[i]);
            out.writeShort(flags[i]);
            out.writeInt(window[i]);
        }
    }

    void read(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 1 << 20) {
            throw new IOException("pending packet count " + count + ": expected 0..2^20");
        }
        n = 0;
        grow(count);
        for (int i = 0; i < count; i++) {
            ts[i] = in.readLong();
            dir[i] = in.readByte();
            ipLen[i] = in.readInt();
            payLen[i] = in.readInt();
            flags[i] = in.readShort() & 0xFFFF;
            window[i] = in.readInt();
        }
        n = count;
    }
}
