package io.tidewatch.probe;

import io.tidewatch.config.KafkaClientIdentity;
import io.tidewatch.config.Settings;
import io.tidewatch.probe.anonymize.AddressPseudonymizer;
import io.tidewatch.probe.anonymize.PseudonymizationKey;
import io.tidewatch.probe.capture.CaptureFileException;
import io.tidewatch.probe.capture.CaptureStats;
import io.tidewatch.probe.capture.CaptureFileReader;
import io.tidewatch.probe.capture.CaptureFiles;
import io.tidewatch.probe.capture.LiveCapture;
import io.tidewatch.probe.capture.LiveCaptureConfig;
import io.tidewatch.probe.capture.LiveCaptureException;
import io.tidewatch.probe.capture.PacedListener;
import io.tidewatch.probe.capture.PacketListener;
import io.tidewatch.probe.decode.DecodeCounters;
import io.tidewatch.probe.decode.SkipReason;
import io.tidewatch.probe.flow.FlowTable;
import io.tidewatch.probe.flow.FlowTableConfig;
import io.tidewatch.probe.kafka.KafkaBatchSink;
import io.tidewatch.probe.kafka.KafkaSinkConfig;
import io.tidewatch.probe.kafka.KafkaSinkStats;
import io.tidewatch.probe.metrics.ProbeFigures;
import io.tidewatch.probe.metrics.ProbeMetrics;
import io.tidewatch.probe.metrics.ProbeMetricsServer;
import io.tidewatch.probe.output.BatchSink;
import io.tidewatch.probe.output.DryRunSink;
import io.tidewatch.probe.output.FlowsJsonlWriter;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tidewatch probe}: capture (a pcap/pcapng file or a live interface), decode headers, keep the edge flow table
 * and publish packet-dynamics batches to Kafka (or, with {@code --dry-run}, do everything but send them). Every option is also a config-file key and a {@code TIDEWATCH_*}
 * environment variable (layered by {@link Settings}: defaults, file, environment, flags).
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Capture packets and publish per-flow packet dynamics (never payload).")
public final class ProbeCommand implements Callable<Integer> {

    static final String PCAP = "probe.pcap";
    static final String INTERFACE = "probe.interface";
    static final String DRY_RUN = "probe.dry.run";
    static final String FLOWS_OUT = "probe.flows.out";
    static final String JSON = "probe.json";
    static final String PROGRESS = "probe.progress";
    static final String SPEED = "probe.speed";
    static final String DOMAIN = "probe.observation.domain";
    static final String PROBE_ID = "probe.id";
    static final String BATCH_PACKETS = "flow.batch.packets";
    static final String BATCH_MS = "flow.batch.ms";
    static final String IDLE_MS = "flow.idle.ms";
    static final String MAX_FLOWS = "flow.max.flows";
    static final String LINGER_MS = "flow.tcp.linger.ms";
    static final String SEED = "flow.community.id.seed";
    static final String BOOTSTRAP = "kafka.bootstrap.servers";
    static final String REGISTRY = "schema.registry.url";
    static final String FILTER = "probe.filter";
    static final String SNAPLEN = "probe.snaplen";
    static final String PROMISCUOUS = "probe.promiscuous";
    static final String BUFFER_BYTES = "probe.buffer.bytes";
    static final String IMMEDIATE = "probe.immediate";
    static final String TIMEOUT_MS = "probe.read.timeout.ms";
    static final String TS_PRECISION = "probe.timestamp.precision";
    static final String DURATION = "probe.duration.s";
    static final String COMPRESSION = "kafka.compression.type";
    static final String TOPIC = KafkaSinkConfig.TOPIC;
    static final String STOP_FLUSH = KafkaSinkConfig.STOP_FLUSH_MS;
    static final String REST_PORT = ProbeMetricsServer.PORT;
    static final String REST_HOST = ProbeMetricsServer.HOST;
    static final String PSEUDONYMIZE = "probe.pseudonymize";
    static final String PSEUDONYMIZE_KEY = PseudonymizationKey.SETTING;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--pcap", paramLabel = "FILE", description = "Replay a pcap or pcapng file (key " + PCAP + ").")
    String pcap;

