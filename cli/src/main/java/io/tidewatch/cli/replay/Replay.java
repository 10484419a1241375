package io.tidewatch.cli.replay;

import io.tidewatch.config.Settings;
import io.tidewatch.localstack.LocalStack;
import io.tidewatch.probe.ProbeCommand;
import io.tidewatch.probe.kafka.KafkaSinkConfig;
import io.tidewatch.streams.app.StreamsApp;
import io.tidewatch.streams.flow.FlowAssemblyConfig;
import io.tidewatch.streams.topology.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine;

/**
 * One replay of a capture file through the real pipeline on a {@link LocalStack}: the production probe command
 * (file reader, decoder, edge flow table, Kafka sink) publishes to the packet-dynamics topic, the streams app runs
 * the production topology, and an {@link EcsJsonlWriter} copies the ECS topic into a file. {@link #run} does it
 * all; the steps are public so a test can stop and restart the streams app in the middle.
 *
 * <p>Completion is known, not guessed: once the probe has delivered every batch (it fails the replay if it dropped
 * any) and the {@link EndOfInputClock} records are in, the app has written every flow when its committed offsets
 * reach the input's end offsets (and those of its repartition topic), and the file holds every flow when the writer
 * has read the ECS topic up to its end offsets then.
 */
public final class Replay implements AutoCloseable {

