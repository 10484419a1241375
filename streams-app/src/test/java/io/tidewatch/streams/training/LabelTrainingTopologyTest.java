package io.tidewatch.streams.training;

import static io.tidewatch.streams.training.TrainingHarness.flow;
import static io.tidewatch.streams.training.TrainingHarness.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Classifier;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.Label;
import io.tidewatch.proto.v1.ModelMetrics;
import io.tidewatch.proto.v1.ModelSnapshot;
import io.tidewatch.proto.v1.Verdict;
import io.tidewatch.streams.features.FeatureSets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The label stage and the trainer in the production topology (TopologyTestDriver, real embedded registry): flows go
 * in as packet dynamics, labels as Label records, and what is checked is what comes out on the model-metrics and
 * models topics and in the trainer's store.
 */
class LabelTrainingTopologyTest {

    @TempDir
    Path stateDir;

    /** No-change predicts the last label it learned (uniform, so class 0, before any): hand-computable. */
    private static Map<String, String> noChange(Map<String, String> more) {
        Map<String, String> m = new HashMap<>(Map.of("training.learner", "no-change", "training.transform", "none",
                "training.metrics.every", "1", "labels.pending.timeout", "60s", "labels.retry.interval", "1s"));
        m.putAll(more);
        return m;
    }

    private static Label byFlow(String cid, Verdict v, String attack) {
        return Label.newBuilder().setCommunityId(cid).setVerdict(v).setAttackClass(attack).setSource("test").build();
    }

    private static String cid(int src, int port, int dst) {
        return TrainingHarness.communityId(src, port, dst);
    }

    private static long ns(long msAfterT0) {
        return (TrainingHarness.T0_MS + msAfterT0) * 1_000_000L;
    }

    @Test
    void labelsByCommunityIdAndByHostTrainAndUnmatchedOnesAreCounted() {
        try (TrainingHarness h = new TrainingHarness(stateDir, noChange(Map.of("labels.stores", "rocksdb")))) {
            h.send(flow(1, 1000, 2, 3, 100, 0));
            h.send(flow(3, 2000, 2, 3, 100, 1000));
            long t = TrainingHarness.T0_MS + 5000;
            h.label(byFlow(cid(1, 1000, 2), Verdict.VERDICT_MALICIOUS, "port-scan"), t);
            h.label(Label.newBuilder().setHostIp(ByteString.copyFrom(ip(0, 3))).setStartNs(ns(500)).setEndNs(ns(1500))
                    .setVerdict(Verdict.VERDICT_BENIGN).build(), t);
            h.label(byFlow("1:no-such-flow", Verdict.VERDICT_MALICIOUS, "c2"), t);
            // Nothing for host 10.0.0.3 before 500 ms: this host label names no flow.
            h.label(Label.newBuilder().setHostIp(ByteString.copyFrom(ip(0, 3))).setStartNs(ns(0)).setEndNs(ns(400))
                    .setVerdict(Verdict.VERDICT_BENIGN).build(), t);
            h.label(Label.newBuilder().setVerdict(Verdict.VERDICT_BENIGN).build(), t);

            List<ModelMetrics> m = h.metricsRecords();
            assertEquals(2, m.size(), "one example per matched label");
            assertEquals(1.0, m.get(0).getCumulativeOrThrow("fn"), "malicious flow first, predicted benign (no model yet)");
            assertEquals(1.0, m.get(0).getCumulativeOrThrow("examples.port-scan"));
            assertEquals(1.0, m.get(1).getCumulativeOrThrow("fp"), "then the benign host flow, predicted malicious");
            assertEquals(0.0, h.metric("labels-unmatched-total"), "still pending within the timeout");
            assertEquals(1.0, h.metric("labels-invalid-total"));

            // A label before its flow: kept open, matched when the flow closes.
            h.label(byFlow(cid(5, 3000, 2), Verdict.VERDICT_MALICIOUS, "c2"), t + 1000);
            h.send(flow(5, 3000, 2, 3, 100, 2000));
            assertEquals(3, h.metricsRecords().get(0).getExamples());

            // Event time moves past the pending timeout: the two labels that named nothing are counted.
            h.send(flow(7, 4000, 2, 1, 100, 200_000));
            assertEquals(2.0, h.metric("labels-unmatched-total"));
            assertEquals(3.0, h.metric("labels-matched-total"));
            assertEquals(3.0, h.metric("examples-total"));
        }
    }

