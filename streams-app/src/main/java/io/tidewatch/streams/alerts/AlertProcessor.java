package io.tidewatch.streams.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewatch.proto.v1.Contribution;
import io.tidewatch.proto.v1.ScoredFlow;
import io.tidewatch.streams.scoring.ScoredFlowEcs;
import io.tidewatch.streams.scoring.ScoringCounters;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns high-scoring flows into ECS alerts ({@code event.kind: alert}), at most one per source host per
 * suppression window. The first alerting flow of a host opens a window and is emitted at once
 * ({@code tidewatch.alert.status: open}); later alerting flows of that host inside the window only increase its
 * count (kept in the changelogged store {@link #STORE}, so a restart does not re-alert); when stream time passes
 * the window's end, a window that absorbed more than its first flow is emitted once more with the final count
 * ({@code status: closed}), under the same alert id so a SIEM updates the alert rather than adding one. Flows
 * arrive here partitioned by source host (the host-context repartition), so one task sees all of a host's flows.
 */
public final class AlertProcessor implements Processor<String, ScoredFlow, String, String> {

    public static final String STORE = "alert-suppression";

    private final AlertConfig config;
    private final ScoringCounters counters;
    private final ScoredFlowEcs ecs;
    private final ObjectMapper json = new ObjectMapper();
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, byte[]> store;

    public AlertProcessor(AlertConfig config, ScoringCounters counters, ScoredFlowEcs ecs) {
        if (config == null || counters == null || ecs == null) {
            throw new IllegalArgumentException("alert processor: expected a config, counters and an ECS mapper");
        }
        this.ecs = ecs;
        this.config = config;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        context.schedule(Duration.ofSeconds(1), PunctuationType.STREAM_TIME, this::closeDue);
    }

    @Override
    public void process(Record<String, ScoredFlow> record) {
        ScoredFlow s = record.value();
        if (s == null || s.getBurnIn() || s.getScore() < config.threshold()) {
            return;
        }
        String source = ip(s.getFlow().getOriginator().getIp().toByteArray());
        long ts = record.timestamp();
        byte[] stored = store.get(source);
        AlertWindow open = stored == null ? null : AlertWindow.decode(stored);
        if (open != null && ts >= open.endMs()) {
            emitClosed(source, open);
            store.delete(source);
            open = null;
        }
        List<String> reasons = new ArrayList<>();
        for (Contribution c : s.getReasonsList()) {
            reasons.add(c.getText());
        }
        if (open == null) {
            String id = UUID.nameUUIDFromBytes((source + "|" + ts).getBytes(StandardCharsets.UTF_8)).toString();
            AlertWindow w = new AlertWindow(id, ts, ts + config.suppressionWindow().toMillis(), 1, s.getScore(),
                    s.getFlow().getFlowId(), List.copyOf(reasons));
            store.put(source, w.encode());
            counters.alertsRaised.increment();
            ObjectNode doc = ecs.toDocument(s);
            decorate(doc, w, "open");
            context.forward(new Record<>(id, write(doc), ts));
        } else {
            store.put(source, open.absorb(s.getScore(), s.getFlow().getFlowId(), List.copyOf(reasons)).encode());
            counters.alertsSuppressed.increment();
        }
    }

    private void closeDue(long streamTime) {
        List<KeyValue<String, AlertWindow>> due = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                AlertWindow w = AlertWindow.decode(kv.value);
                if (w.endMs() <= streamTime) {
                    due.add(KeyValue.pair(kv.key, w));
                }
            }
        }
        for (KeyValue<String, AlertWindow> kv : due) {
            emitClosed(kv.key, kv.value);
            store.delete(kv.key);
        }
    }

    private void emitClosed(String source, AlertWindow w) {
        if (w.count() <= 1) {
            return;
        }
        ObjectNode doc = json.createObjectNode();
        doc.put("@timestamp", Instant.ofEpochMilli(w.endMs()).toString());
        doc.putObject("source").put("ip", source);
        ObjectNode event = doc.putObject("event");
        event.put("risk_score", ScoredFlowEcs.riskScore(w.maxScore()));
        ObjectNode tw = doc.putObject("tidewatch");
        tw.put("score", w.maxScore());
        tw.put("flow_id", w.maxFlowId());
        ArrayNode reasons = tw.putArray("reasons");
        w.reasons().forEach(reasons::add);
        decorate(doc, w, "closed");
        counters.alertSummaries.increment();
        context.forward(new Record<>(w.alertId(), write(doc), w.endMs()));
    }

    private void decorate(ObjectNode doc, AlertWindow w, String status) {
        ObjectNode event = (ObjectNode) doc.get("event");
        event.put("kind", "alert");
        event.putArray("category").add("network").add("intrusion_detection");
        event.putArray("type").add("info");
        event.put("id", w.alertId());
        event.put("start", Instant.ofEpochMilli(w.startMs()).toString());
        event.put("end", Instant.ofEpochMilli(w.endMs()).toString());
        event.put("dataset", "tidewatch.alert");
        event.put("severity", (int) Math.round(w.maxScore() * 100));
        doc.putObject("rule").put("name", "tidewatch anomalous flow")
                .put("description", "flow score at or above " + config.threshold());
        ObjectNode alert = ((ObjectNode) doc.get("tidewatch")).putObject("alert");
        alert.put("status", status);
        alert.put("count", w.count());
        alert.put("suppressed", w.count() - 1);
        alert.put("window_ms", config.suppressionWindow().toMillis());
    }

    private String write(ObjectNode doc) {
        return ecs.text(doc);
    }

    private static String ip(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
