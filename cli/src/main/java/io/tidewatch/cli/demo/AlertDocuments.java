package io.tidewatch.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewatch.cli.report.Alert;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the alerts topic's ECS documents ({@code event.kind: alert}) into the report's {@link Alert}s. An alert is
 * published again as flows are folded into it, under the same {@code event.id}; the last document of an id is the
 * alert. The host's ground truth over the alert's span is attached when labels are known. Documents without an id,
 * a source address, a start time or a score in [0, 1] are counted and skipped.
 */
final class AlertDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private long skipped;

    /** Documents that could not be read, so far. */
    long skipped() {
        return skipped;
    }

    List<Alert> read(List<String> documents, Optional<GroundTruthIndex> truth) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (String d : documents) {
            try {
                JsonNode n = JSON.readTree(d);
                String id = n.path("event").path("id").asText("");
                if (id.isEmpty()) {
                    skipped++;
                    continue;
                }
                byId.put(id, n);
            } catch (IOException e) {
                skipped++;
            }
        }
        List<Alert> out = new ArrayList<>();
        for (JsonNode n : byId.values()) {
            try {
                out.add(alert(n, truth));
            } catch (RuntimeException e) {
                skipped++;
            }
        }
        return out;
    }

    private static Alert alert(JsonNode n, Optional<GroundTruthIndex> truth) {
        String host = n.path("source").path("ip").asText("");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("alert without source.ip");
        }
        long start = Instant.parse(n.path("event").path("start").asText()).toEpochMilli();
        String endText = n.path("event").path("end").asText("");
        long end = endText.isEmpty() ? start : Instant.parse(endText).toEpochMilli();
        JsonNode score = n.path("tidewatch").path("score");
        if (!score.isNumber()) {
            throw new IllegalArgumentException("alert without tidewatch.score");
        }
        List<String> reasons = new ArrayList<>();
        n.path("tidewatch").path("reasons").forEach(r -> reasons.add(r.asText()));
        long count = Math.max(1, n.path("tidewatch").path("alert").path("count").asLong(1));
        return new Alert(start, host, count, score.asDouble(), reasons,
                truth.flatMap(t -> t.hostTruth(host, start * 1_000_000L, end * 1_000_000L)));
    }
}
