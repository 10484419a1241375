package io.tidewatch.streams.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.tidewatch.config.Settings;
import io.tidewatch.localstack.LocalStack;
import io.tidewatch.localstack.broker.BrokerSettings;
import io.tidewatch.localstack.browser.HeadlessChromium;
import io.tidewatch.proto.v1.Direction;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.DriftEvent;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.FlowSide;
import io.tidewatch.proto.v1.ScoredFlow;
import io.tidewatch.proto.v1.ModelMetrics;
import io.tidewatch.proto.v1.ModelSnapshot;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.serde.ProtobufSerializer;
import io.tidewatch.streams.app.StreamsApp;
import io.tidewatch.streams.topology.Topics;
import io.tidewatch.streams.flow.FlowKeys;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST listener of two real app instances (one application id, one embedded broker, three partitions): health
 * and readiness, the Prometheus text, flow and host lookups answered by the owner of the key whichever instance
 * was asked, bearer auth, the loopback bind, and the dashboard in a real headless browser.
 */
class RestApiIT {

    private static final String TOKEN = "it-token-5f2b9c";
    private static final String PREFIX = "rest.";
    private static final String MODEL = "supervised-arf";
    private static final int MODEL_BYTES = 1000;
    private static final int FLOWS = 60;
    private static final long T0_NS = 1_700_000_000_000L * 1_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static LocalStack stack;
    private static Path stateRoot;
    private static StreamsApp a;
    private static StreamsApp b;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(BrokerSettings.builder().partitions(3).build(), 0);
        stateRoot = Files.createTempDirectory("tidewatch-rest-it-");
        // Every topic the app declares, with the configs it needs (the models topic compacted).
        stack.createTopics(Topics.from(settings("a", PREFIX)).configsByName(), 3);
        Map<TopicPartition, Long> ends = produce(PREFIX + "packet-dynamics");
        publishModels();
        publishScores();
        a = StreamsApp.create(settings("a", PREFIX));
        b = StreamsApp.create(settings("b", PREFIX));
        a.start();
        b.start();
        assertTrue(a.awaitProcessed(ends, Duration.ofSeconds(150)), "processed within 150 s");
        // Both instances joined and settled: each is ready (the first may have been RUNNING alone before).
        for (StreamsApp app : List.of(a, b)) {
            awaitStatus(app, "/ready", null, 200);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        for (AutoCloseable c : new AutoCloseable[] {b, a, stack}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // Keep closing the rest.
            }
        }
        if (stateRoot != null) {
            try (var files = Files.walk(stateRoot)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Settings settings(String instance, String prefix) {
        Map<String, String> v = new HashMap<>();
        v.put("kafka.bootstrap.servers", stack.bootstrapServers());
        v.put("kafka.application.id", prefix + "app");
        v.put("kafka.state.dir", stateRoot.resolve(prefix + instance).toString());
        v.put("kafka.commit.interval.ms", "200");
        v.put("kafka.replication.factor", "1");
        v.put("schema.registry.url", stack.schemaRegistryUrl());
        v.put("topics.prefix", prefix);
        v.put("streams.rocksdb.memory.bytes", Long.toString(16L << 20));
        v.put("rest.enabled", "true");
        v.put("rest.port", "0");
        v.put("rest.auth.token", TOKEN);
        return Settings.of(v);
    }

    private static byte[] originator(int i) {
        return new byte[] {10, 1, 0, (byte) i};
    }

    private static String communityId(int i) {
        // Real Community IDs are base64 and may hold '/' and '+': the lookups must take them percent-encoded.
        return "1:rest/" + i + "+x=";
    }

    private static Map<TopicPartition, Long> produce(String topic) throws Exception {
        Map<String, Object> props = Map.of("bootstrap.servers", stack.bootstrapServers(), "acks", "all",
                "enable.idempotence", false, "max.in.flight.requests.per.connection", 1);
        try (KafkaProducer<byte[], PacketDynamicsBatch> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ProtobufSerializer<>(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false))) {
            for (int batch = 0; batch < 2; batch++) {
                for (int i = 0; i < FLOWS; i++) {
                    FlowKey k = FlowKey.newBuilder().setObservationDomain(1).setIpVersion(4)
                            .setAIp(ByteString.copyFrom(originator(i))).setAPort(40000 + i)
                            .setBIp(ByteString.copyFrom(new byte[] {10, 2, 0, (byte) (i % 5)})).setBPort(443)
                            .setIpProtocol(6).setCommunityId(communityId(i)).build();
                    PacketDynamicsBatch.Builder pd = PacketDynamicsBatch.newBuilder().setFlow(k).setProbeId("rest-it")
                            .setBatchSeq(batch).setInitiator(Direction.DIRECTION_A_TO_B)
                            .setFlowFirstSeenNs(T0_NS + i * 1_000_000L)
                            .setBaseTimestampNs(T0_NS + i * 1_000_000L + batch * 100_000_000L);
                    for (int p = 0; p < 3; p++) {
                        pd.addTsDeltaUs(p == 0 ? 0 : 500).addIpLength(120 + p).addPayloadLength(80 + p)
                                .addDirection(p % 2 == 0 ? Direction.DIRECTION_A_TO_B : Direction.DIRECTION_B_TO_A);
                    }
                    if (batch == 1) {
                        pd.setFlowEnd(FlowEndReason.FLOW_END_REASON_END_OF_INPUT);
                    }
                    producer.send(new ProducerRecord<>(topic, FlowKeys.bytes(k), pd.build())).get();
                }
            }
        }
        return stack.endOffsets(topic);
    }

    /** What the trainer publishes: two snapshots of one model (the second wins), metrics, one drift event. */
    private static void publishModels() throws Exception {
        Map<String, Object> props = Map.of("bootstrap.servers", stack.bootstrapServers(), "acks", "all");
        Map<String, Object> serde = Map.of("schema.registry.url", stack.schemaRegistryUrl());
        try (KafkaProducer<String, ModelSnapshot> models = new KafkaProducer<>(props, new StringSerializer(),
                new ProtobufSerializer<>(serde, false));
                KafkaProducer<String, ModelMetrics> metrics = new KafkaProducer<>(props, new StringSerializer(),
                        new ProtobufSerializer<>(serde, false))) {
            for (int version = 1; version <= 3; version++) {
                models.send(new ProducerRecord<>(PREFIX + "models", MODEL, ModelSnapshot.newBuilder().setModelId(MODEL)
                        .setVersion(version).setLearner("adaptive-random-forest").setCodecVersion(1)
                        .setState(ByteString.copyFrom(new byte[MODEL_BYTES * version])).setExamplesSeen(100L * version)
                        .setCreatedAtMs(1_700_000_000_000L + version).putMetrics("auc", 0.9).setPromoted(version == 3)
                        .build())).get();
            }
            metrics.send(new ProducerRecord<>(PREFIX + "model-metrics", MODEL, ModelMetrics.newBuilder()
                    .setModelId(MODEL).setVersion(3).setAtMs(1_700_000_100_000L).setExamples(300)
                    .putCumulative("auc", 0.93).putCumulative("kappa", 0.71).build())).get();
            metrics.send(new ProducerRecord<>(PREFIX + "model-metrics", MODEL, ModelMetrics.newBuilder()
                    .setModelId(MODEL).setVersion(3).setAtMs(1_700_000_200_000L).setExamples(320)
                    .putCumulative("auc", 0.94).putCumulative("kappa", 0.72)
                    .setDrift(DriftEvent.newBuilder().setDetector("adwin").setSignal("supervised-error")
                            .setAction("background tree promoted")).build())).get();
        }
    }

    /**
     * True once the 28 published flows past burn-in are in the histogram. The app's own scorer writes to the same
     * topic, but its few flows are all in burn-in (500 flows), which the histogram leaves out.
     */
    private static boolean allPublishedScoresSeen(HttpResponse<String> r) {
        try {
            JsonNode counts = JSON.readTree(r.body()).path("scores").path("distribution").path("counts");
            long n = 0;
            for (JsonNode c : counts) {
                n += c.asLong();
            }
            return n == 28;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * What the scorer publishes: scored flows (two in burn-in) from hosts 10.1.0.0..9 with scores i/30, and ECS
     * alert documents, one of them updated in place from open to closed.
     */
    private static void publishScores() throws Exception {
        Map<String, Object> props = Map.of("bootstrap.servers", stack.bootstrapServers(), "acks", "all");
        try (KafkaProducer<String, ScoredFlow> scored = new KafkaProducer<>(props, new StringSerializer(),
                new ProtobufSerializer<>(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false));
                KafkaProducer<String, String> alerts = new KafkaProducer<>(props, new StringSerializer(),
                        new StringSerializer())) {
            for (int i = 0; i < 30; i++) {
                FlowRecord flow = FlowRecord.newBuilder().setFlowId("f" + i).setOriginator(FlowSide.newBuilder()
                        .setIp(ByteString.copyFrom(originator(i % 10)))).build();
                scored.send(new ProducerRecord<>(PREFIX + "scored-flows", "f" + i, ScoredFlow.newBuilder()
                        .setFlow(flow).setScore(i / 30.0).setBurnIn(i < 2).build())).get();
            }
            alerts.send(new ProducerRecord<>(PREFIX + "alerts", "10.1.0.7", alertDoc("a-1", "10.1.0.7", 0.93, "open", 1)))
                    .get();
            alerts.send(new ProducerRecord<>(PREFIX + "alerts", "10.1.0.9", alertDoc("a-2", "10.1.0.9", 0.96, "open", 1)))
                    .get();
            alerts.send(new ProducerRecord<>(PREFIX + "alerts", "10.1.0.7", alertDoc("a-1", "10.1.0.7", 0.95, "closed", 3)))
                    .get();
            alerts.send(new ProducerRecord<>(PREFIX + "alerts", "x", "not json")).get();
        }
    }

    private static String alertDoc(String id, String source, double score, String status, int count) {
        return "{\"@timestamp\":\"2023-11-14T22:13:20Z\",\"source\":{\"ip\":\"" + source + "\"},"
                + "\"event\":{\"kind\":\"alert\",\"id\":\"" + id + "\",\"risk_score\":" + (score * 100) + "},"
                + "\"tidewatch\":{\"score\":" + score + ",\"flow_id\":\"f\",\"reasons\":[\"many short flows\"],"
                + "\"alert\":{\"status\":\"" + status + "\",\"count\":" + count + "}}}";
    }

    private static String url(StreamsApp app) {
        return app.restUrl().orElseThrow(() -> new AssertionError("the app serves no REST"));
    }

    private static HttpResponse<String> get(StreamsApp app, String path, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url(app) + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls until the status is {@code expected} (rebalances make owners move for a moment); fails after 60 s. */
    private static HttpResponse<String> awaitStatus(StreamsApp app, String path, String token, int expected)
            throws Exception {
        return await(app, path, token, r -> r.statusCode() == expected, "status " + expected);
    }

    private static HttpResponse<String> await(StreamsApp app, String path, String token,
            Predicate<HttpResponse<String>> done, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> last;
        do {
            last = get(app, path, token);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " on " + url(app) + " never reached " + what + "; last " + last.statusCode()
                + " " + last.body());
    }

    @Test
    void healthAndReadinessReportTheRunningState() throws Exception {
        for (StreamsApp app : List.of(a, b)) {
            HttpResponse<String> health = get(app, "/health", null);
            assertEquals(200, health.statusCode(), health.body());
            assertEquals("UP", JSON.readTree(health.body()).get("status").asText());
            assertTrue(JSON.readTree(health.body()).get("live_stream_threads").asInt() >= 1, health.body());
            JsonNode ready = JSON.readTree(get(app, "/ready", null).body());
            assertEquals("RUNNING", ready.get("state").asText());
            assertEquals(0, ready.get("restoring_partitions").asInt());
        }
    }

    @Test
    void readinessWaitsForTheInputAndFollowsTheClientToRunning() throws Exception {
        String prefix = "late.";
        Map<String, String> v = new HashMap<>(settings("x", prefix).asMap());
        // Notice the topics soon after they appear.
        v.put("kafka.metadata.max.age.ms", "500");
        // Only what the app requires before it starts (the labels source, the compacted models topic).
        try (Admin admin = stack.admin()) {
            admin.createTopics(Topics.from(Settings.of(v)).requiredAtStart().stream()
                    .map(t -> new NewTopic(t.name(), 1, (short) 1).configs(t.configs())).toList()).all().get();
        }
        try (StreamsApp late = StreamsApp.create(Settings.of(v))) {
            late.start();
            // Its source topic does not exist yet: the client keeps rebalancing, alive but not ready.
            HttpResponse<String> ready = get(late, "/ready", null);
            assertEquals(503, ready.statusCode(), ready.body());
            assertNotEquals("RUNNING", JSON.readTree(ready.body()).get("state").asText(), ready.body());
            HttpResponse<String> health = get(late, "/health", null);
            assertEquals(200, health.statusCode(), "waiting for input is no reason to restart: " + health.body());

            try (Admin admin = stack.admin()) {
                List<NewTopic> topics = new ArrayList<>();
                for (String t : new String[] {"packet-dynamics", "flows", "scored-flows.ecs", "dead-letter"}) {
                    topics.add(new NewTopic(prefix + t, 3, (short) 1));
                }
                admin.createTopics(topics).all().get();
            }
            HttpResponse<String> now = awaitStatus(late, "/ready", null, 200);
            assertEquals("RUNNING", JSON.readTree(now.body()).get("state").asText(), now.body());
            assertEquals(KafkaStreams.State.RUNNING, late.state());

            // Nothing under this prefix was ever scored or trained: every feed says so.
            // (The models topic exists from the start, so /models is available, with no model in it.)
            for (String path : List.of("/alerts", "/scores", "/drift")) {
                JsonNode r = JSON.readTree(get(late, path, TOKEN).body());
                assertFalse(r.get("available").asBoolean(), path);
                assertTrue(r.get("reason").asText().contains("not found yet"), path);
            }
            Optional<HeadlessChromium> found = HeadlessChromium.find(Paths.get("target", "dashboard-test"));
            if (found.isPresent()) {
                try (HeadlessChromium chromium = found.get()) {
                    String dom = chromium.dumpDom(url(late) + "/#token=" + TOKEN, 5000);
                    for (String id : List.of("alerts", "top-hosts", "scores", "drift")) {
                        assertTrue(dom.contains("id=\"" + id + "\" data-state=\"unavailable\""), id + " unavailable");
                    }
                    assertTrue(dom.contains("not available yet"), "the words a person reads");
                }
            }
        }
    }

    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (-?[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|[-+]Inf)");

    /** Parses the exposition; every non-comment line must be a sample. Returns name{labels} to value. */
    private static Map<String, Double> parseMetrics(String text) {
        Map<String, Double> out = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "not a Prometheus sample line: " + line);
            String v = m.group(3);
            out.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)),
                    v.equals("NaN") ? Double.NaN : v.endsWith("Inf") ? (v.startsWith("-") ? -1 : 1) * Double.POSITIVE_INFINITY
                            : Double.parseDouble(v));
        }
        return out;
    }

