package io.tidewatch.streams.labels;

import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.Label;
import io.tidewatch.proto.v1.Verdict;

/**
 * What a label names. A label by community id names the flow segments with that id whose time span overlaps the
 * label's [start_ns, end_ns] (either bound 0 means open); a label by host names every flow segment the host
 * originated that started within [start_ns, end_ns].
 */
final class LabelMatch {

    private LabelMatch() {
    }

    /** Why {@code l} cannot be used, or null when it is well formed. */
    static String problem(Label l) {
        if (l.getVerdict() != Verdict.VERDICT_BENIGN && l.getVerdict() != Verdict.VERDICT_MALICIOUS) {
            return "verdict " + l.getVerdict() + ": expected VERDICT_BENIGN or VERDICT_MALICIOUS";
        }
        boolean byFlow = !l.getCommunityId().isEmpty();
        boolean byHost = !l.getHostIp().isEmpty();
        if (byFlow == byHost) {
            return "expected exactly one of community_id or host_ip, got " + (byFlow ? "both" : "neither");
        }
        if (byHost && l.getHostIp().size() != 4 && l.getHostIp().size() != 16) {
            return "host_ip of " + l.getHostIp().size() + " bytes: expected 4 (IPv4) or 16 (IPv6)";
        }
        if (byHost && (l.getStartNs() <= 0 || l.getEndNs() < l.getStartNs())) {
            return "host label range [" + l.getStartNs() + ", " + l.getEndNs()
                    + "]: expected 0 < start_ns <= end_ns";
        }
        if (byFlow && l.getEndNs() != 0 && l.getEndNs() < l.getStartNs()) {
            return "label range [" + l.getStartNs() + ", " + l.getEndNs() + "]: expected start_ns <= end_ns";
        }
        return null;
    }

    static boolean byCommunityId(Label l) {
        return !l.getCommunityId().isEmpty();
    }

    static boolean matches(Label l, FlowRecord f) {
        if (byCommunityId(l)) {
            if (!l.getCommunityId().equals(f.getFlow().getCommunityId())) {
                return false;
            }
            long lo = l.getStartNs();
            long hi = l.getEndNs() == 0 ? Long.MAX_VALUE : l.getEndNs();
            return f.getEndNs() >= lo && f.getStartNs() <= hi;
        }
        return l.getHostIp().equals(f.getOriginator().getIp())
                && f.getStartNs() >= l.getStartNs() && f.getStartNs() <= l.getEndNs();
    }

    static Example example(Label l, FlowRecord f) {
        double[] x = new double[f.getFeaturesCount()];
        for (int i = 0; i < x.length; i++) {
            x[i] = f.getFeatures(i);
        }
        boolean malicious = l.getVerdict() == Verdict.VERDICT_MALICIOUS;
        return new Example(f.getFlowId(), f.getFeatureSet(), x, malicious ? 1 : 0,
                malicious ? l.getAttackClass() : "", Math.floorDiv(f.getEndNs(), 1_000_000L));
    }
}
