package io.tidewatch.streams.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.config.Settings;
import io.tidewatch.localstack.LocalStack;
import io.tidewatch.localstack.broker.BrokerSettings;
import io.tidewatch.probe.synth.AttackKind;
import io.tidewatch.probe.synth.SynthConfig;
import io.tidewatch.probe.synth.TrafficSynthesizer;
import io.tidewatch.proto.v1.ModelRef;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.proto.v1.ScoredFlow;
import io.tidewatch.serde.ProtobufDeserializer;
import io.tidewatch.serde.ProtobufSerializer;
import io.tidewatch.streams.app.StreamsApp;
import io.tidewatch.streams.flow.FlowKeys;
import io.tidewatch.streams.scoring.ScoringProcessor;
import io.tidewatch.streams.topology.ProbeCapture;
import io.tidewatch.streams.topology.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the streams app on the embedded broker, one in its own JVM: a synthesized capture is replayed
 * through the real probe, and in the middle of the replay that JVM is killed (SIGKILL: no close, no last
 * checkpoint, no commit). The survivor, holding standby replicas, takes over its tasks with their learned
 * models (their example counts continue; no flow it scores is back in burn-in), and every packet of the capture
 * reaches the scored output, in flows whose ids are stable across the crash.
 */
class FailoverIT {

    private static final int PARTITIONS = 2;
    private static final long BURN_IN = 150;

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(BrokerSettings.builder().partitions(PARTITIONS).build(), 0);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static Map<String, String> settings(String prefix, Path stateDir) {
        Map<String, String> v = new HashMap<>();
        v.put("kafka.bootstrap.servers", stack.bootstrapServers());
        v.put("kafka.application.id", prefix + "app");
        v.put("topics.prefix", prefix);
        v.put("kafka.state.dir", stateDir.toString());
        v.put("kafka.commit.interval.ms", "200");
        v.put("kafka.replication.factor", "1");
        v.put("kafka.num.standby.replicas", "1");
        // A dead member is noticed after its session times out: the broker's minimum, so the test stays short.
        v.put("kafka.session.timeout.ms", "6000");
        v.put("kafka.heartbeat.interval.ms", "1000");
        v.put("schema.registry.url", stack.schemaRegistryUrl());
        v.put("streams.rocksdb.memory.bytes", Long.toString(32L << 20));
        v.put("scoring.burn-in.flows", Long.toString(BURN_IN));
        // Checkpoints often: the crash loses only what was learned since the last one.
        v.put("scoring.checkpoint.flows", "100");
        v.put("scoring.checkpoint.interval", "1s");
        // Small polls: the replay takes long enough that the kill lands in its middle.
        v.put("kafka.max.poll.records", "100");
        return v;
    }

