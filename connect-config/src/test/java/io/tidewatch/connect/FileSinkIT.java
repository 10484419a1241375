package io.tidewatch.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewatch.cli.replay.EndOfInputClock;
import io.tidewatch.config.Settings;
import io.tidewatch.localstack.LocalStack;
import io.tidewatch.localstack.broker.BrokerSettings;
import io.tidewatch.probe.ProbeCommand;
import io.tidewatch.streams.app.StreamsApp;
import io.tidewatch.streams.flow.FlowAssemblyConfig;
import io.tidewatch.streams.topology.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The repository's own standalone worker and file-sink connector files, on a real Kafka Connect worker, deliver every
 * scored flow of a real capture to the file as valid ECS JSON: the probe replays the capture into the embedded
 * broker, the streams app turns it into ECS documents on {@code tidewatch.scored-flows.ecs}, and Connect writes them
 * out. Nothing is lost or invented: the file holds exactly the documents of the topic (count and ids), and every
 * flow the probe saw.
 */
class FileSinkIT {

    private static final String CAPTURE = "test7-malicious.pcap";
    private static final String ECS_TOPIC = "tidewatch.scored-flows.ecs";
    private static final int PARTITIONS = 2;
    private static final Pattern COMMUNITY_ID = Pattern.compile("1:[A-Za-z0-9+/]{27}=");

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyScoredFlowOfARealCaptureArrivesInTheFileSinkAsEcsJson() throws Exception {
        Path capture = sharedCapture();
        Path sinkFile = dir.resolve("tidewatch-ecs.jsonl");
        try (LocalStack stack = LocalStack.start(BrokerSettings.builder().partitions(PARTITIONS).build(), 0)) {
            // Every topic the app declares (the models topic compacted), kept for ever: the capture is from 2018.
            stack.createTopics(Topics.from(Settings.of(Map.of("schema.registry.url", "http://127.0.0.1:1")))
                    .configsByName(), PARTITIONS);
            Files.createDirectories(dir.resolve("plugins"));

            // Connect runs first, as in a deployment: it picks the documents up while the app writes them.
            try (StandaloneWorker worker = StandaloneWorker.start(Path.of("worker", "connect-standalone.properties"),
                    Map.of("bootstrap.servers", stack.bootstrapServers(),
                            "offset.storage.file.filename", dir.resolve("standalone.offsets").toString(),
                            // A free loopback port (the file's default is 8083, which parallel runs would share) and
                            // no plugin folders: the file connector is on the class path.
                            "listeners", "http://127.0.0.1:0",
                            "plugin.path", dir.resolve("plugins").toString()))) {
                String connector = worker.addConnector(Path.of("connectors", "file-sink.properties"),
                        Map.of("file", sinkFile.toString()));

                Path probeFlows = dir.resolve("probe-flows.jsonl");
                Map<TopicPartition, Long> input = runProbe(stack, capture, probeFlows);
                long flowRecords;
                try (StreamsApp app = StreamsApp.create(streamsSettings(stack))) {
                    app.start();
                    assertTrue(app.awaitProcessed(input, Duration.ofSeconds(150)), "the streams app processed the capture");
                    assertEquals(0, app.deadLetters(), "dead letters");
                    flowRecords = app.counters().flowRecords();
                }
                List<String> published = readTopic(stack, ECS_TOPIC);
                assertEquals(flowRecords, published.size(), "ECS documents on " + ECS_TOPIC);
                assertTrue(published.size() > 50, "a real capture gives many flows: " + published.size());

                List<String> delivered = awaitLines(sinkFile, published.size(), worker, connector);
                assertEquals(published.size(), delivered.size(), "lines in the file sink");

                Map<String, Integer> publishedIds = ids(published);
                Map<String, Integer> deliveredIds = ids(delivered);
                assertEquals(publishedIds, deliveredIds, "flow ids and segments, topic against file");
                assertEquals(communityIds(probeFlows), new TreeSet<>(communityIdsOf(delivered)),
                        "every flow the probe saw reaches the sink");
                for (String line : delivered) {
                    assertEcs(line);
                }
                assertEquals("RUNNING", worker.status(connector).connector().state());
            }
        }
    }

    private static Path sharedCapture() {
        String root = System.getProperty("tidewatch.shared.data");
        Path pcap = root == null ? null : Path.of(root, "pcap", CAPTURE);
        assumeTrue(pcap != null && Files.isRegularFile(pcap), "shared capture " + CAPTURE + " is not available");
        return pcap;
    }

