package io.tidewatch.probe.flow;

import io.tidewatch.probe.decode.DecodedPacket;
import io.tidewatch.probe.output.BatchSink;
import io.tidewatch.probe.output.EncodedBatch;
import io.tidewatch.proto.v1.Direction;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import java.util.Arrays;

/**
 * The probe's edge flow table: bidirectional flows under a canonical key (endpoint A is the lower one, as
 * Community ID v1 orders them), each accumulating packet dynamics that are flushed as a
 * {@link PacketDynamicsBatch} after N packets, when the batch is T ms old, when TCP ends (FIN both ways or RST,
 * after a short linger for the last ACKs), on idle timeout, on eviction and at end of input. All time is packet
 * time. Bounded: when full, the idlest flow is evicted.
 *
 * <p>Per packet the table allocates nothing once a flow exists: lookups hash the packet's fields in place and
 * packet dynamics go into primitive columns. Three intrusive lists keep the work per packet constant: flows by
 * last activity (idle expiry, eviction), open batches by age (T ms flush) and lingering TCP flows by close time.
 * Not thread-safe: one capture thread owns it.
 */
public final class FlowTable {

    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int ACK = 0x10;
    private static final int MAX_24 = (1 << 24) - 1;
    private static final FlowEndReason[] REASONS = FlowEndReason.values();

    private final FlowTableConfig config;
    private final BatchSink sink;
    private final FlowSegmentSink segments;
    private final CommunityId communityId;
    private final BatchEncoder encoder;
    private final long batchNs;
    private final long idleNs;
    private final long lingerNs;
    private final int initialCapacity;

    private final Flow[] buckets;
    private final int mask;
    private int size;

    private Flow lruHead;
    private Flow lruTail;
    private Flow batchHead;
    private Flow batchTail;
    private Flow closeHead;
    private Flow closeTail;

    private long now = Long.MIN_VALUE;

    private long flowsCreated;
    private long batches;
    private long evictions;
    private final long[] closedByReason = new long[REASONS.length];

    /**
     * @param sink     receives every finished batch (required)
     * @param segments receives every closed flow segment, or null when nobody wants them
     */
    public FlowTable(FlowTableConfig config, BatchSink sink, FlowSegmentSink segments) {
        if (config == null || sink == null) {
            throw new IllegalArgumentException("flow table: a config and a batch sink are required, got "
                    + (config == null ? "no config" : "no sink"));
        }
        this.config = config;
        this.sink = sink;
        this.segments = segments;
        this.communityId = new CommunityId(config.communityIdSeed());
        this.encoder = new BatchEncoder(config.probeId());
        this.batchNs = config.batchMillis() * 1_000_000L;
        this.idleNs = config.idleMillis() * 1_000_000L;
        this.lingerNs = config.tcpLingerMillis() * 1_000_000L;
        this.initialCapacity = Math.min(4, config.batchPackets());
        int n = Integer.highestOneBit(Math.max(16, config.maxFlows()) * 2 - 1);
        this.buckets = new Flow[Math.min(n, 1 << 28)];
        this.mask = buckets.length - 1;
    }

    /** Adds one decoded packet: finds or creates its flow, records its dynamics, flushes what is due. */
    public void offer(DecodedPacket p) {
        long ts = p.timestampNs;
        advanceTo(ts);
        int proto = p.protocol;
        int len = p.addressLength;
        int sp = 0;
        int dp = 0;
        boolean srcIsA;
        if (CommunityId.hasPorts(proto)) {
            sp = p.srcPort;
            dp = p.dstPort;
            boolean oneWay = false;
            if (CommunityId.isIcmp(proto)) {
                int peer = CommunityId.icmpPeer(proto, sp);
                if (peer < 0) {
                    oneWay = true;
                } else {
                    dp = peer;
                }
            }
            srcIsA = oneWay || CommunityId.isOrdered(p.srcIp, 0, sp, p.dstIp, 0, dp, len);
        } else {
            srcIsA = CommunityId.isOrdered(p.srcIp, 0, 0, p.dstIp, 0, 0, len);
        }
        byte[] aIp = srcIsA ? p.srcIp : p.dstIp;
        byte[] bIp = srcIsA ? p.dstIp : p.srcIp;
        int aPort = srcIsA ? sp : dp;
        int bPort = srcIsA ? dp : sp;
        int h = hash(aIp, bIp, len, aPort, bPort, proto);
        Flow f = find(h, aIp, bIp, len, aPort, bPort, proto);
        int flags = p.tcpFlags;
        if (f != null && f.closing && proto == 6 && (flags & (SYN | ACK)) == SYN) {
            close(f, f.closingReason); // a new connection reusing the ports of one that just ended
            f = null;
        }
        if (f == null) {
            if (size >= config.maxFlows()) {
                evictions++;
                close(lruHead, FlowEndReason.FLOW_END_REASON_EVICTED);
            }
            byte[] addresses = new byte[2 * len];
            System.arraycopy(aIp, 0, addresses, 0, len);
            System.arraycopy(bIp, 0, addresses, len, len);
            f = new Flow(h, proto, aPort, bPort, addresses, ts, srcIsA ? 1 : 2, initialCapacity);
            int bucket = h & mask;
            f.bucketNext = buckets[bucket];
            buckets[bucket] = f;
            lruAppend(f);
            size++;
            flowsCreated++;
        } else {
            lruMoveToTail(f);
        }
        if (f.count > 0 && ts - f.batchBaseNs >= batchNs) {
            flush(f, FlowEndReason.FLOW_END_REASON_NONE);
        }
        append(f, p, srcIsA);
        if (ts > f.lastSeenNs) {
            f.lastSeenNs = ts;
        }
        if (proto == 6) {
            if ((flags & RST) != 0) {
                startClosing(f, FlowEndReason.FLOW_END_REASON_TCP_RST, ts);
            } else if ((flags & FIN) != 0) {
                f.finMask |= srcIsA ? 1 : 2;
                if (f.finMask == 3) {
                    startClosing(f, FlowEndReason.FLOW_END_REASON_TCP_FIN, ts);
                }
            }
        }
        if (f.closing && f.closeAtNs <= ts && !f.closed) {
            close(f, f.closingReason);
        } else if (f.count >= config.batchPackets()) {
            flush(f, FlowEndReason.FLOW_END_REASON_NONE);
        }
    }

