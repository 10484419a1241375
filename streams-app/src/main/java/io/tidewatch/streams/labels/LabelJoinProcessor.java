package io.tidewatch.streams.labels;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.Label;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins labels to recent flows, in event time. Flows are indexed as they close: the record by community id, and a
 * reference (community id, flow id) by originating host, both in window stores whose window start is the flow's
 * start and whose retention is the label horizon. A label is applied to the flows already indexed and then stays
 * open for {@link LabelOptions#pendingTimeout()} so that flows that close after it arrives (the usual case for a
 * label on a flow still idle-timing out) are matched as they are indexed; a label that has matched nothing when its
 * time runs out is counted as unmatched. Each flow and label meet once (whichever comes second does the matching),
 * so no example is emitted twice.
 */
final class LabelJoinProcessor implements Processor<String, JoinInput, String, Example> {

    private static final Logger LOG = LoggerFactory.getLogger(LabelJoinProcessor.class);
    private static final byte BY_FLOW = 'c';
    private static final byte BY_HOST = 'h';
    private static final BytesSerializer PREFIX = new BytesSerializer();

    private final LabelOptions options;
    private ProcessorContext<String, Example> context;
    private WindowStore<Bytes, byte[]> byCommunity;
    private WindowStore<Bytes, byte[]> byHost;
    private KeyValueStore<Bytes, byte[]> open;
    private LabelCounters counters;

    LabelJoinProcessor(LabelOptions options) {
        this.options = options;
    }

    @Override
    public void init(ProcessorContext<String, Example> context) {
        this.context = context;
        this.byCommunity = context.getStateStore(LabelTopology.FLOWS_BY_COMMUNITY);
        this.byHost = context.getStateStore(LabelTopology.FLOWS_BY_HOST);
        this.open = context.getStateStore(LabelTopology.OPEN_LABELS);
        this.counters = new LabelCounters(context.metrics(), context.taskId().toString());
        context.schedule(options.retryInterval(), PunctuationType.STREAM_TIME, this::expire);
    }

    @Override
    public void process(Record<String, JoinInput> record) {
        JoinInput in = record.value();
        if (in == null) {
            return;
        }
        if (in.flow() != null) {
            index(in.flow(), record.timestamp());
        } else if (in.label() != null) {
            apply(in.label(), record.timestamp());
        }
    }

    private void index(FlowRecord f, long timestamp) {
        String cid = f.getFlow().getCommunityId();
        if (cid.isEmpty() || f.getFeaturesCount() == 0) {
            return;
        }
        long startMs = Math.floorDiv(f.getStartNs(), 1_000_000L);
        byte[] cidBytes = cid.getBytes(StandardCharsets.UTF_8);
        byCommunity.put(Bytes.wrap(cidBytes), f.toByteArray(), startMs);
        byHost.put(Bytes.wrap(f.getOriginator().getIp().toByteArray()), reference(cidBytes, f.getFlowId()), startMs);
        counters.flowsIndexed.record();
        matchOpen(openPrefix(BY_FLOW, cidBytes), f, timestamp);
        matchOpen(openPrefix(BY_HOST, f.getOriginator().getIp().toByteArray()), f, timestamp);
    }