    @Test
    void metricsFollowAHandComputedProgressiveSequence() {
        int[] y = {1, 1, 0, 1, 0, 0};
        try (TrainingHarness h = new TrainingHarness(stateDir,
                noChange(Map.of("training.metrics.window", "4", "training.snapshot.examples", "3")))) {
            for (int i = 0; i < y.length; i++) {
                h.send(flow(10 + i, 1000, 2, 2, 80, i * 10L));
            }
            for (int i = 0; i < y.length; i++) {
                h.label(byFlow(cid(10 + i, 1000, 2), y[i] == 1 ? Verdict.VERDICT_MALICIOUS : Verdict.VERDICT_BENIGN,
                        y[i] == 1 ? "port-scan" : ""), TrainingHarness.T0_MS + 1000 + i);
            }
            List<ModelMetrics> m = h.metricsRecords();
            assertEquals(6, m.size());
            // No-change: the first prediction is a tie (class 0), then the previous label.
            int[] predicted = {0, 1, 1, 0, 1, 0};
            double[] p1 = {0.5, 1, 1, 0, 1, 0};
            long[] version = {0, 0, 0, 1, 1, 1};
            for (int n = 1; n <= y.length; n++) {
                ModelMetrics r = m.get(n - 1);
                assertEquals(n, r.getExamples());
                assertEquals(version[n - 1], r.getVersion(), "version at example " + n);
                Expected all = Expected.of(y, predicted, p1, 0, n);
                Expected last4 = Expected.of(y, predicted, p1, Math.max(0, n - 4), n);
                all.check(r.getCumulativeMap(), "cumulative at " + n);
                last4.check(r.getWindowedMap(), "windowed at " + n);
            }
            assertEquals(3.5 / 9, m.get(5).getCumulativeOrThrow("roc_auc"), 1e-12, "ties count half");
            assertEquals(-1.0 / 3, m.get(5).getCumulativeOrThrow("kappa"), 1e-12);
            // Attacks at examples 1, 2 and 4, predicted 0, 1, 0.
            assertEquals(1.0 / 3, m.get(5).getCumulativeOrThrow("recall.port-scan"), 1e-12);
            List<ModelSnapshot> snaps = h.models.readValuesToList();
            assertEquals(List.of(1L, 2L), snaps.stream().map(ModelSnapshot::getVersion).toList());
            assertEquals(List.of(3L, 6L), snaps.stream().map(ModelSnapshot::getExamplesSeen).toList());
        }
    }

    /** Metrics of predictions {@code from..to-1}, computed directly from the confusion counts. */
    private record Expected(double tp, double fp, double tn, double fn, double auc) {

        static Expected of(int[] y, int[] pred, double[] p1, int from, int to) {
            double tp = 0, fp = 0, tn = 0, fn = 0, wins = 0, pos = 0, neg = 0;
            for (int i = from; i < to; i++) {
                if (y[i] == 1 && pred[i] == 1) tp++;
                if (y[i] == 0 && pred[i] == 1) fp++;
                if (y[i] == 0 && pred[i] == 0) tn++;
                if (y[i] == 1 && pred[i] == 0) fn++;
                for (int j = from; j < to; j++) {
                    if (y[i] == 1 && y[j] == 0) {
                        wins += p1[i] > p1[j] ? 1 : p1[i] == p1[j] ? 0.5 : 0;
                    }
                }
                pos += y[i];
                neg += 1 - y[i];
            }
            return new Expected(tp, fp, tn, fn, pos == 0 || neg == 0 ? Double.NaN : wins / (pos * neg));
        }

        void check(Map<String, Double> got, String what) {
            double n = tp + fp + tn + fn;
            double precision = tp + fp == 0 ? 0 : tp / (tp + fp);
            double recall = tp + fn == 0 ? 0 : tp / (tp + fn);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            assertEquals(n, got.get("examples"), 1e-12, what + " examples");
            assertEquals((tp + tn) / n, got.get("accuracy"), 1e-12, what + " accuracy");
            assertEquals(precision, got.get("precision"), 1e-12, what + " precision");
            assertEquals(recall, got.get("recall"), 1e-12, what + " recall");
            assertEquals(f1, got.get("f1"), 1e-12, what + " f1");
            double pe = ((tp + fn) / n) * ((tp + fp) / n) + ((tn + fp) / n) * ((tn + fn) / n);
            assertEquals(pe >= 1 ? 0 : ((tp + tn) / n - pe) / (1 - pe), got.get("kappa"), 1e-12, what + " kappa");
            if (Double.isNaN(auc)) {
                assertFalse(got.containsKey("roc_auc"), what + ": no AUC with one class");
            } else {
                assertEquals(auc, got.get("roc_auc"), 1e-12, what + " roc_auc");
            }
        }
    }

