package io.tidewatch.streams.topology;

import io.tidewatch.config.Settings;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.streams.ecs.EcsMapper;
import io.tidewatch.streams.features.FeatureSets;
import io.tidewatch.streams.flow.FlowAssembler;
import io.tidewatch.streams.flow.FlowAssemblyConfig;
import io.tidewatch.streams.flow.FlowAssemblyCounters;
import io.tidewatch.streams.host.HostContextProcessor;
import io.tidewatch.streams.labels.LabelOptions;
import io.tidewatch.streams.labels.LabelTopology;
import io.tidewatch.streams.training.TrainerOptions;
import io.tidewatch.streams.alerts.AlertConfig;
import io.tidewatch.streams.scoring.ScoringConfig;
import io.tidewatch.streams.scoring.ScoringCounters;
import io.tidewatch.streams.scoring.ScoringStage;
import io.tidewatch.streams.scoring.drift.ScoreDriftConfig;
import io.tidewatch.streams.scoring.exchange.ModelExchangeConfig;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the flow topology onto a {@link StreamsBuilder}; {@code ./tidewatch streams}, the embedded replay and the
 * TopologyTestDriver tests all call {@link #build}, so they run the same graph:
 *
 * <pre>
 * packet-dynamics ─► flow-assembler (flow-state; deadlines in memory) ─► repartition by source host
 *   ─► host-context (host-context, pair-context, destination-context) ─► flows (FlowRecord)
 *                                                 └► scoring ({@link ScoringStage}): scored-flows, ECS JSON
 *                                                    ─► scored-flows.ecs, alerts
 * </pre>
 *
 * The enriched flow stream is returned so later stages (scoring) attach to it rather than re-reading the topic;
 * scoring belongs between host-context and the ECS mapper, whose {@link io.tidewatch.streams.ecs.EcsDecorator}s
 * add the score fields to each document.
 */
public final class FlowTopology {

    public static final String REPARTITION_BY_SOURCE = "flows-by-source";

    private FlowTopology() {
    }

    /** Topology options read from settings: the flow assembly ones and {@code host.retention}. */
    public record Options(FlowAssemblyConfig flow, Duration hostRetention, LabelOptions labels,
            TrainerOptions training, ScoringConfig scoring, AlertConfig alerts, ScoreDriftConfig scoreDrift,
            ModelExchangeConfig modelExchange) {

        public static Options from(Settings s) {
            return new Options(FlowAssemblyConfig.from(s), s.getDuration("host.retention", Duration.ofMinutes(10)),
                    LabelOptions.from(s), TrainerOptions.from(s), ScoringConfig.from(s), AlertConfig.from(s),
                    ScoreDriftConfig.from(s), ModelExchangeConfig.from(s));
        }
    }

    /**
     * Adds the topology to {@code builder}; returns the enriched flows keyed by flow id. Stores are cached: a flow
     * updated by many batches between two commits writes RocksDB and its changelog once, not once per batch.
     */
    public static KStream<String, FlowRecord> build(StreamsBuilder builder, Topics topics, Options options,
            FlowAssemblyCounters counters, EcsMapper ecs) {
        return build(builder, topics, options, counters, new ScoringCounters(), ecs);
    }

    /** As {@link #build(StreamsBuilder, Topics, Options, FlowAssemblyCounters, EcsMapper)}, counting into {@code scoring}. */
    public static KStream<String, FlowRecord> build(StreamsBuilder builder, Topics topics, Options options,
            FlowAssemblyCounters counters, ScoringCounters scoring, EcsMapper ecs) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(FlowAssembler.STATE_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(HostContextProcessor.HOST_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(HostContextProcessor.PAIR_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(HostContextProcessor.DESTINATION_STORE), Serdes.Bytes(),
                Serdes.ByteArray()).withCachingEnabled());

        Topics.Topic<byte[], PacketDynamicsBatch> in = topics.packetDynamics();
        KStream<byte[], PacketDynamicsBatch> batches = builder.stream(in.name(),
                Consumed.with(in.keySerde(), in.valueSerde())
                        .withTimestampExtractor(new PacketTimeExtractor())
                        .withName("packet-dynamics-source"));

        FlowAssemblyConfig flowConfig = options.flow();
        KStream<byte[], FlowRecord> assembled = batches.process(() -> new FlowAssembler(flowConfig, counters),
                Named.as("flow-assembler"), FlowAssembler.STATE_STORE);

        KStream<byte[], FlowRecord> bySource = assembled.repartition(
                Repartitioned.<byte[], FlowRecord>as(REPARTITION_BY_SOURCE)
                        .withKeySerde(Serdes.ByteArray())
                        .withValueSerde(new InternalProtobufSerde<>(FlowRecord.parser())));

        Duration retention = options.hostRetention();
        KStream<String, FlowRecord> enriched = bySource.process(
                () -> new HostContextProcessor(retention, FeatureSets::hostContextVersion),
                Named.as("host-context"), HostContextProcessor.HOST_STORE, HostContextProcessor.PAIR_STORE,
                HostContextProcessor.DESTINATION_STORE);

        Topics.Topic<String, FlowRecord> flows = topics.flows();
        enriched.to(flows.name(), Produced.with(flows.keySerde(), flows.valueSerde()).withName("flows-sink"));

        ScoringStage.attach(builder, topics, enriched, options.scoring(), options.scoreDrift(), options.modelExchange(),
                options.alerts(), scoring, ecs);
        LabelTopology.build(builder, topics, enriched, options.labels(), options.training());
        return enriched;
    }
}
