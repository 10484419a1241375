package io.tidewatch.streams.host;

import io.tidewatch.proto.v1.FlowRecord;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs after the repartition by source host (the flow's originator): updates that host's and the (source,
 * destination) pair's context with the closing flow, and appends the context at that moment to the flow's
 * feature vector. Forwards the enriched record keyed by its flow id.
 */
public final class HostContextProcessor implements Processor<byte[], FlowRecord, String, FlowRecord> {

    public static final String HOST_STORE = "host-context";
    public static final String PAIR_STORE = "pair-context";

    private final Duration retention;
    private ProcessorContext<String, FlowRecord> context;
    private KeyValueStore<Bytes, byte[]> hosts;
    private KeyValueStore<Bytes, byte[]> pairs;

    /**
     * @param retention a host or pair with no new flow for this long (stream time) is forgotten; by then every
     *        damped statistic has decayed to nothing (several times the longest half-life)
     */
    public HostContextProcessor(Duration retention) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("host.retention=" + retention + ": expected a positive duration");
        }
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, FlowRecord> context) {
        this.context = context;
        this.hosts = context.getStateStore(HOST_STORE);
        this.pairs = context.getStateStore(PAIR_STORE);
        Duration sweep = retention.dividedBy(4).isZero() ? retention : retention.dividedBy(4);
        context.schedule(sweep, PunctuationType.STREAM_TIME, this::forgetQuiet);
    }

    /** Deletes hosts and pairs last seen before {@code nowMs} less the retention (reads only their time field). */
    private void forgetQuiet(long nowMs) {
        long cutoffNs = (nowMs - retention.toMillis()) * 1_000_000L;
        for (KeyValueStore<Bytes, byte[]> store : List.of(hosts, pairs)) {
            List<Bytes> quiet = new ArrayList<>();
            try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
                while (it.hasNext()) {
                    KeyValue<Bytes, byte[]> e = it.next();
                    // Both state encodings start with a version byte then the last update time.
                    if (e.value.length >= 9 && ByteBuffer.wrap(e.value, 1, 8).getLong() < cutoffNs) {
                        quiet.add(e.key);
                    }
                }
            }
            quiet.forEach(store::delete);
        }
    }

    @Override
    public void process(Record<byte[], FlowRecord> record) {
        FlowRecord flow = record.value();
        if (flow == null) {
            return;
        }
        byte[] src = flow.getOriginator().getIp().toByteArray();
        byte[] dst = flow.getResponder().getIp().toByteArray();
        Bytes hostKey = Bytes.wrap(src);
        Bytes pairKey = Bytes.wrap(ByteBuffer.allocate(src.length + dst.length).put(src).put(dst).array());

        byte[] h = hosts.get(hostKey);
        SourceHostState host = h == null ? new SourceHostState() : SourceHostState.decode(h);
        byte[] p = pairs.get(pairKey);
        PairState pair = p == null ? new PairState() : PairState.decode(p);

        long t = flow.getStartNs();
        host.observe(t, flow.getOriginator().getIpBytes(), dst, flow.getResponder().getPort());
        pair.observe(t, flow.getOriginator().getIpBytes(), flow.getResponder().getIpBytes());
        hosts.put(hostKey, host.encode());
        pairs.put(pairKey, pair.encode());

        FlowRecord.Builder enriched = flow.toBuilder();
        for (double v : HostContext.values(host, pair)) {
            enriched.addFeatures(v);
        }
        context.forward(record.withKey(flow.getFlowId()).withValue(enriched.build()));
    }
}
