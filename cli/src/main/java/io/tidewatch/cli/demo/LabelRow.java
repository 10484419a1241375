package io.tidewatch.cli.demo;

import java.util.Objects;

/**
 * One row of a labels CSV as the synthesizer writes it ({@code tidewatch synth --labels}): a flow's Community ID,
 * its 5-tuple as the initiator sent it, first and last packet times, and what it was.
 *
 * @param communityId Community ID v1 of the flow
 * @param srcIp       initiator address, as text
 * @param dstIp       responder address, as text
 * @param firstNs     first packet, Unix epoch ns
 * @param lastNs      last packet, Unix epoch ns, at or after {@code firstNs}
 * @param malicious   true for attack traffic
 * @param attack      the attack's name (empty for benign)
 */
public record LabelRow(String communityId, String srcIp, String dstIp, long firstNs, long lastNs, boolean malicious,
                       String attack) {

    public LabelRow {
        Objects.requireNonNull(communityId, "communityId");
        Objects.requireNonNull(srcIp, "srcIp");
        Objects.requireNonNull(dstIp, "dstIp");
        Objects.requireNonNull(attack, "attack");
        if (lastNs < firstNs) {
            throw new IllegalArgumentException("label of " + communityId + ": last packet " + lastNs
                    + " ns before the first " + firstNs + " ns");
        }
    }
}
