package io.tidewatch.streams.flow;

import io.tidewatch.proto.v1.Direction;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.FlowSide;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.streams.features.FeatureSets;
import io.tidewatch.streams.features.FlowFeatures;
import io.tidewatch.streams.features.FlowStats;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles packet-dynamics batches into bidirectional flows with NetFlow/IPFIX semantics and emits each closed
 * flow (or active-timeout segment) as a {@link FlowRecord} keyed by its originator's address.
 *
 * <p>Time is event time: the partition's stream time (the newest packet timestamp seen) drives idle and active
 * timeouts and the TCP linger through a STREAM_TIME punctuation over a deadline index, so the work per
 * punctuation is proportional to the flows that are due, not to the flows that are open. A WALL_CLOCK_TIME
 * punctuation advances the clock of a partition whose stream time has stalled, so its flows still close.
 *
 * <p>One store, {@code flow-state} (flow key bytes to {@link FlowState}), and an in-memory {@link DeadlineIndex}
 * rebuilt from it when the task starts.
 */
public final class FlowAssembler implements Processor<byte[], PacketDynamicsBatch, byte[], FlowRecord> {

    public static final String STATE_STORE = "flow-state";

    private static final Logger LOG = LoggerFactory.getLogger(FlowAssembler.class);
    /** Flows whose decoded state a task keeps beside the store (see {@link #load}); a few MB at most. */
    private static final int HOT_FLOWS = 4096;

    private final FlowAssemblyConfig config;
    private final FlowAssemblyCounters counters;
    private final String featureSet;
    private final long activityNs;
    private final long graceNs;

    private final StateWriter writer = new StateWriter(1024);
    private final HotFlows hot;

    private ProcessorContext<byte[], FlowRecord> context;
    private KeyValueStore<Bytes, byte[]> states;
    private final DeadlineIndex deadlines = new DeadlineIndex();
    private long lastStreamMs = Long.MIN_VALUE;
    private long wallAtLastAdvanceMs = Long.MIN_VALUE;

    public FlowAssembler(FlowAssemblyConfig config, FlowAssemblyCounters counters) {
        this.config = config;
        this.counters = counters;
        this.featureSet = FeatureSets.flowId(config.spltLength());
        this.activityNs = config.activityTimeout().toNanos();
        this.graceNs = config.grace().toNanos();
        this.hot = new HotFlows(HOT_FLOWS);
    }