    /** Replays the capture through the real probe command; returns the end offsets of the packet-dynamics topic. */
    private static Map<TopicPartition, Long> runProbe(LocalStack stack, Path capture, Path flowsOut) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ProbeCommand(Map.of()));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("--pcap", capture.toString(), "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.schemaRegistryUrl(), "--flows-out", flowsOut.toString(), "--json");
        assertEquals(0, exit, "probe: " + err);
        assertTrue(out.toString().contains("\"dropped_total\":0"), "probe dropped nothing: " + out);
        // The capture is finite: move every partition's stream time past the flows' deadlines, as the replay does,
        // so the app closes the flows the probe had already ended (FIN, RST, idle) without waiting for wall time.
        long tick = EndOfInputClock.tickNs(EndOfInputClock.lastPacketNs(capture),
                FlowAssemblyConfig.from(Settings.of(Map.of())));
        EndOfInputClock.send(Map.of("bootstrap.servers", stack.bootstrapServers()),
                Map.of("schema.registry.url", stack.schemaRegistryUrl()), "tidewatch.packet-dynamics", PARTITIONS, tick);
        return stack.endOffsets("tidewatch.packet-dynamics");
    }

    private Settings streamsSettings(LocalStack stack) {
        Map<String, String> v = new HashMap<>();
        v.put("kafka.bootstrap.servers", stack.bootstrapServers());
        v.put("kafka.application.id", "connect-it");
        v.put("kafka.state.dir", dir.resolve("streams").toString());
        v.put("kafka.commit.interval.ms", "200");
        v.put("kafka.replication.factor", "1");
        v.put("schema.registry.url", stack.schemaRegistryUrl());
        v.put("streams.rocksdb.memory.bytes", Long.toString(32L << 20));
        return Settings.of(v);
    }

    private static List<String> readTopic(LocalStack stack, String topic) {
        Map<String, Object> config = Map.of("bootstrap.servers", stack.bootstrapServers(),
                "isolation.level", "read_committed", "enable.auto.commit", "false");
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                parts.add(new TopicPartition(topic, p));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " up to " + ends);
                }
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
        }
        return out;
    }

    /**
     * The file's complete lines once it holds {@code expected} of them (or the connector failed, or two minutes
     * passed: the assertions that follow then say what is missing).
     */
    private static List<String> awaitLines(Path file, int expected, StandaloneWorker worker, String connector)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = completeLines(file);
            if (lines.size() >= expected) {
                break;
            }
            ConnectorStateInfo status = worker.status(connector);
            for (ConnectorStateInfo.TaskState task : status.tasks()) {
                assertFalse("FAILED".equals(task.state()), "file sink task failed: " + task.trace());
            }
            Thread.sleep(200);
        }
        return lines;
    }

    private static List<String> completeLines(Path file) throws Exception {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
    }

    /** {@code flow_id#segment} of every document, with how often each occurs. */
    private Map<String, Integer> ids(List<String> docs) throws Exception {
        Map<String, Integer> out = new TreeMap<>();
        for (String d : docs) {
            JsonNode tw = json.readTree(d).path("tidewatch");
            out.merge(tw.path("flow_id").asText() + "#" + tw.path("segment").asInt(), 1, Integer::sum);
        }
        return out;
    }

    private List<String> communityIdsOf(List<String> docs) throws Exception {
        List<String> out = new ArrayList<>();
        for (String d : docs) {
            out.add(json.readTree(d).path("network").path("community_id").asText());
        }
        return out;
    }

    private TreeSet<String> communityIds(Path probeFlows) throws Exception {
        TreeSet<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(probeFlows, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(json.readTree(line).path("community_id").asText());
            }
        }
        assertFalse(out.isEmpty(), "the probe wrote its flows");
        return out;
    }

    /** The ECS fields a SIEM's network dashboards and detections rely on, with ECS's types. */
    private void assertEcs(String line) throws Exception {
        JsonNode doc = json.readTree(line);
        assertTrue(doc.isObject(), line);
        Instant timestamp = Instant.parse(doc.path("@timestamp").asText());
        JsonNode event = doc.path("event");
        assertEquals("event", event.path("kind").asText(), line);
        assertTrue(contains(event.path("category"), "network"), line);
        assertTrue(contains(event.path("type"), "connection"), line);
        Instant start = Instant.parse(event.path("start").asText());
        Instant end = Instant.parse(event.path("end").asText());
        assertEquals(timestamp, end, line);
        assertFalse(end.isBefore(start), line);
        assertTrue(event.path("duration").canConvertToLong() && event.path("duration").asLong() >= 0, line);
        for (String side : new String[] {"source", "destination"}) {
            JsonNode s = doc.path(side);
            String ip = s.path("ip").asText();
            assertTrue(Character.digit(ip.charAt(0), 16) >= 0 || ip.charAt(0) == ':', line);
            assertNotNull(InetAddress.getByName(ip), line);
            assertTrue(s.path("port").isInt() && s.path("port").asInt() >= 0 && s.path("port").asInt() <= 65535, line);
            assertTrue(s.path("bytes").canConvertToLong() && s.path("packets").canConvertToLong(), line);
        }
        JsonNode network = doc.path("network");
        assertFalse(network.path("transport").asText().isEmpty(), line);
        assertTrue(COMMUNITY_ID.matcher(network.path("community_id").asText()).matches(), line);
        assertEquals(doc.path("source").path("packets").asLong() + doc.path("destination").path("packets").asLong(),
                network.path("packets").asLong(), line);
        assertTrue(network.path("packets").asLong() > 0, line);
        assertEquals(event.path("id").asText(), doc.path("tidewatch").path("flow_id").asText(), line);
    }

    private static boolean contains(JsonNode array, String value) {
        if (!array.isArray()) {
            return false;
        }
        for (JsonNode n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }
}