    /**
     * Settings a replay starts from; a config file, {@code TIDEWATCH_*} variables and flags override them. The
     * probe's queue and stop flush are sized so that it waits for the embedded broker rather than dropping batches
     * (a live probe drops instead: it must not stall capture), and the streams app runs exactly-once. Requests may
     * take long on a loaded machine: a produce request that times out makes the probe's idempotent producer reset
     * its sequence numbers, after which the broker refuses its batches until they expire and are dropped.
     * A replay is a bulk load: exactly-once commits (a transaction each) every second rather than Kafka Streams'
     * 100 ms exactly-once default, so the record caches absorb more updates of each flow between commits and
     * there are ten times fewer transactions; the cost, up to a second more before the last flow is committed,
     * does not matter here. A deployment keeps its own commit interval (at_least_once's default is 30 s).
     * The app's producer batches up to 256 KiB per partition (the probe's own default too) instead of the client's
     * 16 KiB: an ECS document is 5 to 7 KB, so 16 KiB batches filled with two or three documents and every few
     * flows became a produce request of their own; fewer, larger requests cut the embedded broker's and the
     * producer's work per flow (a sixth less CPU for the whole replay, see the streams-app README's throughput).
     * The app's producer does not compress: lz4 saved a little CPU in the broker and the network threads but
     * compressing runs on the stream thread, which is the replay's critical path, so the replay took longer
     * (streams-app README, Throughput).
     * Two stream threads: a replay's topics have one partition by default, so its sub-topologies (flow assembly,
     * host context and scoring, the label join, the trainer) are separate tasks that one thread ran in turn; that
     * thread was the replay's critical path, and with two the tasks run side by side on a second core (about a
     * fifth less elapsed time for the same CPU). Exactly-once holds per task, whatever thread runs it.
     * Where the label join keeps its recent flows is chosen per capture ({@link #labelStoresFor}), unless
     * {@code labels.stores} is set.
     */
    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("kafka.request.timeout.ms", "120000"),
            Map.entry("kafka.delivery.timeout.ms", "600000"),
            Map.entry("kafka.application.id", "tidewatch-replay"),
            Map.entry("kafka.processing.guarantee", "exactly_once_v2"),
            Map.entry("kafka.commit.interval.ms", "1000"),
            Map.entry("kafka.batch.size", Integer.toString(256 * 1024)),
            Map.entry("kafka.num.stream.threads", "2"),
            Map.entry("kafka.replication.factor", "1"),
            Map.entry("kafka.max.block.ms", "60000"),
            Map.entry(KafkaSinkConfig.QUEUE_BATCHES, Integer.toString(1 << 22)),
            Map.entry(KafkaSinkConfig.QUEUE_BYTES, Long.toString(1L << 30)),
            Map.entry(KafkaSinkConfig.STOP_FLUSH_MS, Long.toString(Duration.ofMinutes(15).toMillis())),
            Map.entry("probe.progress", "false"));

    private final LocalStack stack;
    private final Settings settings;
    private final Map<String, Object> security;
    private final Topics topics;
    private final int partitions;
    private final Duration timeout;
    private final Path workDir;
    private final List<ReplayListener> listeners;
    private StreamsApp app;
    private EcsJsonlWriter writer;
    private long assembledBefore;
    private long lateBefore;
    private long invalidBefore;
    private boolean closed;
    /** Settings {@link #run} chose for the capture it replays, used by every app it starts. */
    private Map<String, String> captureTuning = Map.of();

    /**
     * Prepares a replay on {@code stack} (not closed by this object) with {@code settings}, creating every Tidewatch
     * topic with {@code partitions} partitions. {@code kafka.state.dir} defaults to a temporary directory removed by
     * {@link #close()}.
     */
    public Replay(LocalStack stack, Settings settings, int partitions, List<ReplayListener> listeners) {
        if (stack == null || settings == null || listeners == null) {
            throw new IllegalArgumentException("replay: a stack, settings and a listener list are required");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions " + partitions + ": expected at least 1");
        }
        this.stack = stack;
        this.partitions = partitions;
        this.listeners = List.copyOf(listeners);
        this.timeout = settings.getDuration("replay.timeout", Duration.ofMinutes(30));
        this.security = ClusterLogin.securityProperties(settings);
        ClusterLogin.check(stack.bootstrapServers(), security, Duration.ofSeconds(30));
        try {
            this.workDir = Files.createTempDirectory("tidewatch-replay-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the replay: " + e.getMessage(), e);
        }
        Settings s = settings.with("kafka.bootstrap.servers", stack.bootstrapServers())
                .with("schema.registry.url", stack.schemaRegistryUrl());
        if (!s.has("kafka.state.dir")) {
            s = s.with("kafka.state.dir", workDir.resolve("state").toString());
        }
        this.settings = s;
        this.topics = Topics.from(s);
        String probeTopic = KafkaSinkConfig.from(s).topic();
        if (!probeTopic.equals(topics.packetDynamics().name())) {
            throw new IllegalArgumentException("the probe would publish to '" + probeTopic + "' but the streams app reads '"
                    + topics.packetDynamics().name() + "': set topics.prefix or topics.packet-dynamics once for both");
        }
        // Every topic the app declares, with the configs it needs (the models topic compacted).
        stack.createTopics(topics.configsByName(), partitions);
    }

    /** The replay's settings from a config file (may be null), the environment and its defaults. */
    public static Settings settings(Path configFile, Map<String, String> env, Map<String, String> flags) {
        return Settings.load(DEFAULTS, configFile, env, flags);
    }

    /**
     * Runs the whole replay of {@code pcap} into {@code out}: starts the streams app and waits until it runs, then
     * times the probe, the end-of-input clock and the wait for the last flow.
     */
    public ReplaySummary run(Path pcap, Path out) throws InterruptedException {
        if (!settings.has("labels.stores")) {
            long captureBytes;
            try {
                captureBytes = Files.size(pcap);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the size of " + pcap + ": " + e.getMessage(), e);
            }
            captureTuning = Map.of("labels.stores", labelStoresFor(captureBytes, Runtime.getRuntime().maxMemory()));
        }
        startWriter(out);
        startStreams();
        awaitRunning();
        listeners.forEach(l -> l.onStarted(this));
        long t0 = System.nanoTime();
        ProbeFigures probe = runProbe(pcap);
        endInput(pcap, probe);
        listeners.forEach(l -> l.onInputComplete(this, probe));
        awaitFlows();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        ReplaySummary summary = new ReplaySummary(probe.packets(), writer.lines(), writer.duplicates(), elapsed, probe,
                assembledFlows(), lateBatches(), invalidBatches());
        listeners.forEach(l -> l.onFinished(this, summary));
        return summary;
    }

    /** Starts copying the ECS topic into {@code out}. */
    public synchronized EcsJsonlWriter startWriter(Path out) {
        if (writer != null) {
            throw new IllegalStateException("the replay's flows writer is already running, into " + writer.file());
        }
        writer = new EcsJsonlWriter(ClusterLogin.clientConfig(stack.bootstrapServers(), security),
                topics.scoredFlowsEcs().name(), partitions, out);
        return writer;
    }

    /** Starts a streams app on the replay's settings (same application id and state directory every time). */
    public synchronized StreamsApp startStreams() {
        return startStreams(Map.of());
    }

    /**
     * Where the label join keeps the flows of its horizon for a capture of {@code captureBytes} in a JVM of
     * {@code maxHeapBytes}: {@code in-memory} (still changelogged, so a restarted app restores them) when they fit
     * in a quarter of the heap, {@code rocksdb} otherwise. A replay is bounded by its capture, and writing every
     * flow into RocksDB window segments and flushing them at every commit cost about a twelfth of the replay's CPU;
     * but a capture shorter than the label horizon (24 h) keeps every flow, and a large one would not fit. Measured:
     * the join's records for a 1.19 GB synthesized capture were 63 MB, a nineteenth of the file; a sixteenth is
     * assumed, as captures with smaller flows carry more of them per byte.
     */
    public static String labelStoresFor(long captureBytes, long maxHeapBytes) {
        if (captureBytes < 0 || maxHeapBytes <= 0) {
            throw new IllegalArgumentException("capture of " + captureBytes + " bytes in a heap of " + maxHeapBytes
                    + " bytes: expected a size of at least 0 and a heap larger than 0");
        }
        return captureBytes / 16 <= maxHeapBytes / 4 ? "in-memory" : "rocksdb";
    }

    /**
     * As {@link #startStreams()} with some settings changed for this instance only (client tuning such as
     * {@code kafka.max.poll.records}); the application id and state directory cannot be changed.
     */
    public synchronized StreamsApp startStreams(Map<String, String> tuning) {
        if (app != null) {
            throw new IllegalStateException("a streams app is already running for this replay");
        }
        Settings s = settings;
        Map<String, String> all = new LinkedHashMap<>(captureTuning);
        all.putAll(tuning);
        for (Map.Entry<String, String> e : all.entrySet()) {
            if (e.getKey().equals("kafka.application.id") || e.getKey().equals("kafka.state.dir")) {
                throw new IllegalArgumentException("setting " + e.getKey() + " is the replay's own; it cannot be tuned per instance");
            }
            s = s.with(e.getKey(), e.getValue());
        }
        app = StreamsApp.create(s);
        app.start();
        return app;
    }

    /**
     * Stops the running streams app cleanly (it commits what it processed), as an operator's restart does, and
     * waits until it has let go of its state directory: a close that outlasts {@code streams.close.timeout} (a
     * stream thread still in a rebalance or a transaction) goes on in the background holding the directory's lock,
     * and an app started on the same directory before it ends fails to initialize its state.
     */
    public synchronized void stopStreams() throws InterruptedException {
        if (app != null) {
            assembledBefore += app.counters().flowRecords();
            lateBefore += app.counters().lateBatches();
            invalidBefore += app.counters().invalidBatches();
            app.close();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (app.state() != KafkaStreams.State.NOT_RUNNING && app.state() != KafkaStreams.State.ERROR) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the streams app did not stop within " + timeout
                            + " (replay.timeout); state " + app.state());
                }
                Thread.sleep(20);
            }
            app = null;
        }
    }

    /** Waits until the streams app is RUNNING (it has its partitions). */
    public void awaitRunning() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (currentApp().state() != KafkaStreams.State.RUNNING) {
            KafkaStreams.State s = currentApp().state();
            if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("the streams app stopped while starting (" + s + "); see the log file");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the streams app did not start within 2 minutes (state " + s + ")");
            }
            Thread.sleep(20);
        }
    }

    /**
     * Runs the probe command on {@code pcap} with the replay's settings, publishing to the stack; returns its figures.
     * Fails when the probe fails or dropped a batch (the flows would be incomplete).
     */
    public ProbeFigures runProbe(Path pcap) {
        Path config = workDir.resolve("probe.properties");
        writeProperties(config, settings.asMap());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ProbeCommand(Map.of()));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code;
        try {
            code = cl.execute("--pcap", pcap.toString(), "--config", config.toString(), "--json");
        } finally {
            try {
                Files.deleteIfExists(config);
            } catch (IOException ignored) {
                // the work directory is removed on close anyway
            }
        }
        if (code != 0) {
            throw new IllegalStateException("the probe failed on " + pcap + " (exit " + code + "): " + err.toString().trim());
        }
        String line = out.toString().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
        ProbeFigures figures = ProbeFigures.parse(line);
        if (figures.dropped() > 0) {
            throw new IllegalStateException("the probe dropped " + figures.dropped() + " of " + figures.batches()
                    + " batches, so flows would be incomplete: " + figures.json());
        }
        return figures;
    }

    /** After the probe: sends the end-of-input clock so the app closes every flow still open (see EndOfInputClock). */
    public void endInput(Path pcap) {
        endInput(pcap, null);
    }

    /**
     * As {@link #endInput(Path)}, timed from the packet clock the probe reported when it did: the newest packet of
     * the file, which otherwise takes a second read of the whole capture (a third of the probe's own work).
     */
    public void endInput(Path pcap, ProbeFigures probe) {
        long last = probe != null && probe.clockNs() > 0 ? probe.clockNs() : EndOfInputClock.lastPacketNs(pcap);
        if (last > 0) {
            long tick = EndOfInputClock.tickNs(last, FlowAssemblyConfig.from(settings));
            EndOfInputClock.send(ClusterLogin.clientConfig(stack.bootstrapServers(), security),
                    KafkaSinkConfig.serdeProperties(settings), topics.packetDynamics().name(), partitions, tick);
        }
    }

    /**
     * Waits until the running streams app has processed and committed everything in the packet-dynamics topic and
     * the writer has written every document then in the ECS topic.
     */
    public void awaitFlows() throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> inputEnds = endOffsets(topics.packetDynamics().name());
        if (!currentApp().awaitProcessed(inputEnds, timeout)) {
            throw new IllegalStateException("the streams app did not process the input within " + timeout
                    + " (replay.timeout)");
        }
        Map<TopicPartition, Long> outputEnds = endOffsets(topics.scoredFlowsEcs().name());
        Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        if (!writer.awaitPositions(outputEnds, left)) {
            throw new IllegalStateException("the flows writer did not catch up within " + timeout + " (replay.timeout)");
        }
    }

    private synchronized StreamsApp currentApp() {
        if (app == null) {
            throw new IllegalStateException("no streams app is running for this replay");
        }
        return app;
    }

    /** End offsets of every partition of {@code topic}, read on the replay's stack. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        return stack.endOffsets(topic);
    }

    /** Flow records the assemblers of this replay emitted so far. */
    public synchronized long assembledFlows() {
        return assembledBefore + (app == null ? 0 : app.counters().flowRecords());
    }

    /** Late batches counted by every streams app of this replay so far. */
    public synchronized long lateBatches() {
        return lateBefore + (app == null ? 0 : app.counters().lateBatches());
    }

    /** Invalid batches counted so far (the app counts the end-of-input clock records and end markers apart). */
    public synchronized long invalidBatches() {
        return invalidBefore + (app == null ? 0 : app.counters().invalidBatches());
    }

    public Settings settings() {
        return settings;
    }

    public Topics topics() {
        return topics;
    }

    public LocalStack stack() {
        return stack;
    }

    public synchronized EcsJsonlWriter writer() {
        return writer;
    }

    public synchronized StreamsApp app() {
        return app;
    }

    private static void writeProperties(Path file, Map<String, String> values) {
        Properties p = new Properties();
        p.putAll(values);
        try {
            // The settings may hold credentials (kafka.sasl.jaas.config, basic.auth.user.info): owner only.
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(w, "settings of one tidewatch replay");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the probe's settings to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Stops the writer and the streams app and removes the temporary directory (state, settings). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (writer != null) {
                writer.close();
            }
        } finally {
            try {
                stopStreams();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                deleteTree(workDir);
            }
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a file still held open by a dying thread is left to the OS temp cleaner
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