    private void matchOpen(Bytes prefix, FlowRecord f, long timestamp) {
        List<KeyValue<Bytes, byte[]>> updates = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = open.prefixScan(prefix, PREFIX)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                OpenLabel ol = OpenLabel.read(kv.value);
                if (ol != null && LabelMatch.matches(ol.label, f)) {
                    emit(ol.label, f, timestamp);
                    if (!ol.matched) {
                        counters.matched.record();
                        updates.add(KeyValue.pair(kv.key, new OpenLabel(ol.expiresMs, true, ol.label).toBytes()));
                    }
                }
            }
        }
        updates.forEach(u -> open.put(u.key, u.value));
    }

    private void apply(Label l, long timestamp) {
        counters.received.record();
        String problem = LabelMatch.problem(l);
        if (problem != null) {
            counters.invalid.record();
            LOG.warn("label skipped: {}", problem);
            return;
        }
        int found = 0;
        byte[] keyBytes;
        byte kind;
        if (LabelMatch.byCommunityId(l)) {
            kind = BY_FLOW;
            keyBytes = l.getCommunityId().getBytes(StandardCharsets.UTF_8);
            long from = l.getStartNs() == 0 ? 0 : Math.floorDiv(l.getStartNs(), 1_000_000L) - options.horizon().toMillis();
            long to = l.getEndNs() == 0 ? Long.MAX_VALUE : Math.floorDiv(l.getEndNs(), 1_000_000L);
            try (WindowStoreIterator<byte[]> it = byCommunity.fetch(Bytes.wrap(keyBytes), Math.max(0, from), to)) {
                while (it.hasNext()) {
                    FlowRecord f = parse(it.next().value);
                    if (f != null && LabelMatch.matches(l, f)) {
                        emit(l, f, timestamp);
                        found++;
                    }
                }
            }
        } else {
            kind = BY_HOST;
            keyBytes = l.getHostIp().toByteArray();
            long from = Math.floorDiv(l.getStartNs(), 1_000_000L);
            long to = Math.floorDiv(l.getEndNs(), 1_000_000L);
            try (WindowStoreIterator<byte[]> it = byHost.fetch(Bytes.wrap(keyBytes), from, to)) {
                while (it.hasNext()) {
                    KeyValue<Long, byte[]> ref = it.next();
                    FlowRecord f = resolve(ref.key, ref.value);
                    if (f != null && LabelMatch.matches(l, f)) {
                        emit(l, f, timestamp);
                        found++;
                    }
                }
            }
        }
        if (found > 0) {
            counters.matched.record();
        }
        // Host labels may end in the future: they keep matching until their end, then for the pending timeout.
        long base = Math.max(context.currentStreamTimeMs(), timestamp);
        if (kind == BY_HOST) {
            base = Math.max(base, Math.floorDiv(l.getEndNs(), 1_000_000L));
        }
        long expires = base + options.pendingTimeout().toMillis();
        long seq = context.recordMetadata().map(m -> m.offset()).orElse(System.nanoTime());
        Bytes key = Bytes.wrap(concat(openPrefix(kind, keyBytes).get(), ByteBuffer.allocate(8).putLong(seq).array()));
        open.put(key, new OpenLabel(expires, found > 0, l).toBytes());
    }

    private void emit(Label l, FlowRecord f, long timestamp) {
        Example e = LabelMatch.example(l, f);
        counters.examples.record();
        context.forward(new Record<>(f.getFlowId(), e, Math.max(timestamp, e.flowEndMs())));
    }

    /** The flow a host-index reference names, from the community-id store at the same window start. */
    private FlowRecord resolve(long startMs, byte[] reference) {
        ByteBuffer b = ByteBuffer.wrap(reference);
        byte[] cid = new byte[b.getShort() & 0xffff];
        b.get(cid);
        String flowId = new String(reference, b.position(), b.remaining(), StandardCharsets.UTF_8);
        try (WindowStoreIterator<byte[]> it = byCommunity.fetch(Bytes.wrap(cid), startMs, startMs)) {
            while (it.hasNext()) {
                FlowRecord f = parse(it.next().value);
                if (f != null && f.getFlowId().equals(flowId)) {
                    return f;
                }
            }
        }
        return null;
    }

    private void expire(long streamTimeMs) {
        List<Bytes> done = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = open.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                OpenLabel ol = OpenLabel.read(kv.value);
                if (ol == null || ol.expiresMs <= streamTimeMs) {
                    done.add(kv.key);
                    if (ol != null && !ol.matched) {
                        counters.unmatched.record();
                        LOG.debug("label matched no flow: {}", ol.label.getCommunityId().isEmpty()
                                ? "host label" : ol.label.getCommunityId());
                    }
                }
            }
        }
        done.forEach(open::delete);
    }

    private static FlowRecord parse(byte[] bytes) {
        try {
            return FlowRecord.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    private static byte[] reference(byte[] cid, String flowId) {
        byte[] id = flowId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + cid.length + id.length).putShort((short) cid.length).put(cid).put(id).array();
    }

    private static Bytes openPrefix(byte kind, byte[] key) {
        // The community-id form ends in 0 and the host form carries its length, so no prefix is another's prefix.
        byte[] out;
        if (kind == BY_FLOW) {
            out = new byte[key.length + 2];
            out[0] = kind;
            System.arraycopy(key, 0, out, 1, key.length);
        } else {
            out = new byte[key.length + 2];
            out[0] = kind;
            out[1] = (byte) key.length;
            System.arraycopy(key, 0, out, 2, key.length);
        }
        return Bytes.wrap(out);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** An open label as stored: when it expires (event time ms), whether it has matched a flow, the label. */
    private record OpenLabel(long expiresMs, boolean matched, Label label) {

        byte[] toBytes() {
            byte[] l = label.toByteArray();
            return ByteBuffer.allocate(9 + l.length).putLong(expiresMs).put((byte) (matched ? 1 : 0)).put(l).array();
        }

        static OpenLabel read(byte[] bytes) {
            if (bytes == null || bytes.length < 9) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            long expires = b.getLong();
            boolean matched = b.get() != 0;
            try {
                return new OpenLabel(expires, matched, Label.parseFrom(ByteString.copyFrom(bytes, 9, bytes.length - 9)));
            } catch (InvalidProtocolBufferException e) {
                return null;
            }
        }
    }
}
