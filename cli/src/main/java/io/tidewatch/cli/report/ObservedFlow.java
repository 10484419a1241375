package io.tidewatch.cli.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One scored flow as the demo saw it on the scored-flows topic.
 *
 * @param timeMs         event time of the flow (its start), Unix epoch ms
 * @param flowId         the pipeline's own flow id
 * @param communityId    Community ID v1 of the flow
 * @param srcIp          originator address, as text
 * @param dstIp          responder address, as text
 * @param dstPort        responder port, 0..65535 (0 when the protocol has none)
 * @param protocol       e.g. "tcp", "udp", "icmp"
 * @param score          combined calibrated score in [0, 1]
 * @param detectorScores calibrated score of each detector, in [0, 1], by detector name (iteration order kept)
 * @param burnIn         true while the unsupervised models were still in burn-in (the flow could raise no alert)
 * @param truth          ground truth when known
 * @param reasons        the top reasons, most important first, as text an analyst reads
 */
public record ObservedFlow(long timeMs, String flowId, String communityId, String srcIp, String dstIp, int dstPort,
                           String protocol, double score, Map<String, Double> detectorScores, boolean burnIn,
                           Optional<GroundTruth> truth, List<String> reasons) {

    public ObservedFlow {
        if (timeMs < 0) {
            throw new IllegalArgumentException("flow time " + timeMs + " ms: expected a Unix epoch time >= 0");
        }
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(communityId, "communityId");
        Objects.requireNonNull(srcIp, "srcIp");
        Objects.requireNonNull(dstIp, "dstIp");
        Objects.requireNonNull(protocol, "protocol");
        if (dstPort < 0 || dstPort > 65535) {
            throw new IllegalArgumentException("destination port " + dstPort + " of flow " + flowId
                    + ": expected 0..65535");
        }
        Scores.checkUnit("score of flow " + flowId, score);
        Objects.requireNonNull(detectorScores, "detectorScores");
        detectorScores.forEach((name, s) -> Scores.checkUnit("detector " + name + " score of flow " + flowId,
                Objects.requireNonNull(s, "detector score")));
        detectorScores = Scores.frozenCopy(detectorScores);
        Objects.requireNonNull(truth, "truth (Optional.empty() when unknown)");
        reasons = List.copyOf(reasons);
    }

    /** True when the flow's ground truth is known. */
    public boolean labelled() {
        return truth.isPresent();
    }
}
