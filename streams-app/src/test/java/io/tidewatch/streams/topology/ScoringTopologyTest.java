package io.tidewatch.streams.topology;

import static io.tidewatch.streams.topology.Batches.SYN;
import static io.tidewatch.streams.topology.Batches.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.tidewatch.learners.bayes.GaussianNaiveBayes;
import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.pipeline.Pipeline;
import io.tidewatch.learners.transform.Log1p;
import io.tidewatch.proto.v1.Contribution;
import io.tidewatch.proto.v1.DetectorScore;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.ModelRef;
import io.tidewatch.proto.v1.ModelSnapshot;
import io.tidewatch.proto.v1.ScoredFlow;
import io.tidewatch.streams.features.FeatureSets;
import io.tidewatch.streams.scoring.Combiner;
import io.tidewatch.streams.scoring.Indicators;
import io.tidewatch.streams.scoring.ScoringProcessor;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scoring stage in the production topology: calibrated scores, burn-in, ECS fields, reasons, alert
 * suppression, model checkpoints that a restarted task resumes from, and the supervised blend.
 */
class ScoringTopologyTest {

    private static final int BURN_IN = 100;
    private static final Map<String, String> SETTINGS = Map.of(
            "scoring.burn-in.flows", Integer.toString(BURN_IN),
            "scoring.checkpoint.flows", "50",
            "alerts.threshold", "0.9",
            "alerts.suppression.window", "60s");

    @TempDir
    Path stateDir;

    private final ObjectMapper json = new ObjectMapper();
    private long seq;

    /** DNS-like request/response pairs from 20 clients to one resolver, one flow every 200 ms from {@code t0Ms}. */
    private double normal(TopologyHarness h, int flows, double t0Ms, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double t = t0Ms;
        for (int i = 0; i < flows; i++) {
            int client = 1 + rnd.nextInt(20);
            int port = 20_000 + (int) (seq++ % 40_000);
            int q = 60 + rnd.nextInt(20);
            h.send(batch(Batches.udp(client, port, 200, 53), 0)
                    .packet(t, true, q, q - 28, 0)
                    .packet(t + 2 + rnd.nextInt(5), false, q + 60 + rnd.nextInt(40), q + 32, 0)
                    .end(FlowEndReason.FLOW_END_REASON_END_OF_INPUT).build());
            t += 200;
        }
        return t;
    }

    /** The same scan from 10.0.0.66 against 10.0.0.202, ports from 1000. */
    private double scan2(TopologyHarness h, int ports, double t0Ms) {
        double t = t0Ms;
        for (int p = 1; p <= ports; p++) {
            h.send(batch(Batches.tcp(66, 41_000, 202, 1000 + p), 0).packet(t, true, 44, 0, SYN)
                    .end(FlowEndReason.FLOW_END_REASON_END_OF_INPUT).build());
            t += 5;
        }
        return t;
    }

    /** A port scan: one SYN from 10.0.0.66 to each of {@code ports} ports of 10.0.0.201, 5 ms apart. */
    private double scan(TopologyHarness h, int ports, double t0Ms) {
        double t = t0Ms;
        for (int p = 1; p <= ports; p++) {
            h.send(batch(Batches.tcp(66, 40_000, 201, p), 0).packet(t, true, 44, 0, SYN)
                    .end(FlowEndReason.FLOW_END_REASON_END_OF_INPUT).build());
            t += 5;
        }
        return t;
    }

    /**
     * The unsupervised score from the flow's detector scores, as the default settings make it: the highest of the
     * two detectors' ranks, combined with the two indicators' probabilities (1 - their calibrated scores).
     */
    private static double unsupervised(ScoredFlow s) {
        List<DetectorScore> d = s.getDetectorScoresList();
        double detectors = Math.max(d.get(0).getCalibrated(), d.get(1).getCalibrated());
        // Every score after the two detectors is an indicator's.
        return Indicators.combine(detectors, d.subList(2, d.size()).stream().mapToDouble(i -> 1 - i.getCalibrated())
                .toArray());
    }

