package io.tidewatch.cli.demo;

import io.tidewatch.cli.report.GroundTruth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ground truth by flow: the labels of a capture indexed by Community ID, so a flow the pipeline reported is matched
 * to the label row with the same Community ID whose packets span its start. A 5-tuple can recur in one capture
 * (a reused source port), so the time decides between rows; a flow segment split by the active timeout starts
 * inside its row's span, and the row starting nearest before the flow is taken when none spans it exactly.
 */
public final class GroundTruthIndex {

    /** How far a flow's start may lie outside its row's span and still match (capture timestamp rounding). */
    static final long SLACK_NS = 1_000_000_000L;

    private final Map<String, List<LabelRow>> byCommunityId = new HashMap<>();

    public GroundTruthIndex(Collection<LabelRow> rows) {
        for (LabelRow r : rows) {
            byCommunityId.computeIfAbsent(r.communityId(), k -> new ArrayList<>()).add(r);
        }
        byCommunityId.values().forEach(l -> l.sort(Comparator.comparingLong(LabelRow::firstNs)));
    }

    /** The truth of the flow with {@code communityId} that started at {@code startNs}, when a row matches. */
    public Optional<GroundTruth> lookup(String communityId, long startNs) {
        List<LabelRow> rows = byCommunityId.get(communityId);
        if (rows == null) {
            return Optional.empty();
        }
        LabelRow best = null;
        for (LabelRow r : rows) {
            if (r.firstNs() - SLACK_NS > startNs) {
                break;
            }
            if (startNs <= r.lastNs() + SLACK_NS) {
                best = r;
                if (startNs >= r.firstNs()) {
                    break;
                }
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(best.malicious() ? GroundTruth.attack(best.attack()) : GroundTruth.benign());
    }

    /**
     * The truth about the flows a host originated from {@code fromNs} to {@code toNs}: the attack when any of them is
     * malicious, else benign; empty when the host originated none. A host that was only the target of an attack (a
     * scanned workstation) is benign here: an alert about it is a false alarm.
     */
    public Optional<GroundTruth> hostTruth(String ip, long fromNs, long toNs) {
        boolean seen = false;
        for (List<LabelRow> rows : byCommunityId.values()) {
            for (LabelRow r : rows) {
                if (!r.srcIp().equals(ip) || r.lastNs() < fromNs - SLACK_NS
                        || r.firstNs() > toNs + SLACK_NS) {
                    continue;
                }
                if (r.malicious()) {
                    return Optional.of(GroundTruth.attack(r.attack()));
                }
                seen = true;
            }
        }
        return seen ? Optional.of(GroundTruth.benign()) : Optional.empty();
    }

    public boolean isEmpty() {
        return byCommunityId.isEmpty();
    }
}