    /**
     * Moves packet time forward to {@code nowNs} (never back) and does what is due by then: lingering TCP flows
     * close, idle flows close, batches older than T flush. A live capture calls this from a timer when traffic
     * pauses; file replay gets it from every packet.
     */
    public void advanceTo(long nowNs) {
        if (nowNs <= now) {
            return;
        }
        now = nowNs;
        while (closeHead != null && (closeHead.closed || closeHead.closeAtNs <= nowNs)) {
            Flow f = closeHead;
            closeHead = f.closeNext;
            f.closeNext = null;
            if (closeHead == null) {
                closeTail = null;
            }
            if (!f.closed) {
                close(f, f.closingReason);
            }
        }
        while (lruHead != null && nowNs - lruHead.lastSeenNs >= idleNs) {
            close(lruHead, FlowEndReason.FLOW_END_REASON_IDLE);
        }
        while (batchHead != null && nowNs - batchHead.batchBaseNs >= batchNs) {
            flush(batchHead, FlowEndReason.FLOW_END_REASON_NONE);
        }
    }

    /** Closes every open flow with END_OF_INPUT, oldest activity first. */
    public void endOfInput() {
        while (lruHead != null) {
            close(lruHead, FlowEndReason.FLOW_END_REASON_END_OF_INPUT);
        }
        closeHead = null;
        closeTail = null;
    }

    /**
     * The table's packet-time clock: for a capture file the newest packet offered; {@code Long.MIN_VALUE} before
     * the first.
     */
    public long clockNs() {
        return now;
    }

    public int openFlows() {
        return size;
    }

    public long flowsCreated() {
        return flowsCreated;
    }

    public long batches() {
        return batches;
    }

    public long evictions() {
        return evictions;
    }

    public long closed(FlowEndReason reason) {
        return closedByReason[reason.ordinal()];
    }

    public FlowTableConfig config() {
        return config;
    }

    private void startClosing(Flow f, FlowEndReason reason, long ts) {
        if (f.closing) {
            return;
        }
        f.closing = true;
        f.closingReason = reason;
        f.closeAtNs = ts + lingerNs;
        if (lingerNs == 0) {
            return; // closed right after this packet is recorded
        }
        if (closeTail == null) {
            closeHead = f;
        } else {
            closeTail.closeNext = f;
        }
        closeTail = f;
    }

    private void append(Flow f, DecodedPacket p, boolean srcIsA) {
        int n = f.count;
        long[] c = f.columns;
        if (3 * n + 3 > c.length) {
            c = Arrays.copyOf(c, Math.min(c.length * 2, 3 * config.batchPackets()));
            f.columns = c;
        }
        if (n == 0) {
            f.batchBaseNs = p.timestampNs;
            batchAppend(f);
        }
        int ipLen = Math.min(p.ipLength, MAX_24);
        int i = 3 * n;
        c[i] = p.timestampNs;
        c[i + 1] = ((long) ipLen << 33) | ((long) Math.min(p.payloadLength, MAX_24) << 9) | (p.tcpFlags & 0x1FF);
        c[i + 2] = ((long) (p.tcpWindow & 0xFFFF) << 41) | ((p.tcpOptions & 0xFFFFFFFFL) << 9)
                | ((long) (p.ttl & 0xFF) << 1) | (srcIsA ? 0 : 1);
        f.count = n + 1;
        if (srcIsA) {
            f.aPackets++;
            f.aBytes += p.ipLength;
        } else {
            f.bPackets++;
            f.bBytes += p.ipLength;
        }
    }

    private void flush(Flow f, FlowEndReason end) {
        batchRemove(f);
        key(f);
        int n = f.count;
        byte[] value = encoder.encode(f, end.getNumber(),
                f.initiator == 1 ? Direction.DIRECTION_A_TO_B_VALUE : Direction.DIRECTION_B_TO_A_VALUE);
        f.packetsBefore += n;
        f.batchSeq++;
        f.count = 0;
        batches++;
        sink.accept(new EncodedBatch(f.keyBytes, value, n));
    }

