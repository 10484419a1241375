package io.tidewatch.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewatch.config.Settings;
import io.tidewatch.localstack.LocalStack;
import io.tidewatch.localstack.broker.BrokerSettings;
import io.tidewatch.testsupport.shareddata.SharedCaptures;
import io.tidewatch.testsupport.tshark.Conversation;
import io.tidewatch.testsupport.tshark.Tshark;
import io.tidewatch.testsupport.tshark.TsharkConversations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay end to end on the shared captures, on one embedded stack (fresh topics and application id per run):
 * per-conversation packet counts in the written ECS documents equal tshark's, every document has the ECS fields
 * SIEMs read, and a streams app stopped in the middle and restarted loses and duplicates no flow.
 */
class ReplayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 2;

    private static LocalStack stack;
    private static int runs;

    @TempDir
    Path dir;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(BrokerSettings.builder().partitions(PARTITIONS).build(), 0);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Settings of a fresh run: its own topics and application id on the shared stack. */
    private static Settings freshSettings(Map<String, String> extra) {
        int run = ++runs;
        Map<String, String> flags = new HashMap<>(extra);
        flags.put("topics.prefix", "run" + run + ".");
        flags.put("kafka.application.id", "replay-it-" + run);
        flags.put("streams.rocksdb.memory.bytes", Long.toString(32L << 20));
        return Replay.settings(null, Map.of(), flags);
    }

    private static List<JsonNode> read(Path jsonl) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            docs.add(JSON.readTree(line));
        }
        return docs;
    }

    @Test
    void everySharedCaptureGivesTsharksConversationsAndValidEcs() throws Exception {
        List<Path> pcaps = SharedCaptures.pcaps();
        Tshark.assumeInstalled();
        int conversations = 0;
        for (Path pcap : pcaps) {
            Path out = dir.resolve(pcap.getFileName() + ".jsonl");
            ReplaySummary summary;
            try (Replay replay = new Replay(stack, freshSettings(Map.of()), PARTITIONS, List.of())) {
                summary = replay.run(pcap, out);
            }
            List<JsonNode> docs = read(out);
            String context = pcap.getFileName() + ": " + summary.toJson();
            assertEquals(summary.flows(), docs.size(), context);
            for (JsonNode d : docs) {
                EcsFields.assertValid(d, context);
            }
            for (String transport : new String[] {"tcp", "udp"}) {
                Map<Conversation, Long> expected = TsharkConversations.frames(pcap, transport);
                assertEquals(expected, packetsPerConversation(docs, transport), transport + " conversations of " + context);
                conversations += expected.size();
            }
        }
        assertTrue(conversations > 100, "the shared captures hold many conversations, got " + conversations);
    }

    /**
     * Exactly-once (the replay's default, {@code exactly_once_v2}) with a read_committed reader: the app is closed
     * in the middle of its input (after it emitted flows, before it committed all input), a new instance with the
     * same application id and state directory finishes, and the file holds the clean run's flow ids, each once, with
     * no redelivered document even before the writer's dedupe.
     */
    @Test
    void aStreamsAppRestartedInTheMiddleLosesAndDuplicatesNoFlow() throws Exception {
        // A synthesized capture (seeded, so the same every run): 51k packets, ~400 flows, ~1,500 batches.
        Path pcap = dir.resolve("synth.pcap");
        picocli.CommandLine synth = new picocli.CommandLine(new io.tidewatch.probe.synth.SynthCommand());
        synth.setOut(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        synth.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        assertEquals(0, synth.execute("--out", pcap.toString(), "--labels", dir.resolve("synth.csv").toString(),
                "--minutes", "2", "--hosts", "10", "--seed", "7", "--attacks", "none"));

        Path cleanOut = dir.resolve("clean.jsonl");
        try (Replay replay = new Replay(stack, freshSettings(Map.of()), PARTITIONS, List.of())) {
            replay.run(pcap, cleanOut);
        }
        List<String> clean = flowIds(read(cleanOut));

        Path out = dir.resolve("restarted.jsonl");
        String stopped;
        try (Replay replay = new Replay(stack, freshSettings(Map.of()), PARTITIONS, List.of())) {
            EcsJsonlWriter writer = replay.startWriter(out);
            // The whole input is in Kafka before the app starts, so it is stopped in the middle of a backlog.
            ProbeFigures probe = replay.runProbe(pcap);
            // The probe's packet clock (what a whole replay times its end-of-input clock from) is a packet of the
            // file, no later than its newest frame; this instance reads the file for it instead.
            long newestFrame = EndOfInputClock.lastPacketNs(pcap);
            assertTrue(probe.clockNs() > 0 && probe.clockNs() <= newestFrame, probe.json());
            replay.endInput(pcap);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = replay.endOffsets(replay.topics().packetDynamics().name());
            // One record per poll for the first instance: it works through its backlog slowly enough to be stopped
            // after it has assembled flows and well before the end of its input.
            var first = replay.startStreams(Map.of("kafka.max.poll.records", "1"));
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while (first.counters().flowRecords() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            stopped = "first instance: " + first.counters().batches() + " batches, " + first.counters().flowRecords()
                    + " flows of " + clean.size() + ", input ends " + ends + ", probe " + probe.json();
            replay.stopStreams();
            Map<org.apache.kafka.common.TopicPartition, Long> committed = committedOffsets(replay.settings()
                    .getString("kafka.application.id", ""));
            assertTrue(ends.entrySet().stream().anyMatch(e -> committed.getOrDefault(e.getKey(), 0L) < e.getValue()),
                    "the first instance was stopped before the end of its input (" + stopped + ", committed " + committed + ")");
            assertTrue(writer.awaitPositions(replay.endOffsets(replay.topics().scoredFlowsEcs().name()),
                    java.time.Duration.ofSeconds(30)), stopped);
            long linesBefore = writer.lines();
            assertTrue(linesBefore < clean.size(), "not every flow was written before the restart: " + linesBefore
                    + "; " + stopped);
            stopped += ", " + linesBefore + " written before the restart";

            replay.startStreams();
            replay.awaitFlows();
            assertEquals(0, writer.duplicates(), "documents redelivered across the restart; " + stopped);
        }
        List<String> restarted = flowIds(read(out));
        assertEquals(restarted.size(), new java.util.HashSet<>(restarted).size(), "a flow id twice in the file");
        assertEquals(new java.util.TreeSet<>(clean), new java.util.TreeSet<>(restarted), stopped);
    }

    private static List<String> flowIds(List<JsonNode> docs) {
        return docs.stream().map(d -> d.get("tidewatch").get("flow_id").asText()).toList();
    }

    private static Map<org.apache.kafka.common.TopicPartition, Long> committedOffsets(String group) throws Exception {
        Map<org.apache.kafka.common.TopicPartition, Long> out = new HashMap<>();
        try (var admin = stack.admin()) {
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .forEach((tp, om) -> out.put(tp, om == null ? 0L : om.offset()));
        }
        return out;
    }

    /** orig + resp packets of every flow segment of a conversation, summed. */
    private static Map<Conversation, Long> packetsPerConversation(List<JsonNode> docs, String transport) {
        Map<Conversation, Long> packets = new TreeMap<>();
        for (JsonNode d : docs) {
            if (!d.get("network").get("transport").asText().equals(transport)) {
                continue;
            }
            JsonNode s = d.get("source");
            JsonNode t = d.get("destination");
            packets.merge(Conversation.of(transport, s.get("ip").asText(), s.get("port").asLong(),
                    t.get("ip").asText(), t.get("port").asLong()),
                    s.get("packets").asLong() + t.get("packets").asLong(), Long::sum);
        }
        return packets;
    }
}