    @Test
    void theSurvivorTakesOverTheKilledInstancesTasksWithTheirModelsAndNoFlowIsLost(@TempDir Path dir)
            throws Exception {
        Path pcap = dir.resolve("capture.pcap");
        TrafficSynthesizer.run(SynthConfig.builder().out(pcap).labels(dir.resolve("labels.csv")).minutes(2).hosts(20)
                .seed(17).attacks(EnumSet.noneOf(AttackKind.class)).build());
        List<PacketDynamicsBatch> batches = ProbeCapture.batches(pcap);
        Map<String, Long> expected = new TreeMap<>();
        long lastNs = 0;
        for (PacketDynamicsBatch b : batches) {
            expected.merge(b.getFlow().getCommunityId(), (long) b.getIpLengthCount(), Long::sum);
            lastNs = Math.max(lastNs, b.getBaseTimestampNs());
        }
        // The reference: the same replay through one instance that nobody kills.
        Map<String, ScoredFlow> clean = cleanRun(dir, batches, lastNs);

        Settings bSettings = Settings.of(settings("failover.", dir.resolve("state-b")));
        Topics topics = createTopics(bSettings);
        String input = topics.packetDynamics().name();

        Process a = startInstance(dir, settings("failover.", dir.resolve("state-a")));
        try (StreamsApp b = StreamsApp.create(bSettings)) {
            b.start();
            // Both own tasks before any input, so the assignment is balanced (no store is ahead on either).
            awaitTwoMembersWithTasks(b.applicationId());
            // The whole replay goes in at once, without pauses (a paused partition's clock would move with the
            // wall clock after flow.wall-clock.fallback and close flows early); the end-of-input clock last.
            produce(input, batches);
            sendEndOfInputClock(input, lastNs);
            Map<TopicPartition, Long> all = stack.endOffsets(input);
            // Mid-replay: once each scoring task has learned from some flows (and checkpointed), the other JVM dies.
            String progress = awaitScoringProgress(b.applicationId(), all, 150);
            Map<String, List<String>> owners = assignments(b.applicationId());
            assertEquals(2, owners.size(), "both instances own tasks before the kill: " + owners);
            // The scorer reads the flows-by-source repartition topic: each instance owns one of its partitions.
            assertTrue(owners.values().stream().allMatch(ps -> ps.stream().anyMatch(tp -> tp.contains("flows-by-source"))),
                    "each instance scores a partition: " + owners);
            long killedAtMs = System.currentTimeMillis();
            a.destroyForcibly();
            assertTrue(a.waitFor(10, TimeUnit.SECONDS), "the killed JVM exits");
            assertTrue(b.awaitProcessed(all, Duration.ofSeconds(90)), "the survivor processes everything within 90 s");
            assertEquals(1, assignmentSizes(b.applicationId()).size(), "the survivor owns every task");

            Map<String, ScoredFlow> byId = new HashMap<>();
            List<ScoredFlow> afterKill = new ArrayList<>();
            for (ScoredFlow s : readScored(topics.scoredFlows().name())) {
                ScoredFlow before = byId.putIfAbsent(s.getFlow().getFlowId(), s);
                if (before != null) {
                    // Reprocessing after the crash may score a flow twice: it must be the same flow.
                    assertEquals(before.getFlow().getOriginator(), s.getFlow().getOriginator(), "redelivered flow");
                    assertEquals(before.getFlow().getResponder(), s.getFlow().getResponder(), "redelivered flow");
                }
                if (s.getScoredAtMs() > killedAtMs) {
                    afterKill.add(s);
                }
            }
            // No flow lost: the flows of the clean run, each with the same packets, and every conversation of the
            // capture among them.
            Map<String, Long> seen = packetsPerConversation(byId);
            Map<String, Long> reference = packetsPerConversation(clean);
            assertEquals(expected.keySet(), seen.keySet(), "conversations of the capture in the scored output");
            // Which batches count as later than a closed flow depends on where stream-time punctuations fall
            // between records, so any two runs can differ by a few packets at a flow's idle boundary. The kill
            // must add nothing beyond that: no conversation missing, none short by more than such a boundary.
            Map<String, String> differ = new TreeMap<>();
            long lost = 0;
            for (Map.Entry<String, Long> e : reference.entrySet()) {
                long after = seen.getOrDefault(e.getKey(), 0L);
                if (after != e.getValue()) {
                    differ.put(e.getKey(), e.getValue() + " in the clean run, " + after + " after the kill");
                    lost += Math.max(0, e.getValue() - after);
                }
            }
            long total = reference.values().stream().mapToLong(Long::longValue).sum();
            assertTrue(differ.size() <= expected.size() / 100 && lost <= total / 1000,
                    "packets per conversation against the clean run (of " + expected.size() + ", " + total
                            + " packets): " + differ);
            long short_ = expected.entrySet().stream().filter(e -> !e.getValue().equals(seen.get(e.getKey()))).count();
            String boundary = differ.size() + " conversations differ from the clean run by " + lost + " packets";

            // The killed instance's tasks continued on the survivor with the models they had learned.
            assertTrue(b.scoringCounters().modelsRestored.sum() >= 1,
                    "the survivor read a moved task's model back: " + b.scoringCounters().modelsRestored.sum());
            assertTrue(afterKill.size() > 100, "flows scored after the kill: " + afterKill.size());
            // A model that started over would score its first flow with 0 examples at version 0, and be in burn-in
            // for BURN_IN flows again. Continued models carry on from their last checkpoint: a task still in its
            // first burn-in when the other JVM died finishes that one, it does not begin another.
            long minSeen = Long.MAX_VALUE;
            long minVersion = Long.MAX_VALUE;
            for (ScoredFlow s : afterKill) {
                ModelRef m = unsupervised(s);
                minSeen = Math.min(minSeen, m.getExamplesSeen());
                minVersion = Math.min(minVersion, m.getVersion());
            }
            long burnInAfter = afterKill.stream().filter(ScoredFlow::getBurnIn).count();
            String models = "smallest examples seen after the kill " + minSeen + ", version " + minVersion + ", "
                    + burnInAfter + " of " + afterKill.size() + " in burn-in; " + progress;
            assertTrue(minSeen > 0 && minVersion >= 1, "a model started over: " + models);
            assertTrue(burnInAfter <= Math.max(0, BURN_IN - minSeen), "a second burn-in: " + models);
            System.out.printf("failover: %d conversations, %d flows, %d scored after the kill (%s); smallest model "
                    + "examples seen then %d, version %d; models restored %d; %d conversations short of the probe's "
                    + "packets (batches later than a closed flow); %s%n", expected.size(), byId.size(),
                    afterKill.size(), progress, minSeen, minVersion, b.scoringCounters().modelsRestored.sum(), short_, boundary);
        } finally {
            a.destroyForcibly();
        }
    }

