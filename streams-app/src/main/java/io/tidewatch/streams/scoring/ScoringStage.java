package io.tidewatch.streams.scoring;

import com.google.protobuf.Message;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.ModelMetrics;
import io.tidewatch.proto.v1.ModelSnapshot;
import io.tidewatch.proto.v1.ScoredFlow;
import io.tidewatch.streams.alerts.AlertConfig;
import io.tidewatch.streams.alerts.AlertProcessor;
import io.tidewatch.streams.ecs.EcsMapper;
import io.tidewatch.streams.scoring.drift.ScoreDriftConfig;
import io.tidewatch.streams.scoring.drift.ScoreDriftMonitor;
import io.tidewatch.streams.scoring.exchange.ModelExchange;
import io.tidewatch.streams.scoring.exchange.ModelExchangeConfig;
import io.tidewatch.streams.topology.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The scoring part of the topology, attached to the enriched flow stream:
 *
 * <pre>
 * flows ─► scorer (scoring-models; reads global supervised-models) ─► scored-flows (ScoredFlow)
 *                                                                  ├► model-metrics (score-distribution drift)
 *                                                                  ├► models (each task's model, key unsupervised:fs@p)
 *                                                                  ├► ECS JSON ─► scored-flows.ecs
 *                                                                  └► alerter (alert-suppression) ─► alerts
 * models (compacted) ─► global store supervised-models
 * </pre>
 */
public final class ScoringStage {

    private ScoringStage() {
    }

    /** Adds the stage; returns the scored flows keyed by flow id. */
    public static KStream<String, ScoredFlow> attach(StreamsBuilder builder, Topics topics,
            KStream<String, FlowRecord> enriched, ScoringConfig scoring, AlertConfig alerts, ScoringCounters counters,
            EcsMapper ecs) {
        return attach(builder, topics, enriched, scoring, ScoreDriftConfig.from(io.tidewatch.config.Settings.of(
                java.util.Map.of())), ModelExchangeConfig.from(io.tidewatch.config.Settings.of(java.util.Map.of())),
                alerts, counters, ecs);
    }

    /** As above, with the score-drift and model-exchange settings. */
    public static KStream<String, ScoredFlow> attach(StreamsBuilder builder, Topics topics,
            KStream<String, FlowRecord> enriched, ScoringConfig scoring, ScoreDriftConfig drift,
            ModelExchangeConfig exchange, AlertConfig alerts, ScoringCounters counters, EcsMapper ecs) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ScoringProcessor.MODEL_STORE), Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(AlertProcessor.STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled());
        Topics.Topic<String, ModelSnapshot> models = topics.models();
        // Global stores restore from their source topic itself, so they keep no changelog of their own.
        builder.addGlobalStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(SupervisedModels.STORE), Serdes.String(), Serdes.ByteArray())
                        .withLoggingDisabled(),
                models.name(), Consumed.with(models.keySerde(), models.valueSerde()).withName("models-source"),
                SupervisedModels.Updater::new);

        KStream<String, Message> scorer = enriched.process(() -> new ScoringProcessor(scoring, counters,
                new TaskModelCare(new ScoreDriftMonitor(drift, scoring, counters.scoreDriftEvents),
                        new ModelExchange(exchange, scoring, counters.exchange))),
                Named.as("scorer"), ScoringProcessor.MODEL_STORE);
        // Besides scored flows the scorer emits score-drift events and its published models.
        Topics.Topic<String, ModelMetrics> metricsTopic = topics.modelMetrics();
        scorer.filter((k, v) -> v instanceof ModelMetrics, Named.as("scorer-drift-events"))
                .mapValues(v -> (ModelMetrics) v, Named.as("scorer-drift-as-metrics"))
                .to(metricsTopic.name(), Produced.with(metricsTopic.keySerde(), metricsTopic.valueSerde())
                        .withName("scorer-drift-sink"));
        scorer.filter((k, v) -> v instanceof ModelSnapshot, Named.as("scorer-models"))
                .mapValues(v -> (ModelSnapshot) v, Named.as("scorer-models-as-snapshots"))
                .to(models.name(), Produced.with(models.keySerde(), models.valueSerde()).withName("scorer-models-sink"));
        KStream<String, ScoredFlow> scored = scorer.filter((k, v) -> v instanceof ScoredFlow, Named.as("scored-only"))
                .mapValues(v -> (ScoredFlow) v, Named.as("scored-as-flows"));
        Topics.Topic<String, ScoredFlow> out = topics.scoredFlows();
        scored.to(out.name(), Produced.with(out.keySerde(), out.valueSerde()).withName("scored-flows-sink"));

        ScoredFlowEcs scoredEcs = new ScoredFlowEcs(ecs);
        Topics.Topic<String, String> ecsTopic = topics.scoredFlowsEcs();
        // Written as the UTF-8 bytes the topic's string serde would have produced from the text, without the text.
        scored.mapValues(scoredEcs::toJsonBytes, Named.as("ecs-mapper"))
                .to(ecsTopic.name(), Produced.with(ecsTopic.keySerde(), Serdes.ByteArray()).withName("ecs-sink"));

        Topics.Topic<String, String> alertTopic = topics.alerts();
        scored.process(() -> new AlertProcessor(alerts, counters, scoredEcs), Named.as("alerter"), AlertProcessor.STORE)
                .to(alertTopic.name(), Produced.with(alertTopic.keySerde(), alertTopic.valueSerde())
                        .withName("alerts-sink"));
        return scored;
    }
}
