package io.tidewatch.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.tidewatch.cli.report.DemoResults;
import io.tidewatch.cli.report.GroundTruth;
import io.tidewatch.cli.report.ObservedFlow;
import io.tidewatch.cli.report.Throughput;
import io.tidewatch.proto.v1.Contribution;
import io.tidewatch.proto.v1.DetectorScore;
import io.tidewatch.proto.v1.DriftEvent;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.FlowSide;
import io.tidewatch.proto.v1.ModelMetrics;
import io.tidewatch.proto.v1.ScoredFlow;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Records as the pipeline publishes them, turned into what the report shows. */
class ObservedResultsTest {

    private static final long START = 1_767_603_600_123_000_000L;

    private static ScoredFlow scored(double score, String communityId) {
        FlowRecord flow = FlowRecord.newBuilder().setFlowId("f-" + communityId).setStartNs(START)
                .setEndNs(START + 1_000_000_000L)
                .setFlow(FlowKey.newBuilder().setCommunityId(communityId).setIpProtocol(6).setIpVersion(4))
                .setOriginator(FlowSide.newBuilder().setIp(ByteString.copyFrom(new byte[] {10, 0, 0, 7})).setPort(5555))
                .setResponder(FlowSide.newBuilder().setIp(ByteString.copyFrom(new byte[] {10, 0, 0, 1})).setPort(22))
                .build();
        return ScoredFlow.newBuilder().setFlow(flow).setScore(score)
                .addDetectorScores(DetectorScore.newBuilder().setDetector("hst").setRaw(3.2).setCalibrated(0.97))
                .addReasons(Contribution.newBuilder().setFeature("dst_ports").setText("distinct ports 950, usual ~3"))
                .addReasons(Contribution.newBuilder().setFeature("syn_ratio"))
                .build();
    }

    @Test
    void aScoredFlowKeepsItsScoresReasonsAndGroundTruth() {
        GroundTruthIndex truth = new GroundTruthIndex(List.of(new LabelRow("1:abc", "10.0.0.7", "10.0.0.1",
                START - 1000, START + 2_000_000_000L, true, "ssh_bruteforce")));
        ObservedFlow f = ObservedResults.flow(scored(0.98, "1:abc"), Optional.of(truth));
        assertEquals(START / 1_000_000L, f.timeMs());
        assertEquals("10.0.0.7", f.srcIp());
        assertEquals("10.0.0.1", f.dstIp());
        assertEquals(22, f.dstPort());
        assertEquals("tcp", f.protocol());
        assertEquals(Map.of("hst", 0.97), f.detectorScores());
        assertEquals(List.of("distinct ports 950, usual ~3", "syn_ratio"), f.reasons());
        assertEquals(Optional.of(GroundTruth.attack("ssh_bruteforce")), f.truth());
        assertEquals(Optional.empty(), ObservedResults.flow(scored(0.1, "1:other"), Optional.of(truth)).truth());
    }

    @Test
    void metricsBecomeTheLearningCurveAndDriftAndBadRecordsAreCounted() {
        ModelMetrics point = ModelMetrics.newBuilder().setModelId("m").setVersion(2).setExamples(100).setAtMs(5)
                .putAllCumulative(Map.of("accuracy", 0.9, "precision", 0.8, "recall", 0.7, "f1", 0.75,
                        "roc_auc", 0.95, "kappa", 0.6)).build();
        ModelMetrics drift = ModelMetrics.newBuilder().setModelId("m").setExamples(150).setAtMs(9)
                .setDrift(DriftEvent.newBuilder().setDetector("adwin").setSignal("supervised-error")
                        .setAction("background tree promoted")).build();
        ObservedResults assembly = new ObservedResults();
        DemoResults r = assembly.build("t", List.of(scored(0.5, "1:a"), scored(1.5, "1:b")), List.of(),
                List.of(point, drift), Optional.empty(), new Throughput(10, 2, 1.0, List.of()), 0.9);
        assertEquals(1, r.flows().size(), "the flow scored 1.5 is not shown");
        assertEquals(1, assembly.rejected());
        assertEquals(0.95, r.learningCurve().get(0).rocAuc());
        assertEquals(2, r.learningCurve().get(0).modelVersion());
        assertEquals("adwin on supervised-error", r.driftEvents().get(0).detector());
        assertTrue(!r.hasGroundTruth());
    }

    @Test
    void anAlertIsItsLastDocumentWithTheHostsGroundTruth() {
        String first = "{\"@timestamp\":\"2026-01-05T09:01:00Z\",\"source\":{\"ip\":\"10.0.0.7\"},"
                + "\"event\":{\"kind\":\"alert\",\"id\":\"a1\",\"start\":\"2026-01-05T09:01:00Z\","
                + "\"end\":\"2026-01-05T09:01:00Z\"},\"tidewatch\":{\"score\":0.96,\"reasons\":[\"ports 950, usual ~3\"],"
                + "\"alert\":{\"status\":\"open\",\"count\":1}}}";
        String update = first.replace("0.96", "0.99").replace("\"count\":1", "\"count\":12")
                .replace("\"end\":\"2026-01-05T09:01:00Z\"", "\"end\":\"2026-01-05T09:02:00Z\"");
        long t = 1_767_603_660_000_000_000L;
        GroundTruthIndex truth = new GroundTruthIndex(List.of(
                new LabelRow("1:s", "10.0.0.7", "10.0.0.1", t + 5_000_000_000L, t + 6_000_000_000L, true, "vertical_scan")));
        AlertDocuments reader = new AlertDocuments();
        var alerts = reader.read(List.of(first, update, "not json", "{\"event\":{}}"), Optional.of(truth));
        assertEquals(1, alerts.size());
        assertEquals(2, reader.skipped());
        assertEquals(12, alerts.get(0).count());
        assertEquals(0.99, alerts.get(0).maxScore());
        assertEquals("10.0.0.7", alerts.get(0).sourceHost());
        assertEquals(List.of("ports 950, usual ~3"), alerts.get(0).reasons());
        assertEquals("vertical_scan", alerts.get(0).displayClass());
    }
}
