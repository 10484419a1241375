package io.tidewatch.streams.training;

import static io.tidewatch.streams.training.TrainingHarness.flow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.tidewatch.proto.v1.Label;
import io.tidewatch.proto.v1.ModelMetrics;
import io.tidewatch.proto.v1.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart: the first app instance trains and closes (its last checkpoint is written on close, as nothing else
 * triggered one); its trainer changelog is what a restarted instance restores the store from. The second instance
 * starts with that store content and continues: same model version, example count and metrics go on, no reset.
 */
class TrainerRestartTest {

    @TempDir
    Path first;
    @TempDir
    Path second;

    private static final Map<String, String> SETTINGS = Map.of("training.checkpoint.examples", "1000000",
            "training.checkpoint.interval", "1h", "training.snapshot.examples", "30", "training.metrics.every", "1",
            "training.learner.params", "trees=3,seed=2,grace-period=10");

    private static void trainOn(TrainingHarness h, int from, int to) {
        for (int i = from; i < to; i++) {
            boolean bad = i % 3 == 0;
            h.send(flow(300 + i, 1000, 2, bad ? 1 : 4, bad ? 40 : 800, i * 10L));
            h.label(Label.newBuilder().setCommunityId(TrainingHarness.communityId(300 + i, 1000, 2))
                    .setVerdict(bad ? Verdict.VERDICT_MALICIOUS : Verdict.VERDICT_BENIGN).build(),
                    TrainingHarness.T0_MS + i * 10L + 5);
        }
    }

    @Test
    void aRestartedTrainerResumesItsModelVersionAndMetrics() {
        byte[] saved;
        ModelMetrics lastBefore;
        try (TrainingHarness h = new TrainingHarness(first, SETTINGS)) {
            TestOutputTopic<String, byte[]> changelog = h.driver.createOutputTopic(
                    "tidewatch-training-test-" + TrainingTopology.TRAINER_STORE + "-changelog",
                    new StringDeserializer(), new ByteArrayDeserializer());
            trainOn(h, 0, 40);
            List<ModelMetrics> m = h.metricsRecords();
            lastBefore = m.get(m.size() - 1);
            assertEquals(40, lastBefore.getExamples());
            assertEquals(1, lastBefore.getVersion(), "one snapshot, at 30 examples");
            h.closeDriver();
            List<byte[]> values = changelog.readValuesToList();
            saved = values.get(values.size() - 1);
        }
        TrainerState state = TrainerState.decode(saved);
        assertEquals(40, state.examples, "the close wrote the 10 examples after the snapshot's checkpoint");

        try (TrainingHarness h = new TrainingHarness(second, SETTINGS)) {
            KeyValueStore<String, byte[]> store = h.driver.getKeyValueStore(TrainingTopology.TRAINER_STORE);
            assertNotNull(store);
            store.put("supervised", saved);
            trainOn(h, 40, 45);
            List<ModelMetrics> m = h.metricsRecords();
            ModelMetrics next = m.get(0);
            assertEquals(41, next.getExamples(), "continues from 40");
            assertEquals(1, next.getVersion(), "same model version");
            assertEquals(lastBefore.getCumulativeOrThrow("examples") + 1, next.getCumulativeOrThrow("examples"));
            double before = lastBefore.getCumulativeOrThrow("tp") + lastBefore.getCumulativeOrThrow("tn");
            double after = next.getCumulativeOrThrow("tp") + next.getCumulativeOrThrow("tn");
            assertEquals(1, after - before, 1.0, "cumulative counts continue");
            assertEquals(45, m.get(m.size() - 1).getExamples());
        }
    }
}
