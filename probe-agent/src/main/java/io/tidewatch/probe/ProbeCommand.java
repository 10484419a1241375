package io.tidewatch.probe;

import io.tidewatch.config.Settings;
import io.tidewatch.probe.capture.CaptureFileException;
import io.tidewatch.probe.capture.CaptureFileReader;
import io.tidewatch.probe.capture.CaptureFiles;
import io.tidewatch.probe.capture.PacedListener;
import io.tidewatch.probe.capture.PacketListener;
import io.tidewatch.probe.decode.DecodeCounters;
import io.tidewatch.probe.decode.SkipReason;
import io.tidewatch.probe.flow.FlowTable;
import io.tidewatch.probe.flow.FlowTableConfig;
import io.tidewatch.probe.output.DryRunSink;
import io.tidewatch.probe.output.FlowsJsonlWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tidewatch probe}: capture (a pcap/pcapng file, or later a live interface), decode headers, keep the edge
 * flow table and emit packet-dynamics batches. Every option is also a config-file key and a {@code TIDEWATCH_*}
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

    @Option(names = "--dry-run", description = "Decode, batch and serialize, but send nothing (key " + DRY_RUN + ").")
    Boolean dryRun;

    @Option(names = "--flows-out", paramLabel = "FILE.jsonl", description = "One JSON line per closed flow segment (key " + FLOWS_OUT + ").")
    String flowsOut;

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
        if (live != null) {
            err.println("tidewatch probe: live capture on '" + live + "' is not available in this build yet; replay a file with --pcap");
            return 1;
        }
        if (!s.getBoolean(DRY_RUN, false)) {
            err.println("tidewatch probe: the Kafka output is not available in this build yet; run with --dry-run (and --flows-out) to decode and batch without sending");
            return 1;
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

        DryRunSink sink = new DryRunSink();
        FlowsJsonlWriter flows = flowsFile == null ? null : new FlowsJsonlWriter(Path.of(flowsFile));
        FlowTable table = new FlowTable(tableConfig, sink, flows);
        ProbePipeline pipeline = new ProbePipeline(table);
        PacketListener listener = showProgress ? new ProgressListener(pipeline, err) : pipeline;
        if (pace > 0) {
            listener = new PacedListener(listener, pace);
        }
        long start = System.nanoTime();
        String failure = null;
        try (CaptureFileReader reader = CaptureFiles.open(Path.of(file))) {
            reader.readAll(listener);
        } catch (CaptureFileException e) {
            failure = e.getMessage();
        } finally {
            table.endOfInput();
            if (flows != null) {
                flows.close();
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (s.getBoolean(JSON, false)) {
            out.println(figures(pipeline.counters(), table, sink, elapsed));
            out.flush();
        }
        if (failure != null) {
            err.println("tidewatch probe: " + failure);
            err.flush();
            return 1;
        }
        return 0;
    }

    static String figures(DecodeCounters c, FlowTable table, DryRunSink sink, double elapsed) {
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
                .append(",\"batches\":").append(sink.batches())
                .append(",\"bytes_out\":").append(sink.bytes())
                .append(",\"elapsed_s\":").append(String.format(Locale.ROOT, "%.3f", elapsed))
                .append(",\"pps\":").append(elapsed > 0 ? Math.round(c.fed() / elapsed) : 0)
                .append('}');
        return b.toString();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "probe";
        }
    }

    /** A human progress line on stderr about every two seconds; checks the clock only every 64k packets. */
    private static final class ProgressListener implements PacketListener {
        private final ProbePipeline next;
        private final PrintWriter err;
        private final long start = System.nanoTime();
        private long lastPrint = start;
        private long seen;

        ProgressListener(ProbePipeline next, PrintWriter err) {
            this.next = next;
            this.err = err;
        }

        @Override
        public void onPacket(int linkType, long timestampNs, ByteBuffer data, int offset, int capturedLength,
                int wireLength) {
            next.onPacket(linkType, timestampNs, data, offset, capturedLength, wireLength);
            if ((++seen & 0xFFFF) == 0) {
                long t = System.nanoTime();
                if (t - lastPrint >= 2_000_000_000L) {
                    lastPrint = t;
                    double s = (t - start) / 1e9;
                    err.printf(Locale.ROOT, "probe: %,d packets, %,d decoded, %,d open flows, %,.0f packets/s%n",
                            seen, next.counters().decoded(), next.table().openFlows(), seen / s);
                    err.flush();
                }
            }
        }
    }
}
