package io.tidewatch.streams.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.tidewatch.proto.v1.Contribution;
import io.tidewatch.proto.v1.DetectorScore;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.FlowSide;
import io.tidewatch.proto.v1.ModelRef;
import io.tidewatch.proto.v1.ScoredFlow;
import io.tidewatch.streams.ecs.EcsMapper;
import io.tidewatch.streams.features.FeatureSets;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The streamed ECS document is the tree-built one, character for character. */
class ScoredFlowEcsTest {

    private static ScoredFlow scored(long seed, boolean supervised, FlowEndReason reason) {
        SplittableRandom r = new SplittableRandom(seed);
        FlowRecord.Builder f = FlowRecord.newBuilder()
                .setFlow(FlowKey.newBuilder().setObservationDomain(7).setIpVersion(4).setIpProtocol(6)
                        .setAIp(ByteString.copyFrom(new byte[] {10, 0, 0, 1})).setAPort(40000)
                        .setBIp(ByteString.copyFrom(new byte[] {(byte) 192, (byte) 168, 1, 2})).setBPort(443)
                        .setCommunityId("1:abc+/="))
                .setFlowId("flow-" + seed).setSegment((int) seed % 3).setEndReason(reason)
                .setStartNs(1_767_603_600_123_456_789L).setEndNs(1_767_603_601_000_000_001L)
                .setOriginator(FlowSide.newBuilder().setIp(ByteString.copyFrom(new byte[] {10, 0, 0, 1}))
                        .setPort(40000).setPackets(9).setIpBytes(1652))
                .setResponder(FlowSide.newBuilder().setIp(ByteString.copyFrom(new byte[] {(byte) 192, (byte) 168, 1, 2}))
                        .setPort(443).setPackets(10).setIpBytes(6684))
                .addProbeIds("probe-a").addProbeIds("probe-b").setLateBatches(1).setDuplicateBatches(2)
                .setFeatureSet(FeatureSets.FLOW_V1);
        int n = FeatureSets.names(FeatureSets.FLOW_V1).size();
        for (int i = 0; i < n; i++) {
            // Every kind of value a feature takes: integers, fractions, tiny and huge magnitudes, signs, non-finite.
            double v = switch (i % 7) {
                case 0 -> r.nextInt(100_000);
                case 1 -> r.nextDouble();
                case 2 -> r.nextDouble() * 1e-9;
                case 3 -> r.nextDouble() * 1e17;
                case 4 -> -r.nextDouble() * 1000;
                case 5 -> i % 2 == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
                default -> -1;
            };
            f.addFeatures(v);
        }
        ScoredFlow.Builder s = ScoredFlow.newBuilder().setFlow(f).setScore(r.nextDouble()).setBurnIn(seed % 2 == 0)
                .addDetectorScores(DetectorScore.newBuilder().setDetector("hst").setCalibrated(r.nextDouble()))
                .addDetectorScores(DetectorScore.newBuilder().setDetector("loda").setCalibrated(0.5))
                .addReasons(Contribution.newBuilder().setText("gap before packet 4 (ms): 7.17, usual ~0.0042 \"q\""))
                .addReasons(Contribution.newBuilder().setText("non-ASCII: d\u00e9bit \u2192 \ud83d\udce6, control \u0001\t\n"))
                .addModels(ModelRef.newBuilder().setModelId("ensemble").setVersion(3).setExamplesSeen(123_456_789_012L));
        if (supervised) {
            s.setSupervisedProbability(r.nextDouble());
        }
        return s.build();
    }

    @Test
    void theStreamedDocumentIsTheTreeBuiltOne() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ScoredFlowEcs ecs = new ScoredFlowEcs(new EcsMapper(json, List.of()));
        for (long seed = 1; seed <= 20; seed++) {
            ScoredFlow s = scored(seed, seed % 3 != 0,
                    seed % 4 == 0 ? FlowEndReason.FLOW_END_REASON_ACTIVE : FlowEndReason.FLOW_END_REASON_TCP_FIN);
            assertEquals(ecs.text(ecs.toDocument(s)), ecs.toJson(s), "seed " + seed);
            EcsMapper flows = new EcsMapper(json, List.of());
            assertEquals(flows.text(flows.toDocument(s.getFlow())), flows.toJson(s.getFlow()), "flow only, seed " + seed);
            // The tree is the same document as plain Jackson writes it, numbers apart (see EcsMapper).
            assertEquals(json.readTree(json.writeValueAsString(ecs.toDocument(s))), json.readTree(ecs.toJson(s)));
        }
    }

    @Test
    void theTopicsBytesAreTheTextInUtf8() {
        ObjectMapper json = new ObjectMapper();
        ScoredFlowEcs streamed = new ScoredFlowEcs(new EcsMapper(json, List.of()));
        ScoredFlowEcs decorated = new ScoredFlowEcs(new EcsMapper(json, List.of((flow, doc) -> doc.put("x", 1))));
        for (long seed = 1; seed <= 10; seed++) {
            ScoredFlow s = scored(seed, seed % 2 == 0, FlowEndReason.FLOW_END_REASON_IDLE);
            assertArrayEquals(streamed.toJson(s).getBytes(StandardCharsets.UTF_8), streamed.toJsonBytes(s), "seed " + seed);
            assertArrayEquals(decorated.toJson(s).getBytes(StandardCharsets.UTF_8), decorated.toJsonBytes(s),
                    "decorated, seed " + seed);
        }
    }
}
