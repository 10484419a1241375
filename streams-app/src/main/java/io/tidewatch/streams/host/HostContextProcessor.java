package io.tidewatch.streams.host;

import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.streams.flow.TcpFlags;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs after the repartition by source host (the flow's originator): updates that host's, the (source,
 * destination) pair's and the destination's context with the closing flow, and appends the context at that moment
 * to the flow's feature vector, the host-context version the record's own feature set names (a record from an
 * assembler older than the current version gets the context it names). Forwards the enriched record keyed by its
 * flow id.
 */
public final class HostContextProcessor implements Processor<byte[], FlowRecord, String, FlowRecord> {

    public static final String HOST_STORE = "host-context";
    public static final String PAIR_STORE = "pair-context";
    /**
     * Destinations with the sources that reached them, for destination rarity. Keyed by destination behind the
     * repartition by source: it counts the sources of this task's partitions only (streams-app README).
     */
    public static final String DESTINATION_STORE = "destination-context";
    /** A destination no flow reached for this long (stream time) is forgotten: its sources are out of the window. */
    static final Duration DESTINATION_RETENTION = Duration.ofNanos(HostContextFeatures.RARITY_WINDOW_NS);

    private final Duration retention;
    private final ToIntFunction<String> contextVersion;
    private ProcessorContext<String, FlowRecord> context;
    private KeyValueStore<Bytes, byte[]> hosts;
    private KeyValueStore<Bytes, byte[]> pairs;
    private KeyValueStore<Bytes, byte[]> destinations;

    /**
     * @param retention a host or pair with no new flow for this long (stream time) is forgotten; by then every
     *        damped statistic has decayed to nothing (several times the longest half-life)
     * @param contextVersion the host-context version a feature set id names (fails on an unknown id)
     */
    public HostContextProcessor(Duration retention, ToIntFunction<String> contextVersion) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("host.retention=" + retention + ": expected a positive duration");
        }
        this.retention = retention;
        this.contextVersion = contextVersion;
    }

    @Override
    public void init(ProcessorContext<String, FlowRecord> context) {
        this.context = context;
        this.hosts = context.getStateStore(HOST_STORE);
        this.pairs = context.getStateStore(PAIR_STORE);
        this.destinations = context.getStateStore(DESTINATION_STORE);
        context.schedule(quarterOf(retention), PunctuationType.STREAM_TIME, now -> {
            forgetQuiet(hosts, now, retention);
            forgetQuiet(pairs, now, retention);
        });
        context.schedule(quarterOf(DESTINATION_RETENTION), PunctuationType.STREAM_TIME,
                now -> forgetQuiet(destinations, now, DESTINATION_RETENTION));
    }

    private static Duration quarterOf(Duration d) {
        return d.dividedBy(4).isZero() ? d : d.dividedBy(4);
    }

    /** Deletes the entries of {@code store} last updated before {@code nowMs} less {@code quiet} (reads only that). */
    private static void forgetQuiet(KeyValueStore<Bytes, byte[]> store, long nowMs, Duration quiet) {
        long cutoffNs = (nowMs - quiet.toMillis()) * 1_000_000L;
        List<Bytes> forget = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> e = it.next();
                // Every host-context state encoding starts with a version byte then the last update time.
                if (e.value.length >= 9 && ByteBuffer.wrap(e.value, 1, 8).getLong() < cutoffNs) {
                    forget.add(e.key);
                }
            }
        }
        forget.forEach(store::delete);
    }

    @Override
    public void process(Record<byte[], FlowRecord> record) {
        FlowRecord flow = record.value();
        if (flow == null) {
            return;
        }
        int version = contextVersion.applyAsInt(flow.getFeatureSet());
        byte[] src = flow.getOriginator().getIp().toByteArray();
        byte[] dst = flow.getResponder().getIp().toByteArray();
        Bytes hostKey = Bytes.wrap(src);
        Bytes pairKey = Bytes.wrap(ByteBuffer.allocate(src.length + dst.length).put(src).put(dst).array());

        byte[] h = hosts.get(hostKey);
        SourceHostState host = h == null ? new SourceHostState() : SourceHostState.decode(h);
        byte[] p = pairs.get(pairKey);
        PairState pair = p == null ? new PairState() : PairState.decode(p);

        Bytes destinationKey = Bytes.wrap(dst);
        byte[] d = destinations.get(destinationKey);
        DestinationState destination = d == null ? new DestinationState() : DestinationState.decode(d);

        long t = flow.getStartNs();
        int protocol = flow.getFlow().getIpProtocol();
        int port = flow.getResponder().getPort();
        // A connection attempt (the originator sent a SYN) that carried nothing: not a keepalive-only segment of
        // an older connection cut by the idle timeout, which has no SYN and is no failure.
        boolean empty = protocol == HostContextFeatures.TCP && (flow.getOriginator().getTcpFlags() & TcpFlags.SYN) != 0
                && flow.getOriginator().getPayloadBytes() == 0 && flow.getResponder().getPayloadBytes() == 0;
        host.observe(t, flow.getOriginator().getIpBytes(), dst, port, empty);
        pair.observe(t, flow.getOriginator().getIpBytes(), flow.getResponder().getIpBytes(), protocol, port);
        double rarity = destination.observe(src, flow.getEndNs());
        hosts.put(hostKey, host.encode());
        pairs.put(pairKey, pair.encode());
        destinations.put(destinationKey, destination.encode());

        FlowRecord.Builder enriched = flow.toBuilder();
        double[] values = HostContext.values(version, host, pair, new FlowIndicators(pair.beacon(rarity, protocol),
                pair.serviceRepeats(protocol, port), empty ? host.emptyTcp() : 0));
        for (double v : values) {
            enriched.addFeatures(v);
        }
        context.forward(record.withKey(flow.getFlowId()).withValue(enriched.build()));
    }
}
