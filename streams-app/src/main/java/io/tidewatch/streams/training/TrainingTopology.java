package io.tidewatch.streams.training;

import com.google.protobuf.Message;
import io.tidewatch.proto.v1.ModelMetrics;
import io.tidewatch.proto.v1.ModelSnapshot;
import io.tidewatch.streams.labels.Example;
import io.tidewatch.streams.topology.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The trainer on the single-partition examples stream: {@link SupervisedTrainer} with its model in the
 * {@value #TRAINER_STORE} store, metrics to {@code tidewatch.model-metrics}, snapshots to {@code tidewatch.models}.
 */
public final class TrainingTopology {

    public static final String TRAINER_STORE = "supervised-trainer";

    private TrainingTopology() {
    }

    /** Adds the trainer; its store is in memory (changelogged) when {@code inMemoryStore}, RocksDB otherwise. */
    public static void build(StreamsBuilder builder, Topics topics, KStream<String, Example> examples,
            TrainerOptions options, boolean inMemoryStore) {
        builder.addStateStore(Stores.keyValueStoreBuilder(inMemoryStore ? Stores.inMemoryKeyValueStore(TRAINER_STORE)
                : Stores.persistentKeyValueStore(TRAINER_STORE), Serdes.String(), Serdes.ByteArray()));
        KStream<String, Message> out = examples.process(() -> new SupervisedTrainer(options),
                Named.as("supervised-trainer"), TRAINER_STORE);

        Topics.Topic<String, ModelMetrics> metrics = topics.modelMetrics();
        out.filter((k, v) -> v instanceof ModelMetrics, Named.as("trainer-metrics"))
                .mapValues(v -> (ModelMetrics) v, Named.as("trainer-metrics-cast"))
                .to(metrics.name(), Produced.with(metrics.keySerde(), metrics.valueSerde()).withName("model-metrics-sink"));
        Topics.Topic<String, ModelSnapshot> models = topics.models();
        out.filter((k, v) -> v instanceof ModelSnapshot, Named.as("trainer-snapshots"))
                .mapValues(v -> (ModelSnapshot) v, Named.as("trainer-snapshots-cast"))
                .to(models.name(), Produced.with(models.keySerde(), models.valueSerde()).withName("models-sink"));
    }
}
