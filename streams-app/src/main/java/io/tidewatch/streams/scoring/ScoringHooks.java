package io.tidewatch.streams.scoring;

import com.google.protobuf.Message;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What a scoring task does with its models besides scoring: watching the score distribution for drift, sharing
 * its mergeable state with its peers. One instance per task; {@link ScoringProcessor} calls it at a few points
 * and forwards the side records it returns ({@code ModelMetrics} to the model-metrics topic, {@code ModelSnapshot}
 * to the models topic).
 */
public interface ScoringHooks {

    /** A record for the model-metrics or models topic, keyed by model id. */
    record Side(String key, Message value) {
    }

    /** No hooks: the processor alone. */
    ScoringHooks NONE = new ScoringHooks() {
    };

    /**
     * Called once when the task starts: its partition, its model store (for the hooks' own state) and the global
     * store of the models topic (the peers' published models).
     */
    default void init(int partition, KeyValueStore<String, byte[]> modelStore,
            ReadOnlyKeyValueStore<String, byte[]> models) {
    }

    /** A model to start from when the task has none stored for {@code featureSet}, or null for a fresh one. */
    default EnsembleModel seed(String featureSet, List<String> names) {
        return null;
    }

    /** After {@code model} was read back from the task's store (a restart, a moved task). */
    default void restored(String featureSet, EnsembleModel model) {
    }

    /** After each scored flow (before the supervised blend); {@code atMs} is the record's event time. */
    default List<Side> afterScore(String featureSet, EnsembleModel model, EnsembleModel.Scored scored, boolean burnIn,
            long atMs) {
        return List.of();
    }

    /** After {@code model} was written to the store as its version {@code model.version()}. */
    default List<Side> checkpointed(String featureSet, EnsembleModel model, long atMs) {
        return List.of();
    }
}