    @Test
    void scoresAreCalibratedAndBurnInIsReported() throws Exception {
        try (TopologyHarness h = new TopologyHarness(stateDir, SETTINGS)) {
            normal(h, 300, 0, 1);
            List<ScoredFlow> scored = h.scored.readValuesToList();
            List<String> ecs = h.ecs.readValuesToList();
            assertEquals(300, scored.size());
            assertEquals(300, ecs.size());
            for (int i = 0; i < scored.size(); i++) {
                ScoredFlow s = scored.get(i);
                assertTrue(s.getScore() >= 0 && s.getScore() <= 1, "score " + s.getScore());
                assertEquals(List.of("surge-activity", "surge-flow", "beacon", "service-repeats", "empty-tcp"),
                        s.getDetectorScoresList().stream().map(DetectorScore::getDetector).toList(),
                        "the detectors, then the indicators");
                for (DetectorScore d : s.getDetectorScoresList()) {
                    assertTrue(d.getCalibrated() >= 0 && d.getCalibrated() <= 1, d.toString());
                }
                assertEquals(unsupervised(s), s.getScore(), 1e-12,
                        "the highest detector rank, combined with the indicators");
                assertEquals(i < BURN_IN, s.getBurnIn(), "flow " + i + " burn-in");
                ModelRef m = s.getModels(0);
                assertEquals(ScoringProcessor.UNSUPERVISED_PREFIX + FeatureSets.FLOW, m.getModelId());
                assertEquals(i, m.getExamplesSeen());
                assertEquals(i / 50, m.getVersion(), "a checkpoint every 50 flows");

                JsonNode d = json.readTree(ecs.get(i));
                assertEquals(s.getFlow().getFlowId(), d.at("/event/id").asText());
                assertEquals(Math.round(s.getScore() * 1000) / 10.0, d.at("/event/risk_score").asDouble(), 1e-9);
                assertEquals(s.getScore(), d.at("/tidewatch/score").asDouble(), 1e-12);
                assertEquals(s.getBurnIn(), d.at("/tidewatch/burn_in").asBoolean());
                for (DetectorScore ds : s.getDetectorScoresList()) {
                    assertEquals(ds.getCalibrated(), d.at("/tidewatch/scores/" + ds.getDetector()).asDouble(), 1e-12);
                }
                assertEquals(s.getReasonsCount(), d.at("/tidewatch/reasons").size());
            }
            // Trained on this traffic, each view ranks ordinary flows anywhere in [0, 1], so the higher of two ranks is
            // 0.9 or more for about 19% of them (1 - 0.9^2), but not for all.
            long high = scored.stream().skip(BURN_IN).filter(s -> s.getScore() >= 0.9).count();
            assertTrue(high < 60, high + " of 200 ordinary flows at 0.9 or more");
        }
    }

    @Test
    void aScanIsOneAlertWithACountAndReadableReasons() throws Exception {
        try (TopologyHarness h = new TopologyHarness(stateDir, SETTINGS)) {
            double t = normal(h, 400, 0, 2);
            t = scan(h, 300, t + 1000);
            List<ScoredFlow> scored = h.scored.readValuesToList();
            List<ScoredFlow> scanFlows = new ArrayList<>();
            for (ScoredFlow s : scored) {
                if (InetAddress.getByAddress(s.getFlow().getOriginator().getIp().toByteArray()).getHostAddress()
                        .equals("10.0.0.66")) {
                    scanFlows.add(s);
                }
            }
            assertEquals(300, scanFlows.size());
            long alerting = scanFlows.stream().filter(s -> !s.getBurnIn() && s.getScore() >= 0.9).count();
            assertTrue(alerting > 100, "scan flows over the threshold: " + alerting);
            // The scan raised a single open alert (ordinary flows of other hosts may raise their own).
            List<TestRecord<String, String>> all = h.alerts.readRecordsToList();
            List<TestRecord<String, String>> open = fromScanner(all);
            assertEquals(1, open.size(), "one alert for the scan, not " + alerting);
            JsonNode a = json.readTree(open.get(0).value());
            assertEquals("alert", a.at("/event/kind").asText());
            assertEquals("10.0.0.66", a.at("/source/ip").asText());
            assertEquals("open", a.at("/tidewatch/alert/status").asText());
            assertTrue(a.at("/event/risk_score").asDouble() >= 90);
            long raised = all.size();

            // The first scan flow's explanation names the port fan-out, with what is usual.
            ScoredFlow first = scanFlows.get(1);
            assertTrue(first.getReasonsCount() >= 3 && first.getReasonsCount() <= 5, first.getReasonsList().toString());
            for (Contribution c : first.getReasonsList()) {
                // A detector's reason says what is usual, an indicator's how rare its value is.
                assertTrue(c.getText().contains(": ")
                        && (c.getText().contains(", usual ~") || c.getText().contains("% of flows")), c.getText());
            }
            ScoredFlow late = scanFlows.get(250);
            assertTrue(late.getReasonsList().stream().anyMatch(c -> c.getFeature().startsWith("host.distinct_dst_ports")
                            || c.getFeature().startsWith("host.hl")),
                    "a host-context reason for a scan flow: " + late.getReasonsList());

            // Quiet for longer than the window: the window closes with one summary of the whole scan.
            normal(h, 5, t + 120_000, 3);
            List<TestRecord<String, String>> later = h.alerts.readRecordsToList();
            List<TestRecord<String, String>> closed = fromScanner(later);
            assertEquals(1, closed.size());
            JsonNode c = json.readTree(closed.get(0).value());
            assertEquals(open.get(0).key(), closed.get(0).key(), "the summary updates the same alert");
            assertEquals("closed", c.at("/tidewatch/alert/status").asText());
            assertEquals(alerting, c.at("/tidewatch/alert/count").asLong());
            assertEquals(alerting - 1, c.at("/tidewatch/alert/suppressed").asLong());
            long opened = raised + later.stream().filter(r -> r.value().contains("\"status\":\"open\"")).count();
            assertEquals(opened, h.app.scoringCounters().alertsRaised.sum());
            assertTrue(h.app.scoringCounters().alertsSuppressed.sum() >= alerting - 1);
        }
    }

