package io.tidewatch.streams.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tidewatch.proto.v1.ScoredFlow;
import io.tidewatch.serde.ProtobufDeserializer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Alerts and scores for the REST API and the dashboard, read from the scorer's output topics by a
 * {@link TopicTail} on every instance: the alerts topic (ECS JSON documents; the same alert id updated in place,
 * newest first, the last {@value #ALERTS_KEPT} kept) and the scored-flows topic (a histogram of the scores in
 * {@value #BINS} bins over [0, 1], and per source host the highest score and the number of scored flows, for at
 * most {@value #HOSTS_KEPT} hosts). On start each partition is read from its last records ({@value #TAIL}), so the
 * picture is recent, not since the beginning of time. Records that do not parse are counted and skipped.
 */
public final class ScoringTopicsFeed implements RestDataSources.AlertFeed, RestDataSources.ScoreFeed, MeterBinder,
        AutoCloseable {

    static final int ALERTS_KEPT = 500;
    static final int BINS = 20;
    static final int HOSTS_KEPT = 100_000;
    static final int TAIL = 5000;

    private final String alertsTopic;
    private final String scoredFlowsTopic;
    private final TopicTail tail;
    private final ProtobufDeserializer<ScoredFlow> scored;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ObjectNode> alerts = new LinkedHashMap<>();
    private final long[] histogram = new long[BINS];
    private final Map<String, long[]> hostCounts = new HashMap<>();
    private final Map<String, Double> hostMax = new HashMap<>();
    private final LongAdder alertsSeen = new LongAdder();
    private final LongAdder scoresSeen = new LongAdder();
    private final LongAdder unreadable = new LongAdder();
    private long burnIn;

    public ScoringTopicsFeed(String alertsTopic, String scoredFlowsTopic, Map<String, Object> kafka,
            Map<String, Object> serde) {
        this.alertsTopic = alertsTopic;
        this.scoredFlowsTopic = scoredFlowsTopic;
        this.scored = new ProtobufDeserializer<>(ScoredFlow.getDefaultInstance(), serde, false);
        this.tail = new TopicTail("tidewatch-rest-scoring", Map.of(alertsTopic, (long) TAIL, scoredFlowsTopic,
                (long) TAIL), kafka, this::read);
    }

    public ScoringTopicsFeed start() {
        tail.start();
        return this;
    }

    private void read(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return;
        }
        try {
            if (r.topic().equals(alertsTopic)) {
                alert(json.readTree(new String(r.value(), StandardCharsets.UTF_8)));
            } else {
                score(scored.deserialize(r.topic(), r.value()));
            }
        } catch (IOException | RuntimeException e) {
            unreadable.increment();
        }
    }

    private void alert(JsonNode doc) {
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        String id = doc.path("event").path("id").asText("");
        a.put("id", id);
        a.put("time", doc.path("@timestamp").asText(null));
        a.put("source_ip", doc.path("source").path("ip").asText(null));
        JsonNode destination = doc.path("destination").path("ip");
        if (!destination.isMissingNode()) {
            a.put("destination_ip", destination.asText());
        }
        a.put("score", doc.path("tidewatch").path("score").asDouble(Double.NaN));
        a.put("status", doc.path("tidewatch").path("alert").path("status").asText(null));
        a.put("count", doc.path("tidewatch").path("alert").path("count").asLong(1));
        a.set("reasons", doc.path("tidewatch").path("reasons"));
        if (a.get("source_ip").isNull() || !Double.isFinite(a.get("score").asDouble())) {
            throw new IllegalArgumentException("an alert needs source.ip and tidewatch.score");
        }
        alertsSeen.increment();
        synchronized (this) {
            // An alert updated in place (open, then closed) moves to the front with its latest state.
            alerts.remove(id.isEmpty() ? a.toString() : id);
            alerts.put(id.isEmpty() ? a.toString() : id, a);
            Iterator<String> oldest = alerts.keySet().iterator();
            while (alerts.size() > ALERTS_KEPT) {
                oldest.next();
                oldest.remove();
            }
        }
    }

    private void score(ScoredFlow s) {
        double score = s.getScore();
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score " + score);
        }
        scoresSeen.increment();
        String host = FlowView.address(s.getFlow().getOriginator().getIp().toByteArray());
        synchronized (this) {
            if (s.getBurnIn()) {
                burnIn++;
                return;
            }
            histogram[Math.min(BINS - 1, Math.max(0, (int) (score * BINS)))]++;
            if (hostCounts.containsKey(host) || hostCounts.size() < HOSTS_KEPT) {
                hostCounts.computeIfAbsent(host, h -> new long[1])[0]++;
                hostMax.merge(host, score, Math::max);
            }
        }
    }

    @Override
    public boolean alertsAvailable() {
        return tail.found(alertsTopic);
    }

    @Override
    public boolean scoresAvailable() {
        return tail.found(scoredFlowsTopic);
    }

    @Override
    public synchronized JsonNode recent(int limit) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        Deque<ObjectNode> newest = new ArrayDeque<>();
        alerts.values().forEach(newest::addFirst);
        newest.stream().limit(limit).forEach(out::add);
        return out;
    }

    @Override
    public synchronized JsonNode forHost(InetAddress host, int limit) {
        String ip = host.getHostAddress();
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        Deque<ObjectNode> newest = new ArrayDeque<>();
        alerts.values().stream().filter(a -> ip.equals(a.get("source_ip").asText())).forEach(newest::addFirst);
        newest.stream().limit(limit).forEach(out::add);
        return out;
    }

    @Override
    public synchronized JsonNode distribution() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode bins = o.putArray("bins");
        ArrayNode counts = o.putArray("counts");
        for (int i = 0; i < BINS; i++) {
            bins.add((i + 1) / (double) BINS);
            counts.add(histogram[i]);
        }
        o.put("burn_in", burnIn);
        return o;
    }

    @Override
    public synchronized JsonNode topHosts(int limit) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        Map<String, Long> alertsByHost = new HashMap<>();
        alerts.values().forEach(a -> alertsByHost.merge(a.get("source_ip").asText(), 1L, Long::sum));
        hostMax.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(e -> out.addObject().put("ip", e.getKey()).put("max_score", e.getValue())
                        .put("flows", hostCounts.get(e.getKey())[0])
                        .put("alerts", alertsByHost.getOrDefault(e.getKey(), 0L)));
        return out;
    }

    /**
     * {@code tidewatch_alerts_seen_total} and {@code tidewatch_scored_flows_seen_total}: records this instance read
     * from the topics (every instance reads all of them), {@code tidewatch_scoring_records_unreadable_total}.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("tidewatch.alerts.seen", alertsSeen, LongAdder::sum)
                .description("Alert documents read from the alerts topic").register(registry);
        FunctionCounter.builder("tidewatch.scored.flows.seen", scoresSeen, LongAdder::sum)
                .description("Scored flows read from the scored-flows topic").register(registry);
        FunctionCounter.builder("tidewatch.scoring.records.unreadable", unreadable, LongAdder::sum)
                .description("Alert or scored-flow records that did not parse").register(registry);
    }

    public long unreadable() {
        return unreadable.sum();
    }

    @Override
    public void close() {
        tail.close();
        scored.close();
    }
}
