package io.tidewatch.localstack.registry;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.tidewatch.proto.v1.Contribution;
import io.tidewatch.proto.v1.DetectorScore;
import io.tidewatch.proto.v1.Direction;
import io.tidewatch.proto.v1.DriftEvent;
import io.tidewatch.proto.v1.FeatureSet;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.FlowSide;
import io.tidewatch.proto.v1.Label;
import io.tidewatch.proto.v1.ModelMetrics;
import io.tidewatch.proto.v1.ModelRef;
import io.tidewatch.proto.v1.ModelSnapshot;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.proto.v1.ScoredFlow;
import io.tidewatch.proto.v1.Verdict;
import java.util.List;

/** One populated message of every tidewatch.v1 type, with the message-index path each has in its file. */
final class SampleMessages {

    record Sample(Message message, int[] messageIndexes) {
    }

    private SampleMessages() {
    }

    static FlowKey flowKey() {
        return FlowKey.newBuilder().setObservationDomain(7).setIpVersion(4)
                .setAPort(443).setAIp(ByteString.copyFrom(new byte[] {10, 0, 0, 1}))
                .setBIp(ByteString.copyFrom(new byte[] {10, 0, 0, 2})).setBPort(51514)
                .setIpProtocol(6).setCommunityId("1:LQU9qZlK+B5F3KDmev6m5PMibrg=").build();
    }

    static FlowSide side(int port) {
        return FlowSide.newBuilder().setIp(ByteString.copyFrom(new byte[] {10, 0, 0, (byte) port})).setPort(port)
                .setPackets(12).setIpBytes(3400).setPayloadBytes(2800).setTcpFlags(0x1b).build();
    }

    static FlowRecord flowRecord(int segment) {
        return FlowRecord.newBuilder().setFlow(flowKey()).setFlowId("1:LQU9-1700000000-" + segment)
                .setSegment(segment).setEndReason(FlowEndReason.FLOW_END_REASON_TCP_FIN)
                .setStartNs(1_700_000_000_000_000_000L).setEndNs(1_700_000_001_000_000_000L)
                .setOriginator(side(1)).setResponder(side(2)).addProbeIds("probe-a").setFeatureSet("fs1")
                .addAllFeatures(List.of(0.5, 12.0, -3.25)).setEmittedAtMs(1_700_000_001_000L).build();
    }

    static List<Sample> all() {
        FlowRecord record = flowRecord(0);
        DetectorScore score = DetectorScore.newBuilder().setDetector("hst").setRaw(0.9).setCalibrated(0.97).build();
        Contribution reason = Contribution.newBuilder().setFeature("dst_ports_10s").setValue(950).setTypical(3)
                .setWeight(0.6).setText("distinct destination ports from source in 10 s: 950, usual ~3").build();
        ModelRef model = ModelRef.newBuilder().setModelId("arf").setVersion(4).setExamplesSeen(10_000).build();
        DriftEvent drift = DriftEvent.newBuilder().setDetector("adwin").setSignal("supervised-error")
                .setAction("background tree promoted").build();
        return List.of(
                new Sample(flowKey(), new int[] {0}),
                new Sample(side(1), new int[] {0}),
                new Sample(record, new int[] {1}),
                new Sample(FeatureSet.newBuilder().setId("fs1").addNames("duration").addDescriptions("seconds")
                        .build(), new int[] {2}),
                new Sample(PacketDynamicsBatch.newBuilder().setFlow(flowKey()).setProbeId("probe-a").setBatchSeq(3)
                        .setBaseTimestampNs(1_700_000_000_000_000_000L).addTsDeltaUs(0).addTsDeltaUs(120)
                        .addDirection(Direction.DIRECTION_A_TO_B).addDirection(Direction.DIRECTION_B_TO_A)
                        .addIpLength(60).addIpLength(52).addPayloadLength(0).addPayloadLength(0)
                        .addTcpFlags(0x02).addTcpFlags(0x12).addTtl(64).addTtl(57).addTcpWindow(64240)
                        .addTcpWindow(65160).addTcpOptions(0x13c).addTcpOptions(0x13c)
                        .setFlowEnd(FlowEndReason.FLOW_END_REASON_NONE).build(), new int[] {0}),
                new Sample(Label.newBuilder().setCommunityId("1:abc=").setVerdict(Verdict.VERDICT_MALICIOUS)
                        .setAttackClass("port-scan").setSource("analyst").setConfidence(0.9)
                        .setLabelledAtMs(1_700_000_002_000L).build(), new int[] {0}),
                new Sample(ModelSnapshot.newBuilder().setModelId("arf").setVersion(4).setLearner(
                        "adaptive-random-forest").setCodecVersion(1)
                        .setState(ByteString.copyFromUtf8("state")).putMetrics("f1", 0.93).setPromoted(true).build(),
                        new int[] {0}),
                new Sample(drift, new int[] {1}),
                new Sample(ModelMetrics.newBuilder().setModelId("arf").setVersion(4).setAtMs(5).setExamples(9)
                        .putCumulative("auc", 0.97).putWindowed("auc", 0.95).setDrift(drift).build(), new int[] {2}),
                new Sample(score, new int[] {0}),
                new Sample(reason, new int[] {1}),
                new Sample(model, new int[] {2}),
                new Sample(ScoredFlow.newBuilder().setFlow(record).setScore(0.97).addDetectorScores(score)
                        .addReasons(reason).addModels(model).setSupervisedProbability(0.88)
                        .setSupervisedClass("port-scan").setScoredAtMs(1_700_000_003_000L).build(), new int[] {3}));
    }
}