    @Override
    public void init(ProcessorContext<byte[], FlowRecord> context) {
        this.context = context;
        this.hot.clear();
        this.states = context.getStateStore(STATE_STORE);
        rebuildDeadlines();
        context.schedule(config.punctuationInterval(), PunctuationType.STREAM_TIME, this::expire);
        long wallCheck = Math.max(100, Math.min(1000, config.wallClockFallback().toMillis() / 2));
        context.schedule(java.time.Duration.ofMillis(wallCheck), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(Record<byte[], PacketDynamicsBatch> record) {
        PacketDynamicsBatch batch = record.value();
        counters.batches.increment();
        if (batch == null) {
            counters.invalidBatches.increment();
            return;
        }
        BatchChecks.Kind kind;
        try {
            kind = BatchChecks.validate(batch);
        } catch (IllegalArgumentException e) {
            counters.invalidBatches.increment();
            LOG.debug("skipping invalid batch from probe '{}': {}", batch.getProbeId(), e.getMessage());
            return;
        }
        try {
            switch (kind) {
                case PACKETS -> processPackets(batch);
                case END_MARKER -> processEndMarker(batch);
                case CLOCK -> counters.clockRecords.increment(); // its time moved stream time already (extractor)
            }
        } catch (RuntimeException e) {
            // A state object may have been changed without being written: never trust the cache after a failure.
            hot.clear();
            throw e;
        }
    }

    /**
     * A batch without packets that ends a flow: the probe had already sent the flow's last packets when it decided
     * the flow was over. END_OF_INPUT (the capture ended, the probe stopped) closes the flow now, as a last batch
     * with packets would. Any other reason (idle, TCP end, eviction) is the probe's own view of where the flow ends;
     * the app applies its own timeouts ({@code flow.*}) to every flow, so the marker changes no state.
     */
    private void processEndMarker(PacketDynamicsBatch batch) {
        counters.endMarkers.increment();
        if (batch.getFlowEnd() != FlowEndReason.FLOW_END_REASON_END_OF_INPUT) {
            return;
        }
        Bytes key = Bytes.wrap(FlowKeys.bytes(batch.getFlow()));
        FlowState state = load(key);
        if (state == null || state.closed) {
            return;
        }
        if (!state.probeStreams.markSeen(batch.getProbeId(), batch.getFlowFirstSeenNs(), batch.getBatchSeq())) {
            state.duplicateBatches++;
            counters.duplicateBatches.increment();
            save(key, state);
            return;
        }
        close(key, state, FlowEndReason.FLOW_END_REASON_END_OF_INPUT, context.currentStreamTimeMs());
    }

    private void processPackets(PacketDynamicsBatch batch) {
        counters.packets.add(batch.getTsDeltaUsCount());
        long nowMs = context.currentStreamTimeMs();
        Bytes key = Bytes.wrap(FlowKeys.bytes(batch.getFlow()));
        FlowState state = load(key);
        long minTs = batch.getBaseTimestampNs();

        if (state != null && !state.closed) {
            if (dueEndNs(state, minTs) != Long.MIN_VALUE) {
                // The flow had timed out (idle, TCP linger) before this batch's first packet, but the punctuation
                // has not come round to it yet: close it at its own deadline first, so the packets start a new flow
                // exactly as they would have had the punctuation run just before them.
                FlowEndReason reason = endReason(state, minTs);
                close(key, state, reason, nowMs, closedAtNs(state, reason));
                state = load(key);
            } else if (state.tcpEndNs != Long.MIN_VALUE && minTs >= state.tcpEndNs && opensConnection(batch)) {
                // A SYN on a 5-tuple whose connection already ended (RST, or FIN both ways) and is only lingering
                // for its last ACKs: a new connection reusing the ports, as the probe sees it too. Merged into the
                // old flow, it would end with it, and its next packets would arrive after that close as late ones.
                FlowEndReason reason = state.rst ? FlowEndReason.FLOW_END_REASON_TCP_RST
                        : FlowEndReason.FLOW_END_REASON_TCP_FIN;
                close(key, state, reason, nowMs, Math.min(minTs, closedAtNs(state, reason)));
                state = load(key);
            }
        }
        int carriedLate = 0;
        if (state != null && state.closed) {
            if (minTs < state.closedAtNs) {
                state.lateBatches++;
                counters.lateBatches.increment();
                save(key, state);
                return;
            }
            // The same 5-tuple again after the flow closed (port reuse, a new connection): a new flow.
            carriedLate = state.lateBatches;
            unindex(key, state);
            state = null;
        }
        if (state == null) {
            state = new FlowState(config.spltLength(), activityNs);
            state.key = batch.getFlow();
            state.lateBatches = carriedLate;
        }
        if (!state.probeStreams.markSeen(batch.getProbeId(), batch.getFlowFirstSeenNs(), batch.getBatchSeq())) {
            state.duplicateBatches++;
            counters.duplicateBatches.increment();
            save(key, state);
            return;
        }
        if (minTs < state.foldedUpToNs) {
            state.lateBatches++;
            counters.lateBatches.increment();
            save(key, state);
            return;
        }
        if (batch.getFlowFirstSeenNs() < state.originatorFirstSeenNs || state.originatorDir < 0) {
            Direction init = batch.getInitiator();
            int dir = init == Direction.DIRECTION_A_TO_B ? FlowStats.A_TO_B
                    : init == Direction.DIRECTION_B_TO_A ? FlowStats.B_TO_A
                    : toCanonical(batch.getDirection(0));
            if (batch.getFlowFirstSeenNs() < state.originatorFirstSeenNs) {
                state.originatorFirstSeenNs = batch.getFlowFirstSeenNs();
            }
            state.originatorDir = dir;
        }
        state.segmentProbes.add(batch.getProbeId());
        addPackets(state, batch);

        if (batch.getFlowEnd() == FlowEndReason.FLOW_END_REASON_END_OF_INPUT) {
            close(key, state, FlowEndReason.FLOW_END_REASON_END_OF_INPUT, nowMs);
            return;
        }
        long nowNs = nowMs * 1_000_000L;
        splitActiveSegments(state, nowNs, nowMs);
        foldUpTo(state, nowNs - graceNs);
        foldOverflow(state);
        reindex(key, state);
        save(key, state);
    }

    /**
     * When an open flow's TCP linger or idle timeout ends at or before {@code atNs}: that end (ns); otherwise
     * {@code Long.MIN_VALUE}.
     */
    private long dueEndNs(FlowState s, long atNs) {
        if (s.tcpEndNs != Long.MIN_VALUE) {
            long tcp = s.tcpEndNs + config.tcpLinger().toNanos();
            if (tcp <= atNs) {
                return tcp;
            }
        }
        if (s.lastSeenNs != Long.MIN_VALUE) {
            long idle = s.lastSeenNs + config.idleTimeout().toNanos();
            if (idle <= atNs) {
                return idle;
            }
        }
        return Long.MIN_VALUE;
    }

    /** The batch's first packet is a TCP SYN without ACK: someone opens a connection. */
    private static boolean opensConnection(PacketDynamicsBatch batch) {
        return batch.getFlow().getIpProtocol() == 6 && batch.getTcpFlagsCount() > 0
                && (batch.getTcpFlags(0) & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.SYN;
    }

    private FlowEndReason endReason(FlowState s, long atNs) {
        if (s.tcpEndNs != Long.MIN_VALUE && s.tcpEndNs + config.tcpLinger().toNanos() <= atNs) {
            return s.rst ? FlowEndReason.FLOW_END_REASON_TCP_RST : FlowEndReason.FLOW_END_REASON_TCP_FIN;
        }
        return FlowEndReason.FLOW_END_REASON_IDLE;
    }

    /**
     * The flow's state, decoded from the store unless the store still holds the very array this task last wrote
     * for it: then the object that array was encoded from is up to date and is used as it is. The store stays the
     * only truth (a restored, restarted or migrated task finds other arrays and decodes them); the cache only
     * saves decoding what was encoded a moment ago.
     */
    private FlowState load(Bytes key) {
        byte[] stored = states.get(key);
        if (stored == null) {
            hot.remove(key);
            return null;
        }
        HotFlows.Entry e = hot.get(key);
        if (e != null && e.bytes() == stored) {
            counters.stateCacheHits.increment();
            return e.state();
        }
        return decode(stored);
    }

    private void save(Bytes key, FlowState state) {
        byte[] bytes = state.encode(writer);
        states.put(key, bytes);
        hot.put(key, bytes, state);
    }

    private void remove(Bytes key) {
        states.delete(key);
        hot.remove(key);
    }

    private FlowState decode(byte[] stored) {
        return FlowState.decode(stored, config.spltLength(), activityNs);
    }

    private static int toCanonical(Direction d) {
        return d == Direction.DIRECTION_B_TO_A ? FlowStats.B_TO_A : FlowStats.A_TO_B;
    }

    private void addPackets(FlowState state, PacketDynamicsBatch batch) {
        boolean tcp = batch.getFlow().getIpProtocol() == 6;
        long t = batch.getBaseTimestampNs();
        int n = batch.getTsDeltaUsCount();
        boolean hasPayload = batch.getPayloadLengthCount() == n;
        boolean hasFlags = batch.getTcpFlagsCount() == n;
        boolean hasWindow = batch.getTcpWindowCount() == n;
        for (int i = 0; i < n; i++) {
            t += batch.getTsDeltaUs(i) * 1000L;
            int dir = toCanonical(batch.getDirection(i));
            int flags = hasFlags ? batch.getTcpFlags(i) : 0;
            state.pending.add(t, dir, batch.getIpLength(i), hasPayload ? batch.getPayloadLength(i) : 0, flags,
                    hasWindow ? batch.getTcpWindow(i) : 0);
            if (t > state.lastSeenNs) {
                state.lastSeenNs = t;
            }
            if (tcp && flags != 0) {
                if ((flags & TcpFlags.RST) != 0) {
                    state.rst = true;
                }
                if ((flags & TcpFlags.FIN) != 0) {
                    if (dir == FlowStats.A_TO_B) {
                        state.finAToB = true;
                    } else {
                        state.finBToA = true;
                    }
                }
                if (state.tcpEndNs == Long.MIN_VALUE && (state.rst || (state.finAToB && state.finBToA))) {
                    state.tcpEndNs = t;
                }
            }
        }
    }

    /**
     * Bounds the reordering buffer of a fast flow: past {@code flow.max.pending.packets} the oldest are folded
     * early. Called after due segments were split off, so every pending packet is inside the current segment.
     */
    private void foldOverflow(FlowState state) {
        int excess = state.pending.size() - config.maxPendingPackets();
        if (excess > 0) {
            long last = state.pending.foldInto(state.stats, Long.MIN_VALUE, excess);
            state.foldedUpToNs = Math.max(state.foldedUpToNs, last);
            noteFlowStart(state);
        }
    }

    /**
     * Folds pending packets older than {@code beforeNs} into the statistics, never past the current segment's
     * active-timeout boundary: those packets belong to the next segment, which only the punctuation starts.
     */
    private void foldUpTo(FlowState state, long beforeNs) {
        long segStart = state.segmentStartNs();
        if (segStart != Long.MIN_VALUE) {
            beforeNs = Math.min(beforeNs, segStart + config.activeTimeout().toNanos());
        }
        long last = state.pending.foldInto(state.stats, beforeNs, 0);
        if (last != Long.MIN_VALUE) {
            state.foldedUpToNs = Math.max(state.foldedUpToNs, last);
            noteFlowStart(state);
        }
    }

    private static void noteFlowStart(FlowState state) {
        if (state.flowStartNs == Long.MIN_VALUE && !state.stats.isEmpty()) {
            state.flowStartNs = state.stats.firstNs();
        }
    }

    private long deadlineMs(FlowState s) {
        if (s.closed) {
            return ceilMs(s.closedAtNs) + config.tombstoneRetention().toMillis();
        }
        long d = ceilMs(s.lastSeenNs) + config.idleTimeout().toMillis();
        long segStart = s.segmentStartNs();
        if (segStart != Long.MIN_VALUE) {
            d = Math.min(d, ceilMs(segStart) + config.activeTimeout().toMillis());
        }
        if (s.tcpEndNs != Long.MIN_VALUE) {
            d = Math.min(d, ceilMs(s.tcpEndNs) + config.tcpLinger().toMillis());
        }
        // Acted on a grace period later: a probe holds a flow's packets up to its batch time before sending them,
        // so stream time (driven by other flows' batches) can pass a deadline while packets from before it are
        // still on their way. Closing at once made them late batches of a closed flow.
        return d + config.grace().toMillis();
    }

    private static long ceilMs(long ns) {
        return Math.floorDiv(ns + 999_999L, 1_000_000L);
    }

    /** The index of every open flow in the store, as each flow's state records it (a task's start). */
    private void rebuildDeadlines() {
        deadlines.clear();
        try (KeyValueIterator<Bytes, byte[]> it = states.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                FlowState s = decode(kv.value);
                if (s.indexedDeadlineMs != Long.MIN_VALUE) {
                    deadlines.put(s.indexedDeadlineMs, kv.key);
                }
            }
        }
    }

    private void unindex(Bytes key, FlowState s) {
        if (s.indexedDeadlineMs != Long.MIN_VALUE) {
            deadlines.remove(s.indexedDeadlineMs, key);
            s.indexedDeadlineMs = Long.MIN_VALUE;
        }
    }

    /**
     * Keeps the flow's deadline-index entry at or before its true deadline. A deadline that moved later (the usual
     * case: a new packet pushes the idle timeout back) keeps its earlier entry, saving a delete and a put per
     * batch; when that entry comes due, {@link #advance} finds nothing to do yet and indexes the real deadline.
     */
    private void reindex(Bytes key, FlowState s) {
        long d = deadlineMs(s);
        if (s.indexedDeadlineMs == Long.MIN_VALUE || d < s.indexedDeadlineMs) {
            unindex(key, s);
            deadlines.put(d, key);
            s.indexedDeadlineMs = d;
        }
    }

    private void onWallClock(long wallMs) {
        long streamMs = context.currentStreamTimeMs();
        if (streamMs != lastStreamMs || wallAtLastAdvanceMs == Long.MIN_VALUE) {
            lastStreamMs = streamMs;
            wallAtLastAdvanceMs = wallMs;
            return;
        }
        long stalledMs = wallMs - wallAtLastAdvanceMs;
        if (streamMs >= 0 && stalledMs >= config.wallClockFallback().toMillis()) {
            // The partition has gone quiet: let its clock run with the wall clock so open flows still time out.
            expire(streamMs + stalledMs);
        }
    }

    /** Closes or splits every flow whose deadline is at or before {@code nowMs}. */
    void expire(long nowMs) {
        for (DeadlineIndex.Entry entry : deadlines.takeDue(nowMs)) {
            long deadline = entry.deadlineMs();
            Bytes key = entry.key();
            FlowState s = load(key);
            if (s == null || s.indexedDeadlineMs != deadline) {
                continue;
            }
            s.indexedDeadlineMs = Long.MIN_VALUE;
            advance(key, s, nowMs);
        }
    }

    private void advance(Bytes key, FlowState s, long nowMs) {
        if (s.closed) {
            remove(key);
            return;
        }
        long nowNs = nowMs * 1_000_000L;
        // Everything up to a grace period ago is final (see deadlineMs): the flow's own deadlines are judged there.
        long settledNs = nowNs - graceNs;
        if (s.tcpEndNs != Long.MIN_VALUE && settledNs >= s.tcpEndNs + config.tcpLinger().toNanos()) {
            close(key, s, s.rst ? FlowEndReason.FLOW_END_REASON_TCP_RST : FlowEndReason.FLOW_END_REASON_TCP_FIN, nowMs);
            return;
        }
        if (settledNs >= s.lastSeenNs + config.idleTimeout().toNanos()) {
            close(key, s, FlowEndReason.FLOW_END_REASON_IDLE, nowMs);
            return;
        }
        splitActiveSegments(s, nowNs, nowMs);
        foldUpTo(s, settledNs);
        reindex(key, s);
        save(key, s);
    }

    private void close(Bytes key, FlowState s, FlowEndReason reason, long nowMs) {
        close(key, s, reason, nowMs, closedAtNs(s, reason));
    }

    /** Emits the flow's last segment and leaves a tombstone: batches older than {@code closedAtNs} are late. */
    private void close(Bytes key, FlowState s, FlowEndReason reason, long nowMs, long closedAtNs) {
        splitActiveSegments(s, Long.MAX_VALUE, nowMs);
        foldUpTo(s, Long.MAX_VALUE);
        if (!s.stats.isEmpty()) {
            emit(s, reason, nowMs);
        }
        unindex(key, s);
        FlowState tomb = new FlowState(config.spltLength(), activityNs);
        tomb.key = s.key;
        tomb.keyBytes = s.keyBytes;
        tomb.closed = true;
        tomb.closedAtNs = closedAtNs;
        reindex(key, tomb);
        save(key, tomb);
    }

    /**
     * When the flow ended by its own clock: its TCP end plus the linger, its last packet plus the idle timeout, its
     * last packet at the end of input. Not the stream time at which the punctuation came round to it, which can be
     * a punctuation interval or more later: a new connection on the same 5-tuple that started in between would then
     * be taken for late packets of the old flow.
     */
    private long closedAtNs(FlowState s, FlowEndReason reason) {
        return switch (reason) {
            case FLOW_END_REASON_TCP_FIN, FLOW_END_REASON_TCP_RST -> s.tcpEndNs == Long.MIN_VALUE ? s.lastSeenNs
                    : Math.max(s.lastSeenNs, s.tcpEndNs + config.tcpLinger().toNanos());
            case FLOW_END_REASON_IDLE -> s.lastSeenNs + config.idleTimeout().toNanos();
            default -> s.lastSeenNs;
        };
    }

    /**
     * Emits an interim (ACTIVE) record for every segment whose active-timeout boundary is at or before
     * {@code untilNs} and that has packets after the boundary or is due by time, starting the next segment each
     * time. At a final close ({@code untilNs} = max) only segments with packets past their boundary are split.
     */
    private void splitActiveSegments(FlowState s, long untilNs, long nowMs) {
        long activeNs = config.activeTimeout().toNanos();
        while (true) {
            long segStart = s.segmentStartNs();
            if (segStart == Long.MIN_VALUE) {
                return;
            }
            long boundary = segStart + activeNs;
            boolean dueByTime = untilNs != Long.MAX_VALUE && untilNs >= boundary;
            boolean packetsBeyond = !s.pending.isEmpty() && s.pending.lastTs() >= boundary;
            if (!(dueByTime || (untilNs == Long.MAX_VALUE && packetsBeyond))) {
                return;
            }
            foldUpTo(s, boundary);
            if (!s.stats.isEmpty()) {
                emit(s, FlowEndReason.FLOW_END_REASON_ACTIVE, nowMs);
            }
            startNextSegment(s);
            if (s.pending.isEmpty()) {
                return;
            }
        }
    }

    private void startNextSegment(FlowState s) {
        s.segment++;
        s.stats.reset();
        s.segmentProbes.clear();
        s.lateBatches = 0;
        s.duplicateBatches = 0;
    }

    private void emit(FlowState s, FlowEndReason reason, long nowMs) {
        FlowStats st = s.stats;
        FlowKey k = s.key;
        int orig = s.originatorDir < 0 ? FlowStats.A_TO_B : s.originatorDir;
        FlowStats.Side o = st.side(orig);
        FlowStats.Side r = st.side(1 - orig);
        FlowSide originator = side(orig == FlowStats.A_TO_B, k, o);
        FlowSide responder = side(orig != FlowStats.A_TO_B, k, r);
        double[] features = FlowFeatures.values(st, orig);
        FlowRecord.Builder b = FlowRecord.newBuilder()
                .setFlow(k)
                .setFlowId(flowId(k, s.flowStartNs, s.segment))
                .setSegment(s.segment)
                .setEndReason(reason)
                .setStartNs(st.firstNs())
                .setEndNs(st.lastNs())
                .setOriginator(originator)
                .setResponder(responder)
                .addAllProbeIds(s.segmentProbes)
                .setLateBatches(s.lateBatches)
                .setDuplicateBatches(s.duplicateBatches)
                .setFeatureSet(featureSet)
                .setEmittedAtMs(nowMs);
        for (double f : features) {
            b.addFeatures(f);
        }
        counters.flowRecords.increment();
        context.forward(new Record<>(originator.getIp().toByteArray(), b.build(), Math.max(0, nowMs)));
    }

    private static FlowSide side(boolean isA, FlowKey k, FlowStats.Side s) {
        return FlowSide.newBuilder()
                .setIp(isA ? k.getAIp() : k.getBIp())
                .setPort(isA ? k.getAPort() : k.getBPort())
                .setPackets(s.packets())
                .setIpBytes(s.ipBytes())
                .setPayloadBytes(s.payloadBytes())
                .setTcpFlags(s.flagsOr())
                .build();
    }

    /**
     * A stable id per segment: a name-based UUID of the flow identity, the start of its first segment and the
     * segment number. The same input gives the same id after a restart, so sinks that use it as the document id
     * write a redelivered record once.
     */
    public static String flowId(FlowKey k, long flowStartNs, int segment) {
        String name = k.getObservationDomain() + "|" + k.getIpProtocol() + "|" + k.getCommunityId() + "|"
                + Arrays.toString(FlowKeys.bytes(k)) + "|" + flowStartNs + "|" + segment;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
