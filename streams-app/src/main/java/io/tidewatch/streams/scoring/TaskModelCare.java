package io.tidewatch.streams.scoring;

import io.tidewatch.proto.v1.ModelMetrics;
import io.tidewatch.proto.v1.ModelSnapshot;
import io.tidewatch.streams.scoring.drift.ScoreDriftMonitor;
import io.tidewatch.streams.scoring.exchange.ModelExchange;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The production {@link ScoringHooks} of one scoring task: score-distribution drift ({@link ScoreDriftMonitor})
 * and the model exchange with the other tasks ({@link ModelExchange}).
 */
public final class TaskModelCare implements ScoringHooks {

    private final ScoreDriftMonitor drift;
    private final ModelExchange exchange;

    public TaskModelCare(ScoreDriftMonitor drift, ModelExchange exchange) {
        this.drift = drift;
        this.exchange = exchange;
    }

    @Override
    public void init(int partition, KeyValueStore<String, byte[]> modelStore, ReadOnlyKeyValueStore<String, byte[]> models) {
        drift.init(partition, modelStore);
        exchange.init(partition, models);
    }

    @Override
    public EnsembleModel seed(String featureSet, List<String> names) {
        return exchange.seed(featureSet, names);
    }

    @Override
    public void restored(String featureSet, EnsembleModel model) {
        exchange.fold(featureSet, model);
    }

    @Override
    public List<Side> afterScore(String featureSet, EnsembleModel model, EnsembleModel.Scored scored, boolean burnIn,
            long atMs) {
        ModelMetrics event = drift.observe(featureSet, model, scored, burnIn, atMs);
        return event == null ? List.of() : List.of(new Side(event.getModelId(), event));
    }

    @Override
    public List<Side> checkpointed(String featureSet, EnsembleModel model, long atMs) {
        drift.checkpoint(featureSet);
        ModelSnapshot snap = exchange.publish(featureSet, model, System.currentTimeMillis());
        if (snap != null) {
            // Peers publish on the same cadence: fold in what they learned since the last time.
            exchange.fold(featureSet, model);
        }
        return snap == null ? List.of() : List.of(new Side(snap.getModelId(), snap));
    }
}