    private static double sum(Map<String, Double> metrics, String name) {
        return metrics.entrySet().stream().filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    @Test
    void metricsAreValidPrometheusTextWithStreamsAndTidewatchFigures() throws Exception {
        double flows = 0;
        for (StreamsApp app : List.of(a, b)) {
            HttpResponse<String> r = get(app, "/metrics", TOKEN);
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            Map<String, Double> m = parseMetrics(r.body());
            for (String name : List.of("tidewatch_flows_total", "tidewatch_flow_batches_total",
                    "tidewatch_flow_packets_total", "tidewatch_dead_letters_total")) {
                assertTrue(m.keySet().stream().anyMatch(k -> k.equals(name) || k.startsWith(name + "{")), name);
            }
            assertTrue(m.containsKey("tidewatch_flow_batches_skipped_total{reason=\"late\"}"), m.keySet().toString());
            assertTrue(m.keySet().stream().anyMatch(k -> k.startsWith("tidewatch_state_store_keys{store=\"host-context\"")),
                    "store sizes");
            assertTrue(m.keySet().stream().anyMatch(k -> k.startsWith("kafka_stream_")), "Kafka Streams client metrics");
            assertEquals(0, sum(m, "tidewatch_dead_letters_total"));
            flows += sum(m, "tidewatch_flows_total");
        }
        // Each instance counts what its own tasks emitted: together, every flow once.
        assertEquals(FLOWS, flows, 0.0);
    }

    @Test
    void flowLookupsAreAnsweredByTheOwnerWhicheverInstanceIsAsked() throws Exception {
        Set<String> forwardedTo = new HashSet<>();
        for (int i = 0; i < FLOWS; i += 3) {
            String cid = communityId(i);
            String path = "/flows/" + URLEncoder.encode(cid, StandardCharsets.UTF_8);
            HttpResponse<String> fromA = awaitStatus(a, path, TOKEN, 200);
            HttpResponse<String> fromB = awaitStatus(b, path, TOKEN, 200);
            JsonNode flows = JSON.readTree(fromA.body());
            assertEquals(flows, JSON.readTree(fromB.body()), "same answer from both instances for " + cid);
            assertEquals(cid, flows.get("community_id").asText());
            assertEquals(1, flows.get("flows").size(), fromA.body());
            JsonNode f = flows.get("flows").get(0);
            assertEquals("10.1.0." + i, f.get("originator").get("ip").asText());
            assertEquals(40000 + i, f.get("originator").get("port").asInt());
            assertEquals(4, f.get("originator").get("packets").asInt());
            assertEquals(2, f.get("responder").get("packets").asInt());
            assertEquals("FLOW_END_REASON_END_OF_INPUT", f.get("end_reason").asText());
            String ownerA = fromA.headers().firstValue(InteractiveQueries.SERVED_BY_HEADER).orElseThrow();
            String ownerB = fromB.headers().firstValue(InteractiveQueries.SERVED_BY_HEADER).orElseThrow();
            assertEquals(ownerA, ownerB, "one owner for " + cid);
            if (!url(a).endsWith(ownerA)) {
                forwardedTo.add(ownerA);
            }
            if (!url(b).endsWith(ownerB)) {
                forwardedTo.add(ownerB);
            }
        }
        assertFalse(forwardedTo.isEmpty(), "some lookup landed on the instance that does not own the key");

        HttpResponse<String> unknown = get(b, "/flows/" + URLEncoder.encode("1:nothing=", StandardCharsets.UTF_8), TOKEN);
        assertEquals(404, unknown.statusCode(), unknown.body());
        HttpResponse<String> bad = get(a, "/flows/not-an-id", TOKEN);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("not-an-id") && bad.body().contains("Community ID"), bad.body());
    }