    private void close(Flow f, FlowEndReason reason) {
        if (f.closed) {
            return;
        }
        flush(f, reason);
        f.closed = true;
        closedByReason[reason.ordinal()]++;
        lruRemove(f);
        int bucket = f.hash & mask;
        Flow prev = null;
        for (Flow x = buckets[bucket]; x != null; prev = x, x = x.bucketNext) {
            if (x == f) {
                if (prev == null) {
                    buckets[bucket] = x.bucketNext;
                } else {
                    prev.bucketNext = x.bucketNext;
                }
                break;
            }
        }
        f.bucketNext = null;
        size--;
        if (segments != null) {
            int len = f.addressLength();
            byte[] a = Arrays.copyOfRange(f.addresses, 0, len);
            byte[] bb = Arrays.copyOfRange(f.addresses, len, 2 * len);
            boolean aOrig = f.initiator == 1;
            segments.onSegmentClosed(new FlowSegment(f.communityId, f.protocol,
                    aOrig ? a : bb, aOrig ? f.aPort : f.bPort, aOrig ? bb : a, aOrig ? f.bPort : f.aPort,
                    f.firstSeenNs, f.lastSeenNs,
                    aOrig ? f.aPackets : f.bPackets, aOrig ? f.aBytes : f.bBytes,
                    aOrig ? f.bPackets : f.aPackets, aOrig ? f.bBytes : f.aBytes, reason));
        }
    }

    /** The flow's encoded FlowKey and Community ID, computed once per flow, when first needed. */
    private byte[] key(Flow f) {
        byte[] k = f.keyBytes;
        if (k == null) {
            f.communityId = communityIdOf(f);
            k = BatchEncoder.encodeKey((int) config.observationDomain(), f.addresses, f.aPort, f.bPort, f.protocol,
                    f.communityId);
            f.keyBytes = k;
        }
        return k;
    }

    /**
     * The flow's Community ID. A is the lower endpoint, so hashing A to B gives the spec's value; for two-way ICMP
     * types the key's ports are type and counterpart type, and the spec ignores the code for those, so the key's
     * ports can be passed as they are.
     */
    private String communityIdOf(Flow f) {
        int len = f.addressLength();
        return communityId.compute(f.addresses, 0, f.addresses, len, len, f.protocol, f.aPort, f.bPort);
    }

    private static int hash(byte[] a, byte[] b, int len, int aPort, int bPort, int proto) {
        int h = proto * 0x9E3779B1 + (aPort << 16 | bPort);
        for (int i = 0; i < len; i++) {
            h = h * 31 + a[i];
        }
        for (int i = 0; i < len; i++) {
            h = h * 31 + b[i];
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }

    private Flow find(int h, byte[] a, byte[] b, int len, int aPort, int bPort, int proto) {
        for (Flow f = buckets[h & mask]; f != null; f = f.bucketNext) {
            if (f.hash == h && f.aPort == aPort && f.bPort == bPort && f.protocol == proto
                    && f.addresses.length == 2 * len
                    && same(f.addresses, 0, a, len) && same(f.addresses, len, b, len)) {
                return f;
            }
        }
        return null;
    }

    /** A plain loop: for 4 or 16 bytes it beats the vectorized Arrays.equals and its call overhead. */
    private static boolean same(byte[] x, int from, byte[] y, int len) {
        for (int i = 0; i < len; i++) {
            if (x[from + i] != y[i]) {
                return false;
            }
        }
        return true;
    }

    private void lruAppend(Flow f) {
        f.lruPrev = lruTail;
        f.lruNext = null;
        if (lruTail == null) {
            lruHead = f;
        } else {
            lruTail.lruNext = f;
        }
        lruTail = f;
    }

    private void lruRemove(Flow f) {
        if (f.lruPrev == null) {
            lruHead = f.lruNext;
        } else {
            f.lruPrev.lruNext = f.lruNext;
        }
        if (f.lruNext == null) {
            lruTail = f.lruPrev;
        } else {
            f.lruNext.lruPrev = f.lruPrev;
        }
        f.lruPrev = null;
        f.lruNext = null;
    }

    private void lruMoveToTail(Flow f) {
        if (lruTail != f) {
            lruRemove(f);
            lruAppend(f);
        }
    }

    private void batchAppend(Flow f) {
        f.inBatchList = true;
        f.batchPrev = batchTail;
        f.batchNext = null;
        if (batchTail == null) {
            batchHead = f;
        } else {
            batchTail.batchNext = f;
        }
        batchTail = f;
    }

    private void batchRemove(Flow f) {
        if (!f.inBatchList) {
            return;
        }
        f.inBatchList = false;
        if (f.batchPrev == null) {
            batchHead = f.batchNext;
        } else {
            f.batchPrev.batchNext = f.batchNext;
        }
        if (f.batchNext == null) {
            batchTail = f.batchPrev;
        } else {
            f.batchNext.batchPrev = f.batchPrev;
        }
        f.batchPrev = null;
        f.batchNext = null;
    }
}
