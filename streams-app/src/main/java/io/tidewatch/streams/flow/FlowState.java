package io.tidewatch.streams.flow;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.streams.features.FlowStats;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Everything the assembler keeps about one flow between batches: the running statistics of the current segment
 * (not its packets), the packets still held for reordering, batch bookkeeping, TCP end state, and, once closed, a
 * tombstone that counts late batches.
 *
 * <p>The encoding is a hand-written, versioned binary layout rather than a Protobuf message: the state is read and
 * rewritten on every batch of every flow, so it should be as small and as cheap to (de)serialize as possible, it
 * never leaves the application (RocksDB and its changelog only), and it needs no generated code in this module. A
 * change of layout bumps {@link #VERSION}.
 */
final class FlowState {

    static final byte VERSION = 1;

    FlowKey key;
    /** {@link #key} serialized, kept so the key is not re-serialized on every encode. */
    byte[] keyBytes;
    boolean closed;
    /** Stream time (ns) at which the flow was closed; batches before it are late. */
    long closedAtNs;

    int segment;
    /** First packet of segment 0: part of every segment's flow id. */
    long flowStartNs = Long.MIN_VALUE;
    /** Canonical direction in which the originator sends; -1 before the first batch. */
    int originatorDir = -1;
    long originatorFirstSeenNs = Long.MAX_VALUE;

    final ProbeStreams probeStreams = new ProbeStreams();
    final Set<String> segmentProbes = new LinkedHashSet<>();
    int lateBatches;
    int duplicateBatches;

    boolean finAToB;
    boolean finBToA;
    boolean rst;
    long tcpEndNs = Long.MIN_VALUE;

    /** Newest packet seen, folded or pending. */
    long lastSeenNs = Long.MIN_VALUE;
    /** Newest packet folded into the statistics (of any segment): anything older arrives too late. */
    long foldedUpToNs = Long.MIN_VALUE;
    /** Deadline (ms) of this flow's entry in the deadline index, so the entry can be removed when it changes. */
    long indexedDeadlineMs = Long.MIN_VALUE;

    final FlowStats stats;
    final PendingPackets pending = new PendingPackets();

    FlowState(int spltLength, long activityTimeoutNs) {
        stats = new FlowStats(spltLength, activityTimeoutNs);
    }

    /** Start of the current segment: its first folded packet, or the first pending one. */
    long segmentStartNs() {
        if (!stats.isEmpty()) {
            return stats.firstNs();
        }
        return pending.isEmpty() ? Long.MIN_VALUE : pending.firstTs();
    }

    boolean hasPackets() {
        return !stats.isEmpty() || !pending.isEmpty();
    }

    byte[] encode() {
        return encode(new StateWriter(512));
    }

    /** Encodes into {@code out} (reset first, so one writer serves every flow of a task) and copies the bytes out. */
    byte[] encode(StateWriter out) {
        out.reset();
        try {
            out.writeByte(VERSION);
            if (keyBytes == null) {
                keyBytes = key.toByteArray();
            }
            byte[] k = keyBytes;
            out.writeShort(k.length);
            out.write(k);
            out.writeBoolean(closed);
            out.writeLong(closedAtNs);
            out.writeInt(lateBatches);
            out.writeLong(indexedDeadlineMs);
            if (closed) {
                // A tombstone needs only what late-batch counting reads.
                return out.toByteArray();
            }
            out.writeInt(segment);
            out.writeLong(flowStartNs);
            out.writeByte(originatorDir);
            out.writeLong(originatorFirstSeenNs);
            probeStreams.write(out);
            out.writeByte(segmentProbes.size());
            for (String p : segmentProbes) {
                out.writeUTF(p);
            }
            out.writeInt(duplicateBatches);
            out.writeByte((finAToB ? 1 : 0) | (finBToA ? 2 : 0) | (rst ? 4 : 0));
            out.writeLong(tcpEndNs);
            out.writeLong(lastSeenNs);
            out.writeLong(foldedUpToNs);
            stats.write(out);
            pending.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode flow state", e);
        }
    }

    static FlowState decode(byte[] bytes, int spltLength, long activityTimeoutNs) {
        try {
            StateReader in = new StateReader(bytes);
            byte v = in.readByte();
            if (v != VERSION) {
                throw new IllegalArgumentException("flow state version " + v + ": expected " + VERSION);
            }
            FlowState s = new FlowState(spltLength, activityTimeoutNs);
            byte[] k = new byte[in.readShort()];
            in.readFully(k);
            s.key = FlowKey.parseFrom(k);
            s.keyBytes = k;
            s.closed = in.readBoolean();
            s.closedAtNs = in.readLong();
            s.lateBatches = in.readInt();
            s.indexedDeadlineMs = in.readLong();
            if (s.closed) {
                return s;
            }
            s.segment = in.readInt();
            s.flowStartNs = in.readLong();
            s.originatorDir = in.readByte();
            s.originatorFirstSeenNs = in.readLong();
            s.probeStreams.read(in);
            int probes = in.readByte();
            for (int i = 0; i < probes; i++) {
                s.segmentProbes.add(in.readUTF());
            }
            s.duplicateBatches = in.readInt();
            int tcp = in.readByte();
            s.finAToB = (tcp & 1) != 0;
            s.finBToA = (tcp & 2) != 0;
            s.rst = (tcp & 4) != 0;
            s.tcpEndNs = in.readLong();
            s.lastSeenNs = in.readLong();
            s.foldedUpToNs = in.readLong();
            s.stats.read(in);
            s.pending.read(in);
            return s;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("flow state holds an unreadable flow key", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("flow state of " + bytes.length + " bytes is truncated or corrupt", e);
        }
    }
}
