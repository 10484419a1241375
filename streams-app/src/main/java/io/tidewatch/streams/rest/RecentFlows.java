package io.tidewatch.streams.rest;

import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.streams.topology.InternalProtobufSerde;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The last few flow records of each Community ID, so {@code /flows/{communityId}} is a key lookup on the instance
 * that owns the key. The enriched flows are partitioned by source host, which a Community ID does not reveal, hence
 * the repartition by Community ID. A Community ID quiet for the retention (stream time) is forgotten.
 *
 * <p>Value encoding: the newest flow's end time (ms, 8 bytes, read by the sweep without parsing), then up to
 * {@link #MAX_PER_KEY} length-delimited {@link FlowRecord}s, oldest first.
 */
public final class RecentFlows {

    public static final String STORE = "recent-flows";
    public static final String REPARTITION = "flows-by-community-id";
    public static final int MAX_PER_KEY = 8;

    private RecentFlows() {
    }

    /** Adds the index to the topology, fed by {@code enriched} (flow records keyed by flow id). */
    public static void attach(StreamsBuilder builder, KStream<String, FlowRecord> enriched, Duration retention) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("rest.flows.retention=" + retention + ": expected a positive duration");
        }
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                Serdes.ByteArray()).withCachingEnabled());
        enriched.filter((id, f) -> f != null && !f.getFlow().getCommunityId().isEmpty(), Named.as("with-community-id"))
                .selectKey((id, f) -> f.getFlow().getCommunityId(), Named.as("key-by-community-id"))
                .repartition(Repartitioned.<String, FlowRecord>as(REPARTITION).withKeySerde(Serdes.String())
                        .withValueSerde(new InternalProtobufSerde<>(FlowRecord.parser())))
                .process(() -> new Indexer(retention), Named.as("recent-flows-indexer"), STORE);
    }

    /** The flows in a stored value, oldest first. */
    public static List<FlowRecord> decode(byte[] value) {
        List<FlowRecord> out = new ArrayList<>();
        if (value == null || value.length < 8) {
            return out;
        }
        try {
            var in = new java.io.ByteArrayInputStream(value, 8, value.length - 8);
            FlowRecord f;
            while ((f = FlowRecord.parseDelimitedFrom(in)) != null) {
                out.add(f);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable entry of store " + STORE, e);
        }
    }

    static byte[] encode(Deque<FlowRecord> flows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long newestEndMs = flows.stream().mapToLong(f -> Math.floorDiv(f.getEndNs(), 1_000_000L)).max().orElse(0);
        out.writeBytes(ByteBuffer.allocate(8).putLong(newestEndMs).array());
        try {
            for (FlowRecord f : flows) {
                f.writeDelimitedTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Appends each flow to its Community ID's entry, keeping the newest {@link #MAX_PER_KEY}. */
    static final class Indexer implements Processor<String, FlowRecord, Void, Void> {

        private final Duration retention;
        private KeyValueStore<String, byte[]> store;

        Indexer(Duration retention) {
            this.retention = retention;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
            Duration sweep = retention.dividedBy(4).isZero() ? retention : retention.dividedBy(4);
            context.schedule(sweep, PunctuationType.STREAM_TIME, this::forgetQuiet);
        }

        @Override
        public void process(Record<String, FlowRecord> record) {
            if (record.key() == null || record.value() == null) {
                return;
            }
            Deque<FlowRecord> flows = new ArrayDeque<>(decode(store.get(record.key())));
            flows.addLast(record.value());
            while (flows.size() > MAX_PER_KEY) {
                flows.removeFirst();
            }
            store.put(record.key(), encode(flows));
        }

        private void forgetQuiet(long nowMs) {
            long cutoffMs = nowMs - retention.toMillis();
            List<String> quiet = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = store.all()) {
                while (it.hasNext()) {
                    KeyValue<String, byte[]> e = it.next();
                    if (e.value.length >= 8 && ByteBuffer.wrap(e.value, 0, 8).getLong() < cutoffMs) {
                        quiet.add(e.key);
                    }
                }
            }
            quiet.forEach(store::delete);
        }
    }
}
