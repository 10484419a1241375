package io.tidewatch.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the probe reported for its part of a replay, read from its own {@code --json} line.
 *
 * @param packets      frames read from the capture
 * @param decoded      frames decoded to a flow
 * @param flows        flows the probe's edge table created
 * @param batches      batches handed to the Kafka sink
 * @param acked        batches the broker acknowledged
 * @param dropped      batches the sink dropped (queue full, send refused, delivery failed, stop timeout)
 * @param elapsedSeconds the probe's own run time
 * @param clockNs      the probe's packet time at the end, for a file the newest packet's (0 when not reported)
 * @param json         the probe's line as printed
 */
public record ProbeFigures(long packets, long decoded, long flows, long batches, long acked, long dropped,
        double elapsedSeconds, long clockNs, String json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses the probe's {@code --json} line; fails naming the line when a field is missing. */
    public static ProbeFigures parse(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException("the probe's figures are not JSON: '" + line + "'", e);
        }
        if (n == null || !n.has("packets") || !n.has("kafka") || !n.get("kafka").has("dropped_total")) {
            throw new IllegalStateException("the probe's figures lack packets or kafka.dropped_total: '" + line + "'");
        }
        JsonNode k = n.get("kafka");
        return new ProbeFigures(n.get("packets").asLong(), n.path("decoded").asLong(), n.path("flows").asLong(),
                k.path("accepted").asLong(), k.path("acked").asLong(), k.get("dropped_total").asLong(),
                n.path("elapsed_s").asDouble(), n.path("clock_ns").asLong(0), line.trim());
    }
}