    private static Map<String, ScoredFlow> cleanRun(Path dir, List<PacketDynamicsBatch> batches, long lastNs)
            throws Exception {
        Map<String, String> v = settings("clean.", dir.resolve("state-clean"));
        v.remove("kafka.max.poll.records");
        Settings s = Settings.of(v);
        Topics topics = createTopics(s);
        String input = topics.packetDynamics().name();
        produce(input, batches);
        sendEndOfInputClock(input, lastNs);
        try (StreamsApp app = StreamsApp.create(s)) {
            app.start();
            assertTrue(app.awaitProcessed(stack.endOffsets(input), Duration.ofSeconds(60)), "clean run within 60 s");
        }
        Map<String, ScoredFlow> byId = new HashMap<>();
        readScored(topics.scoredFlows().name()).forEach(f -> byId.put(f.getFlow().getFlowId(), f));
        return byId;
    }

    private static Topics createTopics(Settings s) {
        Topics topics = Topics.from(s);
        stack.createTopics(topics.configsByName(), PARTITIONS);
        return topics;
    }

    private static Map<String, Long> packetsPerConversation(Map<String, ScoredFlow> byId) {
        Map<String, Long> out = new TreeMap<>();
        for (ScoredFlow s : byId.values()) {
            out.merge(s.getFlow().getFlow().getCommunityId(),
                    s.getFlow().getOriginator().getPackets() + s.getFlow().getResponder().getPackets(), Long::sum);
        }
        return out;
    }

    private static ModelRef unsupervised(ScoredFlow s) {
        return s.getModelsList().stream().filter(m -> m.getModelId().startsWith(ScoringProcessor.UNSUPERVISED_PREFIX))
                .findFirst().orElseThrow(() -> new AssertionError("no unsupervised model on " + s.getFlow().getFlowId()));
    }

    /** Starts an instance in its own JVM and waits until it has started its app. */
    private static Process startInstance(Path dir, Map<String, String> settings) throws IOException {
        Properties p = new Properties();
        p.putAll(settings);
        Path config = dir.resolve("instance-a.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            p.store(out, null);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                FailoverInstance.class.getName(), config.toString()).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = lines.readLine()) != null) {
            seen.add(line);
            if (line.startsWith("started ")) {
                // Keep draining its output so the child never blocks on a full pipe.
                Thread drain = new Thread(() -> {
                    try {
                        while (lines.readLine() != null) {
                            // discarded
                        }
                    } catch (IOException e) {
                        // the process died: nothing more to read
                    }
                }, "failover-instance-output");
                drain.setDaemon(true);
                drain.start();
                return process;
            }
        }
        throw new IllegalStateException("the instance JVM exited before it started: " + String.join("\n", seen));
    }

