package io.tidewatch.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.probe.synth.AttackKind;
import io.tidewatch.probe.synth.SynthConfig;
import io.tidewatch.probe.synth.TrafficSynthesizer;
import io.tidewatch.proto.v1.ModelRef;
import io.tidewatch.proto.v1.ModelSnapshot;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.proto.v1.ScoredFlow;
import io.tidewatch.serde.ProtobufSerde;
import io.tidewatch.config.Settings;
import io.tidewatch.streams.features.FeatureSets;
import io.tidewatch.streams.scoring.EnsembleModel;
import io.tidewatch.streams.scoring.ScoringConfig;
import io.tidewatch.streams.scoring.ScoringProcessor;
import io.tidewatch.streams.scoring.exchange.ModelExchange;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model exchange on a synthesized capture through the real probe: a task publishes its model to the models
 * topic under its own key, a task with no model of its own starts from what was published instead of from zero, and
 * a running task folds in what its peers publish while publishing only what it learned itself.
 */
class ModelExchangeTopologyTest {

    private static final Map<String, String> SETTINGS = Map.of("scoring.burn-in.flows", "100",
            "scoring.checkpoint.flows", "50", "scoring.exchange.interval", "0s");
    private static final String FS = FeatureSets.FLOW;

    @TempDir
    static Path dir;
    private static List<PacketDynamicsBatch> batches;

    @BeforeAll
    static void capture() throws Exception {
        Path pcap = dir.resolve("capture.pcap");
        TrafficSynthesizer.run(SynthConfig.builder().out(pcap).labels(dir.resolve("labels.csv")).minutes(2).hosts(20)
                .seed(41).attacks(EnumSet.noneOf(AttackKind.class)).build());
        batches = ProbeCapture.batches(pcap);
        published = publishOnce(dir.resolve("publisher"));
    }

    private static ModelSnapshot published;

    private static ModelRef unsupervised(ScoredFlow s) {
        return s.getModels(0);
    }

    /** Replays the capture; returns the last model snapshot the task published. */
    private static ModelSnapshot publishOnce(Path state) {
        try (TopologyHarness h = new TopologyHarness(state, SETTINGS);
                ProtobufSerde<ModelSnapshot> serde = new ProtobufSerde<>(ModelSnapshot.getDefaultInstance(),
                        Map.of("schema.registry.url", h.registry.url()), false)) {
            TestOutputTopic<String, ModelSnapshot> models = h.driver.createOutputTopic(h.app.topics().models().name(),
                    new StringDeserializer(), serde.deserializer());
            batches.forEach(h::send);
            List<TestRecord<String, ModelSnapshot>> published = models.readRecordsToList();
            assertFalse(published.isEmpty(), "the task published its model");
            TestRecord<String, ModelSnapshot> last = published.get(published.size() - 1);
            assertEquals(ModelExchange.key(FS, 0), last.key(), "per task key");
            assertEquals(last.key(), last.value().getModelId());
            long versions = published.stream().mapToLong(r -> r.value().getVersion()).distinct().count();
            assertEquals(published.size(), versions, "one publication per checkpoint version");
            int scored = h.scored.readValuesToList().size();
            assertTrue(scored >= 200, "enough flows to leave burn-in: " + scored);
            assertEquals(published.size(), h.app.scoringCounters().exchange.published.sum());
            return last.value();
        }
    }

    @Test
    void aTaskWithoutAModelStartsFromAPeersPublishedOneInsteadOfFromZero() {
        ModelSnapshot peer = published;
        assertTrue(peer.getVersion() >= 1 && peer.getExamplesSeen() >= 100, peer.getModelId() + " v" + peer.getVersion()
                + " after " + peer.getExamplesSeen());

        // Another task (partition 1's, say) published that model; this task has no store of its own.
        try (TopologyHarness h = new TopologyHarness(dir.resolve("newcomer"), SETTINGS)) {
            h.models.pipeInput(ModelExchange.key(FS, 1), peer.toBuilder().setModelId(ModelExchange.key(FS, 1)).build());
            batches.subList(0, batches.size() / 4).forEach(h::send);
            List<ScoredFlow> scored = h.scored.readValuesToList();
            assertFalse(scored.isEmpty());
            ScoredFlow first = scored.get(0);
            assertEquals(ScoringProcessor.UNSUPERVISED_PREFIX + FS, unsupervised(first).getModelId());
            assertEquals(peer.getExamplesSeen(), unsupervised(first).getExamplesSeen(), "continues the peer's count");
            assertFalse(first.getBurnIn(), "no burn-in from zero");
            assertTrue(scored.stream().noneMatch(ScoredFlow::getBurnIn));
            assertEquals(1, h.app.scoringCounters().exchange.seeded.sum());
        }

        // Without anything published, the same task starts from zero, in burn-in.
        try (TopologyHarness h = new TopologyHarness(dir.resolve("alone"), SETTINGS)) {
            batches.subList(0, batches.size() / 4).forEach(h::send);
            ScoredFlow first = h.scored.readValuesToList().get(0);
            assertEquals(0, unsupervised(first).getExamplesSeen());
            assertTrue(first.getBurnIn());
            assertEquals(0, h.app.scoringCounters().exchange.seeded.sum());
        }
    }