    @Test
    void snapshotDecodesToAClassifierThatPredictsLikeTheTrainer() {
        try (TrainingHarness h = new TrainingHarness(stateDir, Map.of("training.snapshot.examples", "60",
                "training.learner.params", "trees=3,seed=5,grace-period=10"))) {
            Random r = new Random(3);
            List<Integer> classes = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                boolean bad = r.nextBoolean();
                classes.add(bad ? 1 : 0);
                h.send(flow(100 + i, 1000, 2, bad ? 1 : 4, bad ? 40 + r.nextInt(20) : 600 + r.nextInt(400), i * 10L));
            }
            List<FlowRecord> flows = h.flows.readValuesToList();
            for (int i = 0; i < 60; i++) {
                h.label(byFlow(cid(100 + i, 1000, 2), classes.get(i) == 1 ? Verdict.VERDICT_MALICIOUS
                        : Verdict.VERDICT_BENIGN, classes.get(i) == 1 ? "port-scan" : ""), TrainingHarness.T0_MS + 2000);
            }
            List<ModelSnapshot> snaps = h.models.readValuesToList();
            assertEquals(1, snaps.size());
            ModelSnapshot s = snaps.get(0);
            assertEquals("supervised", s.getModelId());
            assertEquals("adaptive-random-forest", s.getLearner());
            assertEquals(60, s.getExamplesSeen());
            assertEquals(FeatureSets.FLOW, s.getFeatureSet(), "the feature set of the flows it learned from");
            Classifier published = ModelCodec.decode(s.getState().toByteArray(), Classifier.class);
            KeyValueStore<String, byte[]> store = h.driver.getKeyValueStore(TrainingTopology.TRAINER_STORE);
            Classifier trainer = TrainerState.decode(store.get("supervised")).model;
            assertEquals(60, trainer.examplesSeen());
            int malicious = 0;
            for (FlowRecord f : flows) {
                double[] x = f.getFeaturesList().stream().mapToDouble(Double::doubleValue).toArray();
                assertArrayEquals(trainer.predictProba(x), published.predictProba(x), 0.0, f.getFlowId());
                malicious += published.predict(x);
            }
            assertTrue(malicious > 0 && malicious < 60, "the model separates something: " + malicious);
        }
    }

    @Test
    void snapshotIsPromotedOnceItsWindowPassesTheBar() {
        try (TrainingHarness h = new TrainingHarness(stateDir, noChange(Map.of("training.snapshot.examples", "3",
                "training.promote.min-examples", "5", "training.promote.f1", "0.8")))) {
            for (int i = 0; i < 6; i++) {
                h.send(flow(20 + i, 1000, 2, 2, 80, i * 10L));
            }
            for (int i = 0; i < 6; i++) {
                h.label(byFlow(cid(20 + i, 1000, 2), Verdict.VERDICT_MALICIOUS, "c2"), TrainingHarness.T0_MS + 1000);
            }
            List<ModelSnapshot> snaps = h.models.readValuesToList();
            assertEquals(2, snaps.size());
            assertFalse(snaps.get(0).getPromoted(), "3 examples in the window, 5 required");
            // 6 examples: first a miss (no model yet), then 5 hits: F1 = 2 * 1 * (5/6) / (1 + 5/6) = 0.909.
            assertEquals(10.0 / 11, snaps.get(1).getMetricsOrThrow("f1"), 1e-12);
            assertTrue(snaps.get(1).getPromoted());
        }
    }

    @Test
    void anAbruptLabelFlipIsADriftEventAndDemotesTheModel() {
        try (TrainingHarness h = new TrainingHarness(stateDir, Map.of("training.metrics.every", "50",
                "training.snapshot.examples", "100", "training.promote.min-examples", "100",
                "training.learner.params", "trees=5,seed=9,grace-period=20"))) {
            Random r = new Random(11);
            int n = 600;
            for (int i = 0; i < n; i++) {
                boolean small = r.nextBoolean();
                int host = 1000 + i;
                h.send(flow(host, 1000 + i % 50, 2, small ? 1 : 5, small ? 40 : 900, i * 10L));
                // Small flows are the attack for the first half, the benign ones after: the concept flips.
                boolean malicious = i < n / 2 == small;
                h.label(byFlow(cid(host, 1000 + i % 50, 2), malicious ? Verdict.VERDICT_MALICIOUS : Verdict.VERDICT_BENIGN,
                        malicious ? "flip" : ""), TrainingHarness.T0_MS + i * 10L + 100);
            }
            List<ModelMetrics> m = h.metricsRecords();
            List<ModelMetrics> drifts = m.stream().filter(ModelMetrics::hasDrift).toList();
            assertFalse(drifts.isEmpty(), "a drift is reported");
            ModelMetrics first = drifts.get(0);
            assertTrue(first.getExamples() > n / 2 && first.getExamples() < n / 2 + 150,
                    "drift soon after the flip at " + n / 2 + ": at " + first.getExamples());
            assertEquals("adwin", first.getDrift().getDetector());
            assertEquals("supervised-error", first.getDrift().getSignal());
            List<ModelSnapshot> snaps = h.models.readValuesToList();
            ModelSnapshot before = snaps.stream().filter(s -> s.getExamplesSeen() <= n / 2).reduce((a, b) -> b).orElseThrow();
            assertTrue(before.getPromoted(), "promoted before the flip: " + before.getMetricsMap());
            ModelSnapshot atDrift = snaps.stream().filter(s -> s.getExamplesSeen() == first.getExamples()).findFirst()
                    .orElseThrow();
            assertFalse(atDrift.getPromoted(), "demoted at the drift");
            ModelMetrics last = m.get(m.size() - 1);
            assertTrue(last.getWindowedOrThrow("accuracy") > 0.9, "adapted to the new concept: " + last.getWindowedMap());
        }
    }
}