    @Test
    void hostLookupsShowTheHostContextFromEitherInstance() throws Exception {
        for (int i : new int[] {0, 1, 2, 7, 11}) {
            String ip = "10.1.0." + i;
            for (StreamsApp app : List.of(a, b)) {
                HttpResponse<String> r = awaitStatus(app, "/hosts/" + ip, TOKEN, 200);
                JsonNode host = JSON.readTree(r.body());
                assertEquals(ip, host.get("ip").asText());
                // One flow started by this host: every damped weight saw exactly it.
                assertEquals(1.0, host.get("features").get("host.hl1s.weight").asDouble(), 1e-9, r.body());
                assertEquals(120 + 122 + 120 + 122 + 0.0, host.get("features").get("host.hl1s.size_mean").asDouble(), 1e-6,
                        r.body());
                assertTrue(host.get("recent_alerts").isArray(), r.body());
            }
        }
        assertEquals(404, get(a, "/hosts/192.0.2.1", TOKEN).statusCode());
        HttpResponse<String> name = get(b, "/hosts/example.org", TOKEN);
        assertEquals(400, name.statusCode(), "a name is never resolved: " + name.body());
    }

    @Test
    void alertsAndScoresComeFromTheScorersTopicsOnEveryInstance() throws Exception {
        for (StreamsApp app : List.of(a, b)) {
            HttpResponse<String> r = await(app, "/alerts", TOKEN, x -> x.body().contains("\"closed\""),
                    "the updated alert");
            JsonNode alerts = JSON.readTree(r.body()).get("alerts");
            assertEquals(2, alerts.size(), "one entry per alert id: " + r.body());
            assertEquals("a-1", alerts.get(0).get("id").asText(), "the alert updated last comes first");
            assertEquals("closed", alerts.get(0).get("status").asText());
            assertEquals(3, alerts.get(0).get("count").asInt());
            assertEquals("10.1.0.9", alerts.get(1).get("source_ip").asText());

            JsonNode scores = JSON.readTree(await(app, "/scores", TOKEN,
                    RestApiIT::allPublishedScoresSeen, "every scored flow").body()).get("scores");
            long counted = 0;
            for (JsonNode c : scores.get("distribution").get("counts")) {
                counted += c.asLong();
            }
            assertEquals(28, counted, "burn-in scores are not in the histogram");
            // The app's own scorer also writes here: its first flows are in burn-in, so they add to this count only.
            assertTrue(scores.get("distribution").get("burn_in").asLong() >= 2, "burn-in flows are counted");
            assertEquals(20, scores.get("distribution").get("bins").size());
            JsonNode top = scores.get("top_hosts").get(0);
            assertEquals("10.1.0.9", top.get("ip").asText(), "the host with the highest score, 29/30");
            assertEquals(29 / 30.0, top.get("max_score").asDouble(), 1e-12);
            assertEquals(3, top.get("flows").asInt());
            assertEquals(1, top.get("alerts").asInt());

            JsonNode host = JSON.readTree(awaitStatus(app, "/hosts/10.1.0.7", TOKEN, 200).body());
            assertEquals(1, host.get("recent_alerts").size(), host.toString());
            assertEquals(0.95, host.get("recent_alerts").get(0).get("score").asDouble(), 1e-12);

            Map<String, Double> m = parseMetrics(get(app, "/metrics", TOKEN).body());
            assertEquals(3.0, m.get("tidewatch_alerts_seen_total"));
            // The 30 published here plus those of the app's own scorer (all in burn-in, left out of the histogram).
            assertTrue(m.get("tidewatch_scored_flows_seen_total") >= 30.0, "scored flows seen: " + m);
            assertEquals(1.0, m.get("tidewatch_scoring_records_unreadable_total"), "the record that is not JSON");
        }
    }

