package io.tidewatch.streams.labels;

import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.Label;
import io.tidewatch.streams.topology.InternalProtobufSerde;
import io.tidewatch.streams.topology.Topics;
import io.tidewatch.streams.training.TrainerOptions;
import io.tidewatch.streams.training.TrainingTopology;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The learning-from-labels stage, attached to the enriched flow stream:
 *
 * <pre>
 * flows  ─► repartition (1 partition, label-join-flows) ─┐
 * labels ─► repartition (1 partition, label-join-labels) ─┴► label-join (label-flows-by-community,
 *      label-flows-by-host, label-open) ─► repartition (1 partition, supervised-examples) ─► trainer
 * </pre>
 *
 * The join runs in one task because a label may name a flow by community id or by host, and the two keys
 * partition flows differently; one place sees both. Labels are sparse, and a model trained on a fraction of them in
 * each partition would be worse than one trained on all, so the trainer is single too, behind its own
 * single-partition topic (a parallel join would change nothing after it).
 */
public final class LabelTopology {

    public static final String FLOWS_BY_COMMUNITY = "label-flows-by-community";
    public static final String FLOWS_BY_HOST = "label-flows-by-host";
    public static final String OPEN_LABELS = "label-open";
    public static final String EXAMPLES = "supervised-examples";

    private LabelTopology() {
    }

    /** Adds the label join and the trainer; {@code flows} is the enriched flow stream keyed by flow id. */
    public static void build(StreamsBuilder builder, Topics topics, KStream<String, FlowRecord> flows,
            LabelOptions options, TrainerOptions trainer) {
        Duration horizon = options.horizon();
        boolean mem = options.inMemoryStores();
        builder.addStateStore(Stores.windowStoreBuilder(mem
                ? Stores.inMemoryWindowStore(FLOWS_BY_COMMUNITY, horizon, Duration.ofMillis(1), true)
                : Stores.persistentWindowStore(FLOWS_BY_COMMUNITY, horizon, Duration.ofMillis(1), true),
                Serdes.Bytes(), Serdes.ByteArray()));
        builder.addStateStore(Stores.windowStoreBuilder(mem
                ? Stores.inMemoryWindowStore(FLOWS_BY_HOST, horizon, Duration.ofMillis(1), true)
                : Stores.persistentWindowStore(FLOWS_BY_HOST, horizon, Duration.ofMillis(1), true),
                Serdes.Bytes(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(mem ? Stores.inMemoryKeyValueStore(OPEN_LABELS)
                : Stores.persistentKeyValueStore(OPEN_LABELS), Serdes.Bytes(), Serdes.ByteArray()));

        KStream<String, JoinInput> flowInputs = flows
                .repartition(Repartitioned.<String, FlowRecord>as("label-join-flows")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new InternalProtobufSerde<>(FlowRecord.parser()))
                        .withNumberOfPartitions(1))
                .mapValues(JoinInput::of, Named.as("label-join-flow-input"));

        Topics.Topic<String, Label> labelsTopic = topics.labels();
        KStream<String, JoinInput> labelInputs = builder
                .stream(labelsTopic.name(), Consumed.with(labelsTopic.keySerde(), labelsTopic.valueSerde())
                        .withName("labels-source"))
                .filter((k, v) -> v != null, Named.as("labels-present"))
                .repartition(Repartitioned.<String, Label>as("label-join-labels")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new InternalProtobufSerde<>(Label.parser()))
                        .withNumberOfPartitions(1))
                .mapValues(JoinInput::of, Named.as("label-join-label-input"));

        KStream<String, Example> examples = flowInputs.merge(labelInputs, Named.as("label-join-inputs"))
                .process(() -> new LabelJoinProcessor(options), Named.as("label-join"),
                        FLOWS_BY_COMMUNITY, FLOWS_BY_HOST, OPEN_LABELS)
                .repartition(Repartitioned.<String, Example>as(EXAMPLES)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Example.serde())
                        .withNumberOfPartitions(1));
        TrainingTopology.build(builder, topics, examples, trainer, mem);
    }
}