    @Test
    void theScoreDistributionShiftsAreDriftEventsAndAFallRestartsCalibration() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(SETTINGS);
        // Watch again soon after a detection: the test's phases are a few hundred flows long.
        settings.put("scoring.drift.cooldown.flows", "100");
        try (TopologyHarness h = new TopologyHarness(stateDir, settings);
                io.tidewatch.serde.ProtobufSerde<io.tidewatch.proto.v1.ModelMetrics> serde =
                        new io.tidewatch.serde.ProtobufSerde<>(io.tidewatch.proto.v1.ModelMetrics.getDefaultInstance(),
                                Map.of("schema.registry.url", h.registry.url()), false)) {
            TestOutputTopic<String, io.tidewatch.proto.v1.ModelMetrics> metrics = h.driver.createOutputTopic(
                    h.app.topics().modelMetrics().name(), new StringDeserializer(), serde.deserializer());
            double t = normal(h, 600, 0, 2);
            assertEquals(List.of(), metrics.readValuesToList(), "steady traffic past burn-in: no drift");
            // A long scan: its first flows rank high (a rise, reported), then the detectors learn it (one in 16
            // past the gate) and it ranks below the calibration window that still holds its first scores (a fall).
            t = scan(h, 250, t + 1000);
            t = scan2(h, 250, t + 1000);
            normal(h, 300, t + 1000, 3);
            List<io.tidewatch.proto.v1.ModelMetrics> drifts = metrics.readValuesToList();
            assertTrue(!drifts.isEmpty(), "the scan moves the score distribution");
            for (var m : drifts) {
                assertEquals("adwin", m.getDrift().getDetector(), m.toString());
                assertEquals(io.tidewatch.streams.scoring.drift.ScoreDriftMonitor.SIGNAL, m.getDrift().getSignal());
                assertEquals(ScoringProcessor.UNSUPERVISED_PREFIX + FeatureSets.FLOW, m.getModelId());
            }
            long restarts = drifts.stream().filter(m -> m.getDrift().getAction().startsWith("scores fell")).count();
            assertTrue(restarts >= 1, "traffic back to ordinary after the scan restarts calibration: "
                    + drifts.stream().map(m -> m.getExamples() + ": " + m.getDrift().getAction()).toList());
            assertEquals(drifts.size(), h.app.scoringCounters().scoreDriftEvents.sum());
        }
    }

    private List<TestRecord<String, String>> fromScanner(List<TestRecord<String, String>> alerts) throws Exception {
        List<TestRecord<String, String>> out = new ArrayList<>();
        for (TestRecord<String, String> r : alerts) {
            if (json.readTree(r.value()).at("/source/ip").asText().equals("10.0.0.66")) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void aRestartedTaskResumesFromItsStoredModel() throws Exception {
        String changelog = "tidewatch-test-" + ScoringProcessor.MODEL_STORE + "-changelog";
        List<TestRecord<String, byte[]>> logged;
        try (TopologyHarness h = new TopologyHarness(stateDir, SETTINGS)) {
            normal(h, 150, 0, 4);
            assertEquals(150, h.scored.readValuesToList().size());
            TestOutputTopic<String, byte[]> log = h.driver.createOutputTopic(changelog, new StringDeserializer(),
                    new ByteArrayDeserializer());
            // The model's checkpoints (the store also holds the score-drift detector beside it).
            logged = log.readRecordsToList().stream().filter(r -> r.key().equals(FeatureSets.FLOW)).toList();
        }
        assertEquals(3, logged.size(), "checkpoints after 50, 100 and 150 flows");
        TestRecord<String, byte[]> last = logged.get(2);
        assertEquals(FeatureSets.FLOW, last.key());

        // A new instance of the task: Kafka Streams restores its store from the changelog before processing;
        // the test driver does not replay changelogs, so the restored record is put into the store as the
        // restoration would.
        try (TopologyHarness h = new TopologyHarness(stateDir.resolve("second"), SETTINGS)) {
            h.driver.<String, byte[]>getKeyValueStore(ScoringProcessor.MODEL_STORE).put(last.key(), last.value());
            normal(h, 10, 60_000, 5);
            List<ScoredFlow> scored = h.scored.readValuesToList();
            assertEquals(10, scored.size());
            ScoredFlow firstAfter = scored.get(0);
            assertFalse(firstAfter.getBurnIn(), "no second burn-in");
            assertEquals(3, firstAfter.getModels(0).getVersion(), "the stored model version");
            assertEquals(150, firstAfter.getModels(0).getExamplesSeen(), "continues from 150 flows learned");
            assertEquals(1, h.app.scoringCounters().modelsRestored.sum());
        }
    }

    @Test
    void aPromotedSupervisedModelJoinsTheScore() throws Exception {
        int n = FeatureSets.names(FeatureSets.FLOW).size();
        Pipeline.Classifying clf = Pipeline.classifier(List.of(new Log1p()), new GaussianNaiveBayes(n, 2));
        try (TopologyHarness h = new TopologyHarness(stateDir, SETTINGS)) {
            normal(h, 120, 0, 6);
            List<ScoredFlow> before = h.scored.readValuesToList();
            // Teach it that these flows are benign (class 0), scan-like flows malicious (class 1).
            for (ScoredFlow s : before) {
                double[] x = s.getFlow().getFeaturesList().stream().mapToDouble(Double::doubleValue).toArray();
                clf.learn(x, 0);
                double[] y = x.clone();
                y[0] = 1;
                clf.learn(y, 1);
            }
            assertTrue(before.stream().noneMatch(ScoredFlow::hasSupervisedProbability));
            ModelSnapshot.Builder snap = ModelSnapshot.newBuilder().setModelId("supervised").setVersion(7)
                    .setLearner("naive-bayes").setState(ByteString.copyFrom(ModelCodec.encode(clf)))
                    .setExamplesSeen(240).setFeatureSet(FeatureSets.FLOW);
            h.models.pipeInput("supervised", snap.setPromoted(false).build());
            double t = normal(h, 5, 30_000, 7);
            assertTrue(h.scored.readValuesToList().stream().noneMatch(ScoredFlow::hasSupervisedProbability),
                    "a model that did not pass its bar is not used");

            h.models.pipeInput("supervised", snap.setPromoted(true).build());
            normal(h, 5, t + 1000, 8);
            List<ScoredFlow> after = h.scored.readValuesToList();
            assertEquals(5, after.size());
            for (ScoredFlow s : after) {
                assertTrue(s.hasSupervisedProbability());
                double[] x = s.getFlow().getFeaturesList().stream().mapToDouble(Double::doubleValue).toArray();
                assertEquals(clf.predictProba(x)[1], s.getSupervisedProbability(), 1e-12);
                assertEquals(Combiner.blend(unsupervised(s), s.getSupervisedProbability(), 0.5), s.getScore(), 1e-12);
                ModelRef sup = s.getModels(1);
                assertEquals("supervised", sup.getModelId());
                assertEquals(7, sup.getVersion());
            }
            assertEquals(5, h.app.scoringCounters().supervisedBlended.sum());
            List<String> ecs = h.ecs.readValuesToList();
            JsonNode d = json.readTree(ecs.get(ecs.size() - 1));
            assertEquals(after.get(4).getSupervisedProbability(), d.at("/tidewatch/supervised_probability").asDouble(),
                    1e-12);
        }
    }
}