    @Test
    void aTaskWhoseStoreWasLostResumesItsOwnPublishedLineage() {
        ModelSnapshot own = published;
        try (TopologyHarness h = new TopologyHarness(dir.resolve("own-reset"), SETTINGS)) {
            // A peer with more flows is there too: the task's own lineage wins.
            h.models.pipeInput(ModelExchange.key(FS, 0), own);
            h.models.pipeInput(ModelExchange.key(FS, 3), own.toBuilder().setModelId(ModelExchange.key(FS, 3))
                    .setExamplesSeen(own.getExamplesSeen() * 2).build());
            batches.subList(0, batches.size() / 4).forEach(h::send);
            ScoredFlow first = h.scored.readValuesToList().get(0);
            assertNotNull(first);
            assertEquals(own.getVersion(), unsupervised(first).getVersion(), "the version continues");
            assertEquals(own.getExamplesSeen(), unsupervised(first).getExamplesSeen());
        }
    }

    /** What a task published last and scored, when {@code peer} (if not null) is published after its first quarter. */
    private record Run(ModelSnapshot last, List<ScoredFlow> scored, long folds) {
    }

    private static Run runWithPeerArrivingLater(Path state, ModelSnapshot peer) {
        try (TopologyHarness h = new TopologyHarness(state, SETTINGS);
                ProtobufSerde<ModelSnapshot> serde = new ProtobufSerde<>(ModelSnapshot.getDefaultInstance(),
                        Map.of("schema.registry.url", h.registry.url()), false)) {
            TestOutputTopic<String, ModelSnapshot> models = h.driver.createOutputTopic(h.app.topics().models().name(),
                    new StringDeserializer(), serde.deserializer());
            int quarter = batches.size() / 4;
            batches.subList(0, quarter).forEach(h::send);
            if (peer != null) {
                h.models.pipeInput(ModelExchange.key(FS, 1), peer.toBuilder().setModelId(ModelExchange.key(FS, 1))
                        .build());
            }
            batches.subList(quarter, batches.size()).forEach(h::send);
            List<TestRecord<String, ModelSnapshot>> published = models.readRecordsToList();
            return new Run(published.get(published.size() - 1).value(), h.scored.readValuesToList(),
                    h.app.scoringCounters().exchange.folds.sum());
        }
    }

    private static long[] ownExamples(ModelSnapshot snapshot) {
        ScoringConfig config = ScoringConfig.from(Settings.of(SETTINGS));
        return EnsembleModel.decode(snapshot.getState().toByteArray(), FeatureSets.names(FS), config).ownExamples();
    }

    @Test
    void aRunningTaskFoldsInWhatAPeerPublishesAndStillPublishesOnlyItsOwnLearning() {
        Run alone = runWithPeerArrivingLater(dir.resolve("fold-alone"), null);
        Run folding = runWithPeerArrivingLater(dir.resolve("fold-peer"), published);
        assertEquals(0, alone.folds(), "no peer, nothing to fold");
        assertTrue(folding.folds() >= 1, "folded at its publications after the peer appeared: " + folding.folds());
        // The same flows scored with the peer's learning folded in score differently.
        assertEquals(alone.scored().size(), folding.scored().size());
        long differ = java.util.stream.IntStream.range(0, alone.scored().size())
                .filter(i -> alone.scored().get(i).getDetectorScores(0).getRaw()
                        != folding.scored().get(i).getDetectorScores(0).getRaw()).count();
        assertTrue(differ > alone.scored().size() / 4, differ + " of " + alone.scored().size() + " scored differently");
        // What it publishes is its own learning, not its own plus the peer's: a peer folding it in counts nothing twice.
        long[] mine = ownExamples(folding.last());
        long[] peer = ownExamples(published);
        long[] reference = ownExamples(alone.last());
        for (int i = 0; i < mine.length; i++) {
            assertTrue(mine[i] < reference[i] + peer[i] / 2, "detector " + i + ": published " + mine[i]
                    + " examples; alone " + reference[i] + ", the peer's " + peer[i]);
        }
    }
}
