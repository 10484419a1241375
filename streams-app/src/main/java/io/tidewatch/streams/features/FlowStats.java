package io.tidewatch.streams.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The running statistics of one flow segment, fed its packets once, in time order. Directions are the FlowKey's
 * canonical ones ({@link #A_TO_B}, {@link #B_TO_A}), not originator/responder: the originator can still change
 * while batches from a second probe arrive, so the mapping is applied only when features are read
 * ({@link FlowFeatures}). Everything here is O(1) in the number of packets except the first-N packet dynamics
 * (SPLT), which are bounded by N.
 */
public final class FlowStats {

    public static final int A_TO_B = 0;
    public static final int B_TO_A = 1;
    /** TCP flag bits in the order the features name them. */
    public static final String[] FLAG_NAMES = {"fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr"};

    /** Statistics of the packets one side sent. */
    public static final class Side {
        long packets;
        long ipBytes;
        long payloadBytes;
        final RunningStat size = new RunningStat();
        final RunningStat iat = new RunningStat();
        long firstNs = Long.MIN_VALUE;
        long lastNs = Long.MIN_VALUE;
        final long[] flagCounts = new long[FLAG_NAMES.length];
        int flagsOr;
        long initWindow = -1;

        public long packets() { return packets; }
        public long ipBytes() { return ipBytes; }
        public long payloadBytes() { return payloadBytes; }
        public RunningStat size() { return size; }
        /** Inter-arrival times between consecutive packets of this side, milliseconds. */
        public RunningStat iatMs() { return iat; }
        public long firstNs() { return firstNs; }
        public long lastNs() { return lastNs; }
        public long flagCount(int bit) { return flagCounts[bit]; }
        /** OR of every TCP flags value this side sent. */
        public int flagsOr() { return flagsOr; }
        /** TCP window of this side's first packet, -1 when it sent none (or the flow is not TCP). */
        public long initWindow() { return initWindow; }

        void reset() {
            packets = 0;
            ipBytes = 0;
            payloadBytes = 0;
            size.reset();
            iat.reset();
            firstNs = Long.MIN_VALUE;
            lastNs = Long.MIN_VALUE;
            java.util.Arrays.fill(flagCounts, 0);
            flagsOr = 0;
            initWindow = -1;
        }

        void write(DataOutput out) throws IOException {
            out.writeLong(packets);
            out.writeLong(ipBytes);
            out.writeLong(payloadBytes);
            size.write(out);
            iat.write(out);
            out.writeLong(firstNs);
            out.writeLong(lastNs);
            for (long c : flagCounts) {
                out.writeLong(c);
            }
            out.writeInt(flagsOr);
            out.writeLong(initWindow);
        }

        void read(DataInput in) throws IOException {
            packets = in.readLong();
            ipBytes = in.readLong();
            payloadBytes = in.readLong();
            size.read(in);
            iat.read(in);
            firstNs = in.readLong();
            lastNs = in.readLong();
            for (int i = 0; i < flagCounts.length; i++) {
                flagCounts[i] = in.readLong();
            }
            flagsOr = in.readInt();
            initWindow = in.readLong();
        }
    }

    private final int spltLength;
    private final long activityTimeoutNs;
    private final Side[] sides = {new Side(), new Side()};
    private final RunningStat size = new RunningStat();
    private final RunningStat iat = new RunningStat();
    private final RunningStat active = new RunningStat();
    private final RunningStat idle = new RunningStat();
    private long firstNs = Long.MIN_VALUE;
    private long lastNs = Long.MIN_VALUE;
    private long activeStartNs = Long.MIN_VALUE;
    private int spltCount;
    private final int[] spltSize;
    private final double[] spltIatMs;
    private final byte[] spltDir;

    /**
     * @param spltLength how many first packets keep their size, inter-arrival time and direction (SPLT)
     * @param activityTimeoutNs a gap longer than this ends an active period and counts as idle (CICFlowMeter's
     *        activity timeout, 5 s by default there)
     */
    public FlowStats(int spltLength, long activityTimeoutNs) {
        if (spltLength < 0 || spltLength > 1024) {
            throw new IllegalArgumentException("SPLT length " + spltLength + ": expected 0..1024");
        }
        if (activityTimeoutNs <= 0) {
            throw new IllegalArgumentException("activity timeout " + activityTimeoutNs + " ns: expected > 0");
        }
        this.spltLength = spltLength;
        this.activityTimeoutNs = activityTimeoutNs;
        this.spltSize = new int[spltLength];
        this.spltIatMs = new double[spltLength];
        this.spltDir = new byte[spltLength];
    }

    /**
     * Adds one packet. Packets must come in non-decreasing time order (the assembler sorts within its grace
     * period); an earlier one is rejected so a bug cannot silently produce negative inter-arrival times.
     */
    public void add(long tsNs, int direction, long ipLength, long payloadLength, int tcpFlags, long tcpWindow) {
        if (direction != A_TO_B && direction != B_TO_A) {
            throw new IllegalArgumentException("direction " + direction + ": expected 0 (A to B) or 1 (B to A)");
        }
        if (lastNs != Long.MIN_VALUE && tsNs < lastNs) {
            throw new IllegalArgumentException("packet at " + tsNs + " ns is before the last one at " + lastNs
                    + " ns: packets must be added in time order");
        }
        Side s = sides[direction];
        double iatMs = 0;
        if (lastNs == Long.MIN_VALUE) {
            firstNs = tsNs;
            activeStartNs = tsNs;
        } else {
            long gap = tsNs - lastNs;
            iatMs = gap / 1e6;
            iat.add(iatMs);
            if (gap > activityTimeoutNs) {
                if (lastNs > activeStartNs) {
                    active.add((lastNs - activeStartNs) / 1e6);
                }
                idle.add(gap / 1e6);
                activeStartNs = tsNs;
            }
        }
        if (spltCount < spltLength) {
            spltSize[spltCount] = (int) Math.min(Integer.MAX_VALUE, ipLength);
            spltIatMs[spltCount] = iatMs;
            spltDir[spltCount] = (byte) direction;
            spltCount++;
        }
        lastNs = tsNs;
        size.add(ipLength);

        if (s.packets == 0) {
            s.firstNs = tsNs;
            if (tcpFlags != 0 || tcpWindow != 0) {
                s.initWindow = tcpWindow;
            }
        } else {
            s.iat.add((tsNs - s.lastNs) / 1e6);
        }
        s.lastNs = tsNs;
        s.packets++;
        s.ipBytes += ipLength;
        s.payloadBytes += payloadLength;
        s.size.add(ipLength);
        s.flagsOr |= tcpFlags;
        for (int bit = 0; bit < FLAG_NAMES.length; bit++) {
            if ((tcpFlags & (1 << bit)) != 0) {
                s.flagCounts[bit]++;
            }
        }
    }

    /** Empties the statistics for the next segment of the same flow. */
    public void reset() {
        sides[0].reset();
        sides[1].reset();
        size.reset();
        iat.reset();
        active.reset();
        idle.reset();
        firstNs = Long.MIN_VALUE;
        lastNs = Long.MIN_VALUE;
        activeStartNs = Long.MIN_VALUE;
        spltCount = 0;
    }

    public Side side(int direction) {
        return sides[direction];
    }

    public long packets() {
        return sides[0].packets + sides[1].packets;
    }

    public boolean isEmpty() {
        return packets() == 0;
    }

    public long firstNs() {
        return firstNs;
    }

    public long lastNs() {
        return lastNs;
    }

    /** Packet sizes (IP length) of both directions. */
    public RunningStat size() {
        return size;
    }

    /** Inter-arrival times of consecutive packets regardless of direction, milliseconds. */
    public RunningStat iatMs() {
        return iat;
    }

    /** Active periods, milliseconds, including the one still running (closed at the last packet). */
    public RunningStat activeMs() {
        RunningStat out = active.copy();
        if (lastNs != Long.MIN_VALUE && lastNs > activeStartNs) {
            out.add((lastNs - activeStartNs) / 1e6);
        }
        return out;
    }

    /** Idle periods (gaps over the activity timeout), milliseconds. */
    public RunningStat idleMs() {
        return idle;
    }

    public int spltLength() {
        return spltLength;
    }

    public int spltCount() {
        return spltCount;
    }

    public int spltSize(int i) {
        return spltSize[i];
    }

    public double spltIatMs(int i) {
        return spltIatMs[i];
    }

    public int spltDirection(int i) {
        return spltDir[i];
    }

    public void write(DataOutput out) throws IOException {
        sides[0].write(out);
        sides[1].write(out);
        size.write(out);
        iat.write(out);
        active.write(out);
        idle.write(out);
        out.writeLong(firstNs);
        out.writeLong(lastNs);
        out.writeLong(activeStartNs);
        out.writeShort(spltCount);
        for (int i = 0; i < spltCount; i++) {
            out.writeInt(spltSize[i]);
            out.writeDouble(spltIatMs[i]);
            out.writeByte(spltDir[i]);
        }
    }

    public void read(DataInput in) throws IOException {
        sides[0].read(in);
        sides[1].read(in);
        size.read(in);
        iat.read(in);
        active.read(in);
        idle.read(in);
        firstNs = in.readLong();
        lastNs = in.readLong();
        activeStartNs = in.readLong();
        int count = in.readShort();
        if (count < 0 || count > spltLength) {
            throw new IOException("stored SPLT count " + count + " does not fit the configured length " + spltLength);
        }
        spltCount = count;
        for (int i = 0; i < count; i++) {
            spltSize[i] = in.readInt();
            spltIatMs[i] = in.readDouble();
            spltDir[i] = in.readByte();
        }
    }
}