    @Option(names = "--interface", paramLabel = "IF", description = "Capture live on an interface (key " + INTERFACE + ").")
    String iface;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with any of the keys.")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", description = "Kafka brokers (key " + BOOTSTRAP + ").")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Schema registry (key " + REGISTRY + ").")
    String schemaRegistryUrl;

    @Option(names = "--filter", paramLabel = "BPF", description = "Live capture filter, tcpdump syntax (key " + FILTER + ").")
    String filter;

    @Option(names = "--snaplen", paramLabel = "BYTES", description = "Bytes kept per live packet (key " + SNAPLEN + ", default 128: headers only).")
    String snaplen;

    @Option(names = "--promiscuous", negatable = true, description = "Promiscuous mode for live capture (key " + PROMISCUOUS + ", default true).")
    Boolean promiscuous;

    @Option(names = "--buffer-size", paramLabel = "BYTES", description = "Kernel capture buffer (key " + BUFFER_BYTES + ", default 33554432).")
    String bufferBytes;

    @Option(names = "--immediate", description = "Deliver live packets at once, not per filled block (key " + IMMEDIATE + ").")
    Boolean immediate;

    @Option(names = "--timestamp-precision", paramLabel = "nano|micro", description = "Live timestamp precision (key " + TS_PRECISION + ", default nano where available).")
    String timestampPrecision;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop a live capture after this long (key " + DURATION + ", default 0: until Ctrl-C).")
    String duration;

    @Option(names = "--topic", paramLabel = "NAME", description = "Packet-dynamics topic (key " + TOPIC + ", default <topics.prefix>packet-dynamics, prefix default tidewatch.).")
    String topic;

    @Option(names = "--compression", paramLabel = "TYPE", description = "Producer compression: lz4 (default), zstd, gzip, snappy, none (key " + COMPRESSION + ").")
    String compression;

    @Option(names = "--stop-flush-ms", paramLabel = "MS", description = "On stop, time allowed to deliver queued batches (key " + STOP_FLUSH + ", default 10000).")
    String stopFlushMs;

    @Option(names = "--dry-run", description = "Decode, batch and serialize, but send nothing (key " + DRY_RUN + ").")
    Boolean dryRun;

    @Option(names = "--flows-out", paramLabel = "FILE.jsonl", description = "One JSON line per closed flow segment (key " + FLOWS_OUT + ").")
    String flowsOut;

    @Option(names = "--rest-port", paramLabel = "PORT", description = "Serve /metrics and /health on this port (key " + REST_PORT + ", default off; 0 picks a free port; bound to key " + REST_HOST + ", default 127.0.0.1).")
    String restPort;

    @Option(names = "--json", description = "On exit, print the run's figures as one JSON line (key " + JSON + ").")
    Boolean json;

    @Option(names = "--progress", description = "Print a progress line on stderr even when it is not a terminal (key " + PROGRESS + ").")
    Boolean progress;

    @Option(names = "--speed", paramLabel = "X", description = "Replay at capture pace times X; 0 (default) is as fast as possible (key " + SPEED + ").")
    String speed;

    @Option(names = "--observation-domain", paramLabel = "N", description = "Observation domain id in every flow key (key " + DOMAIN + ", default 0).")
    String observationDomain;

    @Option(names = "--probe-id", paramLabel = "ID", description = "This probe's id (key " + PROBE_ID + ", default the host name).")
    String probeId;

    @Option(names = "--batch-packets", paramLabel = "N", description = "Flush a flow's batch after N packets (key " + BATCH_PACKETS + ", default 64).")
    String batchPackets;

    @Option(names = "--batch-ms", paramLabel = "MS", description = "Flush a flow's batch when it is this old, packet time (key " + BATCH_MS + ", default 1000).")
    String batchMs;

    @Option(names = "--idle-ms", paramLabel = "MS", description = "Close flows idle this long, packet time (key " + IDLE_MS + ", default 30000).")
    String idleMs;

    @Option(names = "--max-flows", paramLabel = "N", description = "Open flows kept before evicting the idlest (key " + MAX_FLOWS + ", default 262144).")
    String maxFlows;

    @Option(names = "--tcp-linger-ms", paramLabel = "MS", description = "Keep a TCP flow this long after FIN both ways or RST (key " + LINGER_MS + ", default 1000).")
    String lingerMs;

    @Option(names = "--community-id-seed", paramLabel = "N", description = "Community ID seed (key " + SEED + ", default 0).")
    String seed;

    @Option(names = "--pseudonymize", description = "Replace every IP address by its keyed, prefix-preserving pseudonym "
            + "(Crypto-PAn) before flows are keyed (key " + PSEUDONYMIZE + "; the secret comes only from the config file "
            + "or environment: " + PSEUDONYMIZE_KEY + ", 32 bytes as hex or base64).")
    Boolean pseudonymize;

    private final Map<String, String> environment;

    public ProbeCommand() {
        this(System.getenv());
    }

    /** With an explicit environment, for tests. */
    public ProbeCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    Settings settings() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put(PCAP, pcap);
        flags.put(INTERFACE, iface);
        flags.put(BOOTSTRAP, bootstrapServers);
        flags.put(REGISTRY, schemaRegistryUrl);
        flags.put(DRY_RUN, dryRun == null ? null : dryRun.toString());
        flags.put(FLOWS_OUT, flowsOut);
        flags.put(JSON, json == null ? null : json.toString());
        flags.put(PROGRESS, progress == null ? null : progress.toString());
        flags.put(SPEED, speed);
        flags.put(DOMAIN, observationDomain);
        flags.put(PROBE_ID, probeId);
        flags.put(BATCH_PACKETS, batchPackets);
        flags.put(BATCH_MS, batchMs);
        flags.put(IDLE_MS, idleMs);
        flags.put(MAX_FLOWS, maxFlows);
        flags.put(LINGER_MS, lingerMs);
        flags.put(SEED, seed);
        flags.put(FILTER, filter);
        flags.put(SNAPLEN, snaplen);
        flags.put(PROMISCUOUS, promiscuous == null ? null : promiscuous.toString());
        flags.put(BUFFER_BYTES, bufferBytes);
        flags.put(IMMEDIATE, immediate == null ? null : immediate.toString());
        flags.put(TS_PRECISION, timestampPrecision);
        flags.put(DURATION, duration);
        flags.put(TOPIC, topic);
        flags.put(COMPRESSION, compression);
        flags.put(STOP_FLUSH, stopFlushMs);
        flags.put(REST_PORT, restPort);
        flags.put(PSEUDONYMIZE, pseudonymize == null ? null : pseudonymize.toString());
        return Settings.load(Map.of(), config, environment, flags);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Settings s = settings();
        String file = s.getString(PCAP, null);
        String live = s.getString(INTERFACE, null);
        if ((file == null) == (live == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "exactly one of --pcap FILE or --interface IF is required (got " + (file == null ? "neither" : "both") + ")");
        }
        boolean dry = s.getBoolean(DRY_RUN, false);
        AddressPseudonymizer pseudonymizer;
        try {
            pseudonymizer = s.getBoolean(PSEUDONYMIZE, false)
                    ? new AddressPseudonymizer(PseudonymizationKey.parse(s.getString(PSEUDONYMIZE_KEY, null)))
                    : null;
        } catch (IllegalArgumentException e) {
            err.println("tidewatch probe: " + e.getMessage());
            err.flush();
            return 1;
        }
        KafkaSinkConfig kafkaConfig = null;
        if (!dry) {
            try {
                // A file read at its own pace (--speed) stands in for a live capture and drops as one would.
                kafkaConfig = KafkaSinkConfig.from(s, file != null && s.getDouble(SPEED, 0) == 0);
            } catch (IllegalArgumentException e) {
                err.println("tidewatch probe: " + e.getMessage() + " (or run with --dry-run to decode and batch without sending)");
                err.flush();
                return 1;
            }
        }
        FlowTableConfig tableConfig = new FlowTableConfig(
                s.getLong(DOMAIN, 0), s.getString(PROBE_ID, hostName()),
                s.getInt(BATCH_PACKETS, FlowTableConfig.DEFAULT_BATCH_PACKETS),
                s.getLong(BATCH_MS, FlowTableConfig.DEFAULT_BATCH_MILLIS),
                s.getLong(IDLE_MS, FlowTableConfig.DEFAULT_IDLE_MILLIS),
                s.getInt(MAX_FLOWS, FlowTableConfig.DEFAULT_MAX_FLOWS),
                s.getLong(LINGER_MS, FlowTableConfig.DEFAULT_TCP_LINGER_MILLIS),
                s.getInt(SEED, 0));
        double pace = s.getDouble(SPEED, 0);
        if (pace < 0 || Double.isNaN(pace) || Double.isInfinite(pace)) {
            throw new IllegalArgumentException("setting " + SPEED + "='" + pace + "': expected 0 (as fast as possible) or a positive factor");
        }
        boolean showProgress = s.getBoolean(PROGRESS, System.console() != null);
        String flowsFile = s.getString(FLOWS_OUT, null);

        LiveCaptureConfig liveConfig = live == null ? null : liveConfig(s, live);
        double seconds = s.getDouble(DURATION, 0);
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("setting " + DURATION + "='" + seconds + "': expected 0 (until stopped) or a number of seconds");
        }
        // Everything that can fail on a bad setting comes before the capture handle and the producer are opened.
        ProbeMetrics probeMetrics = new ProbeMetrics();
        ProbeMetricsServer metricsServer = ProbeMetricsServer.start(s, probeMetrics).orElse(null);
        if (metricsServer != null) {
            err.println("tidewatch probe: metrics at " + metricsServer.url() + "/metrics, health at "
                    + metricsServer.url() + "/health");
            err.flush();
        }
        FlowsJsonlWriter flows;
        try {
            flows = flowsFile == null ? null : new FlowsJsonlWriter(Path.of(flowsFile));
        } catch (RuntimeException e) {
            closeQuietly(metricsServer);
            throw e;
        }
        LiveCapture capture = null;
        long until = 0;
        if (live != null) {
            try {
                capture = LiveCapture.open(liveConfig);
            } catch (LiveCaptureException e) {
                if (flows != null) {
                    flows.close();
                }
                closeQuietly(metricsServer);
                err.println("tidewatch probe: " + e.getMessage());
                err.flush();
                return 1;
            }
            until = seconds == 0 ? 0 : System.nanoTime() + Math.max(1, (long) (seconds * 1e9));
            err.println("tidewatch probe: capturing on '" + live + "' (link type " + capture.linkType() + ", snaplen "
                    + liveConfig.snaplen() + ", " + (capture.nanoTimestamps() ? "nano" : "micro") + "second timestamps"
                    + (liveConfig.filter() == null ? "" : ", filter '" + liveConfig.filter() + "'") + ")");
            err.flush();
        }

        DryRunSink drySink = dry ? new DryRunSink() : null;
        KafkaBatchSink kafkaSink;
        if (dry) {
            kafkaSink = null;
        } else {
            try {
                kafkaSink = KafkaBatchSink.start(kafkaConfig);
            } catch (KafkaException | IllegalArgumentException e) {
                // A bad kafka.* value (e.g. compression.type=foo) or registry setting, named by the client itself.
                if (capture != null) {
                    capture.close();
                }
                if (flows != null) {
                    flows.close();
                }
                closeQuietly(metricsServer);
                err.println("tidewatch probe: cannot create the Kafka producer: " + oneLine(e));
                err.flush();
                return 1;
            }
        }
        BatchSink sink = dry ? drySink : kafkaSink;
        FlowTable table = new FlowTable(tableConfig, sink, flows);
        ProbePipeline pipeline = new ProbePipeline(table, pseudonymizer);
        LiveCapture liveCapture = capture;
        Supplier<String> extra = () -> (liveCapture == null ? "" : captureProgress(liveCapture.stats()))
                + (kafkaSink == null ? "" : kafkaProgress(kafkaSink.stats()));
        ProgressListener progressListener = showProgress ? new ProgressListener(pipeline, err, extra) : null;
        PacketListener listener = progressListener != null ? progressListener : pipeline;
        if (pace > 0 && capture == null) {
            listener = new PacedListener(listener, pace);
        }
        if (metricsServer != null) {
            probeMetrics.source(() -> {
                KafkaSinkStats ks = kafkaSink == null ? null : kafkaSink.stats();
                DecodeCounters c = pipeline.counters();
                return new ProbeFigures(c.fed(), c.decoded(), ProbeFigures.skipCounts(c::skipped), table.flowsCreated(),
                        table.evictions(), table.openFlows(), drySink != null ? drySink.batches() : ks.accepted(),
                        drySink != null ? drySink.bytes() : ks.bytesSent(), ks,
                        liveCapture == null ? null : liveCapture.stats());
            });
            listener = probeMetrics.counting(listener);
        }
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = null;
        if (capture != null) {
            // Ctrl-C (SIGINT) or SIGTERM: break the capture loop, then let this thread flush and report before exit.
            long waitMs = kafkaConfig == null ? 5_000 : kafkaConfig.stopFlush().toMillis() + 5_000;
            hook = new Thread(() -> {
                liveCapture.stop();
                try {
                    finished.await(waitMs, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "tidewatch-probe-stop");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        long start = System.nanoTime();
        String failure = null;
        CaptureStats captureStats = null;
        try {
            if (capture != null) {
                PacketListener feed = listener;
                capture.run(feed, now -> {
                    table.advanceTo(now);
                    probeMetrics.maybePublish();
                    if (progressListener != null) {
                        progressListener.maybePrint();
                    }
                }, until);
                captureStats = capture.stats();
            } else {
                try (CaptureFileReader reader = CaptureFiles.open(Path.of(file))) {
                    reader.readAll(listener);
                }
            }
        } catch (CaptureFileException | LiveCaptureException e) {
            failure = e.getMessage();
        } finally {
            try {
                table.endOfInput();
                if (flows != null) {
                    flows.close();
                }
                sink.close();
            } finally {
                // The last figures, while the capture handle can still be asked for its counters.
                probeMetrics.publish();
                if (capture != null) {
                    if (captureStats == null) {
                        captureStats = capture.stats();
                    }
                    capture.close();
                }
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        try {
            if (s.getBoolean(JSON, false)) {
                KafkaSinkStats ks = kafkaSink == null ? null : kafkaSink.stats();
                long batches = drySink != null ? drySink.batches() : ks.accepted();
                long bytes = drySink != null ? drySink.bytes() : ks.bytesSent();
                out.println(figures(pipeline.counters(), table, batches, bytes, elapsed,
                        ks == null ? null : ks.toJson(), captureStats == null ? null : captureStats.toJson()));
                out.flush();
            }
            if (failure == null && kafkaSink != null && kafkaSink.loginRefused() != null) {
                failure = "Kafka refused the login (" + KafkaClientIdentity.describe(kafkaConfig.producer()) + "): "
                        + kafkaSink.loginRefused();
            }
            if (failure != null) {
                err.println("tidewatch probe: " + failure);
                err.flush();
                return 1;
            }
            return 0;
        } finally {
            if (metricsServer != null) {
                metricsServer.captureEnded();
                metricsServer.close();
            }
            finished.countDown();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // The JVM is already shutting down: the hook is what stopped us.
                }
            }
        }
    }

    private static void closeQuietly(ProbeMetricsServer server) {
        if (server != null) {
            server.close();
        }
    }

    private static String oneLine(Throwable e) {
        StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !b.toString().contains(c.getMessage())) {
                b.append(": ").append(c.getMessage());
            }
        }
        return b.toString().replace('\n', ' ');
    }

    static LiveCaptureConfig liveConfig(Settings s, String iface) {
        String precision = s.getString(TS_PRECISION, "nano").trim().toLowerCase(Locale.ROOT);
        if (!precision.equals("nano") && !precision.equals("micro")) {
            throw new IllegalArgumentException("setting " + TS_PRECISION + "='" + precision + "': expected nano or micro");
        }
        return new LiveCaptureConfig(iface, s.getString(FILTER, null),
                s.getInt(SNAPLEN, LiveCaptureConfig.DEFAULT_SNAPLEN), s.getBoolean(PROMISCUOUS, true),
                s.getInt(BUFFER_BYTES, LiveCaptureConfig.DEFAULT_BUFFER_BYTES), s.getBoolean(IMMEDIATE, false),
                s.getInt(TIMEOUT_MS, LiveCaptureConfig.DEFAULT_TIMEOUT_MILLIS), precision.equals("nano"));
    }

    private static String captureProgress(CaptureStats c) {
        return String.format(Locale.ROOT, ", pcap %,d received %,d dropped %,d if-dropped", c.received(), c.dropped(),
                c.ifDropped());
    }

    private static String kafkaProgress(KafkaSinkStats k) {
        return String.format(Locale.ROOT, ", kafka %,d sent %,d acked %,d dropped, queue %,d", k.sent(), k.acked(),
                k.droppedTotal(), k.queueDepth());
    }

    /**
     * The {@code --json} line. {@code kafka} (the sink's figures) and {@code capture} (libpcap's counters) are JSON
     * objects added when present; {@code clock_ns}, the flow table's packet time at the end, once a packet came.
     */
    static String figures(DecodeCounters c, FlowTable table, long batches, long bytesOut, double elapsed, String kafka,
            String capture) {
        StringBuilder b = new StringBuilder(512);
        b.append("{\"packets\":").append(c.fed())
                .append(",\"decoded\":").append(c.decoded())
                .append(",\"skipped\":{");
        boolean first = true;
        for (SkipReason r : SkipReason.values()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append('"').append(r.label()).append("\":").append(c.skipped(r));
        }
        b.append("},\"flows\":").append(table.flowsCreated())
                .append(",\"evictions\":").append(table.evictions())
                .append(",\"batches\":").append(batches)
                .append(",\"bytes_out\":").append(bytesOut)
                .append(",\"elapsed_s\":").append(String.format(Locale.ROOT, "%.3f", elapsed))
                .append(",\"pps\":").append(elapsed > 0 ? Math.round(c.fed() / elapsed) : 0);
        if (table.clockNs() != Long.MIN_VALUE) {
            // For a file, the newest packet's time: what a replay's end-of-input clock must pass, without a second
            // read of the whole file to find it.
            b.append(",\"clock_ns\":").append(table.clockNs());
        }
        if (kafka != null) {
            b.append(",\"kafka\":").append(kafka);
        }
        if (capture != null) {
            b.append(",\"capture\":").append(capture);
        }
        return b.append('}').toString();
    }

    /**
     * Every setting key the probe reads by name (prefixed pass-through keys aside, see
     * {@link #passthroughPrefixes()}): what a deployment may set, e.g. to check a container's {@code TIDEWATCH_*}
     * variables against it. Built from this class's key constants (every {@code static final String} field here is
     * a setting key, so a key added later is listed without another edit) and the Kafka sink's own keys.
     */
    public static Set<String> knownKeys() {
        Set<String> keys = new TreeSet<>(List.of(KafkaSinkConfig.TOPICS_PREFIX, KafkaSinkConfig.TOPIC,
                KafkaSinkConfig.QUEUE_BATCHES, KafkaSinkConfig.QUEUE_BYTES, KafkaSinkConfig.QUEUE_WAIT_MS,
                KafkaSinkConfig.STOP_FLUSH_MS,
                KafkaSinkConfig.BOOTSTRAP, KafkaSinkConfig.REGISTRY_URL, "auto.register.schemas", "use.latest.version"));
        for (Field f : ProbeCommand.class.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == String.class) {
                try {
                    keys.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read key constant " + f.getName(), e);
                }
            }
        }
        return Collections.unmodifiableSet(keys);
    }

    /**
     * Prefixes of keys handed on unchanged: {@code kafka.*} to the producer, the registry's ({@code schema.registry.*},
     * {@code basic.auth.*}, {@code bearer.auth.*}) to the schema-registry serde.
     */
    public static Set<String> passthroughPrefixes() {
        return Set.of(Settings.KAFKA_PREFIX, "schema.registry.", "basic.auth.", "bearer.auth.");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "probe";
        }
    }

    /**
     * A human progress line on stderr about every two seconds; checks the clock only every 64k packets, and on every
     * live-capture wake-up so a quiet link still reports.
     */
    private static final class ProgressListener implements PacketListener {
        private final ProbePipeline next;
        private final PrintWriter err;
        private final Supplier<String> extra;
        private final long start = System.nanoTime();
        private long lastPrint = start;
        private long seen;

        ProgressListener(ProbePipeline next, PrintWriter err, Supplier<String> extra) {
            this.next = next;
            this.err = err;
            this.extra = extra;
        }

        @Override
        public void onPacket(int linkType, long timestampNs, ByteBuffer data, int offset, int capturedLength,
                int wireLength) {
            next.onPacket(linkType, timestampNs, data, offset, capturedLength, wireLength);
            if ((++seen & 0xFFFF) == 0) {
                maybePrint();
            }
        }

        void maybePrint() {
            long t = System.nanoTime();
            if (t - lastPrint >= 2_000_000_000L) {
                lastPrint = t;
                double s = (t - start) / 1e9;
                err.printf(Locale.ROOT, "probe: %,d packets, %,d decoded, %,d open flows, %,.0f packets/s%s%n",
                        seen, next.counters().decoded(), next.table().openFlows(), seen / s, extra.get());
                err.flush();
            }
        }
    }
}