    /**
     * Waits until the group has committed {@code flows} records of every partition of the scorer's input (the
     * flows-by-source repartition topic) while some of {@code ends} is still to be processed.
     */
    private static String awaitScoringProgress(String group, Map<TopicPartition, Long> ends, long flows)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Admin admin = stack.admin()) {
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, Long> committed = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((tp, om) -> {
                    if (om != null) {
                        committed.put(tp, om.offset());
                    }
                });
                long scoring = committed.entrySet().stream()
                        .filter(e -> e.getKey().topic().endsWith("flows-by-source-repartition")).count();
                if (scoring == PARTITIONS && committed.entrySet().stream()
                        .filter(e -> e.getKey().topic().endsWith("flows-by-source-repartition"))
                        .allMatch(e -> e.getValue() >= flows)) {
                    // Still in progress: input left, or flows the scorers have not reached yet.
                    Map<TopicPartition, OffsetSpec> req = new HashMap<>();
                    committed.keySet().forEach(tp -> req.put(tp, OffsetSpec.latest()));
                    Map<TopicPartition, Long> latest = new HashMap<>();
                    admin.listOffsets(req).all().get().forEach((tp, info) -> latest.put(tp, info.offset()));
                    assertTrue(committed.entrySet().stream().anyMatch(e -> e.getValue() < latest.get(e.getKey())),
                            "killed before the end of the replay: " + committed + " of " + latest);
                    return committed + " of " + latest;
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the group did not commit " + flows + " flows per scoring task within 60 s");
    }

    private static void awaitTwoMembersWithTasks(String group) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<String, Integer> sizes = Map.of();
        while (System.nanoTime() < deadline) {
            sizes = assignmentSizes(group);
            if (sizes.size() == 2) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("two members with tasks within 60 s: " + sizes);
    }

    /** Partitions assigned per member that has any, by client id. */
    private static Map<String, List<String>> assignments(String group) throws Exception {
        try (Admin admin = stack.admin()) {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            Map<String, List<String>> out = new TreeMap<>();
            d.members().forEach(m -> m.assignment().topicPartitions().forEach(tp -> out.computeIfAbsent(
                    m.clientId().replaceAll("-StreamThread-\\d+-consumer$", ""), k -> new ArrayList<>()).add(tp.toString())));
            return out;
        }
    }

    /** Partitions assigned per member that has any, by member host and client id. */
    private static Map<String, Integer> assignmentSizes(String group) throws Exception {
        try (Admin admin = stack.admin()) {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            Map<String, Integer> out = new TreeMap<>();
            d.members().forEach(m -> {
                int n = m.assignment().topicPartitions().size();
                if (n > 0) {
                    out.merge(m.clientId().replaceAll("-StreamThread-\\d+-consumer$", ""), n, Integer::sum);
                }
            });
            return out;
        }
    }

    private static Map<TopicPartition, Long> produce(String topic, List<PacketDynamicsBatch> batches) throws Exception {
        Map<String, Object> props = Map.of("bootstrap.servers", stack.bootstrapServers(), "linger.ms", 5, "acks", "all");
        try (KafkaProducer<byte[], PacketDynamicsBatch> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ProtobufSerializer<>(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false))) {
            for (PacketDynamicsBatch b : batches) {
                producer.send(new ProducerRecord<>(topic, FlowKeys.bytes(b.getFlow()), b));
            }
            producer.flush();
        }
        return stack.endOffsets(topic);
    }

    /**
     * A batch without packets past every flow deadline on each partition, as the replay's end-of-input clock: the
     * flows the probe had closed before the end close by the app's own timers now, not after a wall-clock wait.
     */
    private static void sendEndOfInputClock(String topic, long lastNs) throws Exception {
        PacketDynamicsBatch clock = PacketDynamicsBatch.newBuilder().setProbeId("failover-clock")
                .setBaseTimestampNs(lastNs + Duration.ofMinutes(10).toNanos()).build();
        Map<String, Object> props = Map.of("bootstrap.servers", stack.bootstrapServers(), "acks", "all");
        try (KafkaProducer<byte[], PacketDynamicsBatch> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ProtobufSerializer<>(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false))) {
            for (int p = 0; p < PARTITIONS; p++) {
                producer.send(new ProducerRecord<>(topic, p, null, clock)).get();
            }
        }
    }

    private static List<ScoredFlow> readScored(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        List<ScoredFlow> out = new ArrayList<>();
        try (KafkaConsumer<String, ScoredFlow> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new ProtobufDeserializer<>(ScoredFlow.parser(),
                        Map.of("schema.registry.url", stack.schemaRegistryUrl()), false))) {
            List<TopicPartition> parts = new ArrayList<>();
            for (int i = 0; i < PARTITIONS; i++) {
                parts.add(new TopicPartition(topic, i));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, ScoredFlow> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
        }
        return out;
    }
}
