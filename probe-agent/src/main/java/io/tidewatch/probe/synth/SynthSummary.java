package io.tidewatch.probe.synth;

import java.util.Map;

/**
 * The figures of one synthesis run.
 *
 * @param packets        frames written
 * @param flows          flows in the labels file
 * @param attackFlows    flows per attack name, for the attacks selected (zero when an attack found no room)
 * @param pcapBytes      size of the pcap file
 * @param elapsedNanos   wall time of the run
 */
public record SynthSummary(long packets, long flows, Map<String, Long> attackFlows, long pcapBytes,
        long elapsedNanos) {

    public double packetsPerSecond() {
        return elapsedNanos == 0 ? 0 : packets * 1e9 / elapsedNanos;
    }

    /** One human-readable line. */
    public String line() {
        StringBuilder attacks = new StringBuilder();
        attackFlows.forEach((k, v) -> attacks.append(attacks.length() == 0 ? "" : ", ").append(k).append('=')
                .append(v));
        return String.format(java.util.Locale.ROOT,
                "synth: %d packets, %d flows (attacks: %s), %.1f MB in %.2f s (%.0f packets/s)", packets, flows,
                attacks.length() == 0 ? "none" : attacks, pcapBytes / 1e6, elapsedNanos / 1e9, packetsPerSecond());
    }

    /** One JSON object on one line. */
    public String json() {
        StringBuilder b = new StringBuilder("{\"packets\":").append(packets).append(",\"flows\":").append(flows)
                .append(",\"attack_flows\":{");
        boolean first = true;
        for (Map.Entry<String, Long> e : attackFlows.entrySet()) {
            b.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
            first = false;
        }
        b.append("},\"pcap_bytes\":").append(pcapBytes)
                .append(",\"elapsed_s\":").append(String.format(java.util.Locale.ROOT, "%.3f", elapsedNanos / 1e9))
                .append(",\"pps\":").append(Math.round(packetsPerSecond())).append('}');
        return b.toString();
    }
}