    @Test
    void modelsAndDriftComeFromTheTrainersTopicsOnEveryInstance() throws Exception {
        for (StreamsApp app : List.of(a, b)) {
            HttpResponse<String> r = await(app, "/models", TOKEN, x -> x.body().contains("\"metrics_version\""),
                    "the model and its metrics");
            JsonNode models = JSON.readTree(r.body()).get("models");
            assertEquals(1, models.size(), r.body());
            JsonNode m = models.get(0);
            assertEquals(MODEL, m.get("name").asText());
            assertEquals(3, m.get("version").asInt(), "the latest snapshot wins");
            assertEquals(3 * MODEL_BYTES, m.get("size_bytes").asInt());
            assertTrue(m.get("promoted").asBoolean());
            assertEquals(0.94, m.get("metrics").get("auc").asDouble(), 1e-12, "latest progressive metrics");
            JsonNode drift = JSON.readTree(await(app, "/drift", TOKEN, x -> x.body().contains("adwin"), "drift").body())
                    .get("drift");
            assertEquals(1, drift.size());
            assertEquals("supervised-error", drift.get(0).get("signal").asText());
            Map<String, Double> metrics = parseMetrics(get(app, "/metrics", TOKEN).body());
            assertEquals(1.0, metrics.get("tidewatch_drift_events_total"));
            assertEquals(3.0, metrics.get("tidewatch_model_version{model=\"" + MODEL + "\"}"));
        }
    }

