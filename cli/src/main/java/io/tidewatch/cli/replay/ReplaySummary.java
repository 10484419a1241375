package io.tidewatch.cli.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The figures of one replay: from the first packet read to the last flow written.
 *
 * @param packets        frames in the capture
 * @param flows          flow documents written (distinct flow ids)
 * @param duplicates     documents skipped because their flow id was already written (none with exactly-once)
 * @param elapsedSeconds wall time from the probe's start to the last document written
 * @param probe          the probe's own figures
 * @param assembled      flow records the streams app's assembler emitted (before host context and ECS mapping)
 * @param lateBatches    batches the streams app counted as late
 * @param invalidBatches batches it counted invalid (end markers and the end-of-input clock records are not)
 */
public record ReplaySummary(long packets, long flows, long duplicates, double elapsedSeconds, ProbeFigures probe,
        long assembled, long lateBatches, long invalidBatches) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public double packetsPerSecond() {
        return elapsedSeconds > 0 ? packets / elapsedSeconds : 0;
    }

    public double flowsPerSecond() {
        return elapsedSeconds > 0 ? flows / elapsedSeconds : 0;
    }

    /** One line for people, on stderr. */
    public String describe() {
        return String.format(Locale.ROOT, "%,d packets, %,d flows in %.2f s: %,.0f packets/s, %,.0f flows/s"
                + " (probe alone %,.0f packets/s; %d duplicates skipped, %d late, %d invalid batches)",
                packets, flows, elapsedSeconds, packetsPerSecond(), flowsPerSecond(),
                probe.elapsedSeconds() > 0 ? probe.packets() / probe.elapsedSeconds() : 0, duplicates, lateBatches,
                invalidBatches);
    }

    /** One JSON line for scripts and benchmarks, on stdout with {@code --json}. */
    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("packets", packets);
        n.put("flows", flows);
        n.put("duplicates", duplicates);
        n.put("elapsed_s", Math.round(elapsedSeconds * 1000) / 1000.0);
        n.put("pps", Math.round(packetsPerSecond()));
        n.put("flows_per_s", Math.round(flowsPerSecond()));
        n.put("assembled", assembled);
        n.put("late_batches", lateBatches);
        n.put("invalid_batches", invalidBatches);
        ObjectNode p = n.putObject("probe");
        p.put("flows", probe.flows());
        p.put("batches", probe.batches());
        p.put("dropped", probe.dropped());
        p.put("elapsed_s", probe.elapsedSeconds());
        p.put("pps", probe.elapsedSeconds() > 0 ? Math.round(probe.packets() / probe.elapsedSeconds()) : 0);
        return n.toString();
    }
}