    @Test
    void everythingButHealthNeedsTheBearerToken() throws Exception {
        for (String path : List.of("/metrics", "/flows/" + URLEncoder.encode(communityId(0), StandardCharsets.UTF_8),
                "/hosts/10.1.0.1", "/models", "/api/overview", "/config")) {
            HttpResponse<String> none = get(a, path, null);
            assertEquals(401, none.statusCode(), path);
            assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), path);
            HttpResponse<String> wrong = get(b, path, TOKEN + "x");
            assertEquals(401, wrong.statusCode(), path);
            assertFalse(wrong.body().contains(TOKEN), "the token is never echoed");
        }
        assertEquals(200, get(a, "/health", null).statusCode());
        assertEquals(200, get(a, "/", null).statusCode(), "the dashboard's static page holds no data");
        HttpResponse<String> config = get(a, "/config", TOKEN);
        assertEquals(200, config.statusCode());
        assertTrue(config.body().contains("rest.auth.token"), config.body());
        assertFalse(config.body().contains(TOKEN), "config dump redacts the token: " + config.body());
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(url(a) + "/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void theListenerIsOnLoopbackOnlyByDefault() throws Exception {
        String url = url(a);
        assertTrue(url.startsWith("http://127.0.0.1:"), url);
        int port = URI.create(url).getPort();
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(n -> {
                    try {
                        return n.isUp() && !n.isLoopback();
                    } catch (IOException e) {
                        return false;
                    }
                })
                .flatMap(n -> Collections.list(n.getInetAddresses()).stream())
                .filter(ad -> ad instanceof Inet4Address && !ad.isLoopbackAddress()).findFirst();
        assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(external.get(), port), 2000);
            throw new AssertionError("the REST port " + port + " answered on " + external.get());
        } catch (ConnectException expected) {
            // Refused: nothing listens there.
        }
    }

    @Test
    void theDashboardFillsItsSectionsInABrowser() throws Exception {
        Path out = Paths.get("target", "dashboard-test");
        Optional<HeadlessChromium> found = HeadlessChromium.find(out);
        assumeTrue(found.isPresent(), "Chromium is not installed at " + HeadlessChromium.DEFAULT);
        await(a, "/models", TOKEN, x -> x.body().contains("\"metrics_version\""), "the model and its metrics");
        await(a, "/drift", TOKEN, x -> x.body().contains("adwin"), "the drift event");
        await(a, "/alerts", TOKEN, x -> x.body().contains("\"closed\""), "the updated alert");
        await(a, "/scores", TOKEN, RestApiIT::allPublishedScoresSeen, "every scored flow");
        try (HeadlessChromium chromium = found.get()) {
            String dom = chromium.dumpDom(url(a) + "/#token=" + TOKEN, 5000);
            Files.writeString(out.resolve("dashboard-dom.html"), dom);
            assertTrue(dom.contains("id=\"overview\" data-state=\"filled\""), "pipeline figures filled: " + out);
            long flowsOfA = JSON.readTree(get(a, "/api/overview", TOKEN).body()).get("flows").asLong();
            assertTrue(dom.contains("<dd id=\"flows\">" + flowsOfA + "</dd>"), "flows of this instance: " + flowsOfA);
            assertTrue(dom.contains("<td>host-context</td>"), "store sizes listed");
            for (String id : List.of("alerts", "top-hosts", "scores", "models", "drift")) {
                assertTrue(dom.contains("id=\"" + id + "\" data-state=\"filled\""), id + " filled");
            }
            assertTrue(dom.contains("<td>" + MODEL + "</td>") && dom.contains("<td>3,000</td>"), "the model row");
            assertTrue(dom.contains("<td>adwin</td>"), "the drift row");
            assertTrue(dom.contains("<td>10.1.0.9</td>"), "alert and top-host rows");
            assertTrue(dom.contains("28 scores"), "the histogram's total");

            String denied = chromium.dumpDom(url(a) + "/", 3000);
            assertTrue(denied.contains("id=\"overview\" data-state=\"error\""), "without the token the data is refused");
            assertTrue(denied.contains("HTTP 401"), "and the page says why");
        }
    }
}
