package io.tidewatch.cli.demo;

import io.tidewatch.cli.replay.LabelReplay;
import io.tidewatch.cli.replay.LocalReplay;
import io.tidewatch.cli.replay.Replay;
import io.tidewatch.cli.replay.ReplaySummary;
import io.tidewatch.cli.report.DemoResults;
import io.tidewatch.cli.report.HtmlReport;
import io.tidewatch.cli.report.TerminalSummary;
import io.tidewatch.cli.report.Throughput;
import io.tidewatch.config.Settings;
import io.tidewatch.probe.synth.AttackKind;
import io.tidewatch.streams.alerts.AlertConfig;
import io.tidewatch.streams.app.StreamsApp;
import io.tidewatch.streams.labels.LabelFeed;
import io.tidewatch.streams.topology.Topics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tidewatch demo}: the whole pipeline in one command. A seeded synthetic capture (or the user's own) is
 * replayed through the real probe, an embedded broker and registry, and the streams app (the same orchestration as
 * {@code ./tidewatch replay}); a sample of the ground truth is fed back as an analyst's labels; what the pipeline
 * published is read back from its topics and shown as a terminal summary and an HTML report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Synthesize (or take) a capture, run it through the whole pipeline on an embedded Kafka, and "
                + "report what was found: a terminal summary and an HTML report.")
public final class DemoCommand implements Callable<Integer> {

    /** Minutes of synthetic traffic by default: chosen so a run finishes in a few minutes on a 2-core laptop. */
    public static final int DEFAULT_MINUTES = 3;
    /** Workstations by default (see {@link #DEFAULT_MINUTES}). */
    public static final int DEFAULT_HOSTS = 20;
    /** Share of the ground truth fed back as analyst labels by default. */
    public static final double DEFAULT_LABEL_FRACTION = 0.05;
    /** How long after a flow ended the analyst's verdict on it comes (event time). */
    static final Duration LABEL_DELAY = Duration.ofMinutes(1);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--pcap", paramLabel = "FILE", description = "Demo your own capture (pcap or pcapng) instead of a synthetic one.")
    Path pcap;

    @Option(names = "--labels", paramLabel = "FILE.csv",
            description = "Ground truth for --pcap, in the format of `tidewatch synth --labels` (community_id, src_ip, "
                    + "dst_ip, first_ts, last_ts, label, attack columns).")
    Path labels;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the synthetic capture and the label sample (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--minutes", defaultValue = "" + DEFAULT_MINUTES, description = "Minutes of synthetic traffic, 1..60 (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--hosts", defaultValue = "" + DEFAULT_HOSTS, description = "Synthetic workstations, 1..500 (default: ${DEFAULT-VALUE}).")
    int hosts;

    @Option(names = "--attacks", defaultValue = "all", paramLabel = "LIST",
            description = "Synthetic attacks, comma-separated, all or none (default: ${DEFAULT-VALUE}); names: "
                    + "vertical_scan, horizontal_scan, syn_flood, ssh_bruteforce, c2_beacon, exfiltration, dns_tunnel.")
    String attacks;

    @Option(names = "--label-fraction", defaultValue = "" + DEFAULT_LABEL_FRACTION, paramLabel = "F",
            description = "Share of the flows whose ground truth an analyst labels, (0, 1] (default: ${DEFAULT-VALUE}).")
    double labelFraction;

    @Option(names = "--out-dir", defaultValue = "tidewatch-demo", paramLabel = "DIR",
            description = "Where the capture, the flows, and the report go (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings (probe, flow, streams, scoring, kafka.*).")
    Path config;

    @Option(names = "--keep-running", description = "Leave the broker, registry and streams app up afterwards, until Ctrl-C.")
    boolean keepRunning;

    private final Map<String, String> environment;

    public DemoCommand() {
        this(System.getenv());
    }

    /** With an explicit environment ({@code TIDEWATCH_*} settings), for tests. */
    public DemoCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> flags = new HashMap<>();
        flags.put("kafka.application.id", "tidewatch-demo");
        Settings settings = Replay.settings(config, environment, flags);
        double threshold = AlertConfig.from(settings).threshold();
        String logFile = LocalReplay.logFile();
        err.println("tidewatch demo: output in " + outDir.toAbsolutePath()
                + (logFile == null ? "" : ", log in " + logFile));
        err.flush();

        DemoCapture capture = pcap == null
                ? DemoCapture.synthesize(outDir, seed, minutes, hosts, AttackKind.parseList(attacks))
                : DemoCapture.of(pcap, labels);
        Optional<LabelsCsv> truth = capture.labels().map(LabelsCsv::read);
        Optional<GroundTruthIndex> index = truth.map(t -> new GroundTruthIndex(t.rows()));
        List<io.tidewatch.cli.replay.ReplayListener> listeners = new ArrayList<>();
        // The analyst: a seeded sample of the ground truth, each verdict LABEL_DELAY after its flow ended.
        LabelFeed feed = capture.labels().map(csv -> LabelFeed.read(csv, labelFraction, LABEL_DELAY, seed))
                .orElse(null);
        if (feed != null) {
            listeners.add(new LabelReplay(feed, null,
                    settings.getDuration("replay.timeout", Duration.ofMinutes(30))));
        }

        PhaseListener phases = new PhaseListener();
        listeners.add(phases);
        LocalReplay local = LocalReplay.start(settings, 1, listeners);
        boolean handedOver = false;
        try {
            Replay replay = local.replay();
            Topics topics = replay.topics();
            try (PipelineObserver observer = new PipelineObserver(local.stack().bootstrapServers(),
                    local.stack().schemaRegistryUrl(), topics.name(Topics.SCORED_FLOWS), topics.name(Topics.ALERTS),
                    topics.name(Topics.MODEL_METRICS), 1);
                    ProgressLine progress = new ProgressLine(err, System.console() != null, capture.packets(),
                            () -> packetsAssembled(replay), () -> replay.writer() == null ? 0 : replay.writer().lines(),
                            observer::alertCount)) {
                phases.progress = progress;
                ReplaySummary summary = replay.run(capture.pcap(), outDir.resolve("flows.ecs.jsonl"));
                progress.phase("reading the scores");
                awaitOutputs(replay, observer, topics);
                double elapsed = summary.elapsedSeconds();
                progress.close();

                ObservedResults assembly = new ObservedResults();
                Throughput throughput = new Throughput(summary.packets(), summary.flows(), Math.max(1e-3, elapsed),
                        figures(summary, observer, feed, truth));
                DemoResults results = assembly.build(capture.title(), observer.flows(), observer.alerts(),
                        observer.metrics(), index, throughput, threshold);
                out.print(TerminalSummary.render(results));
                if (results.flows().isEmpty()) {
                    out.println();
                    out.println("Note: no flow was scored. The pipeline assembled " + String.format(Locale.ROOT, "%,d",
                            summary.flows()) + " flows (" + outDir.resolve("flows.ecs.jsonl") + "), but nothing"
                            + " arrived on " + topics.name(Topics.SCORED_FLOWS) + " (see the log).");
                }
                Path report = HtmlReport.write(results, outDir.resolve("report.html")).toAbsolutePath();
                out.println();
                out.println("Report: " + report);
                out.flush();
            }
            if (keepRunning) {
                printConnection(out, local, topics);
                handedOver = true;
                local.awaitShutdown();
            }
            return 0;
        } finally {
            if (!handedOver) {
                local.close();
            }
        }
    }

    private void validate() {
        CommandLine cl = spec.commandLine();
        if (pcap != null && !Files.isRegularFile(pcap)) {
            throw new CommandLine.ParameterException(cl, "--pcap " + pcap
                    + ": not found or not a regular file (expected a pcap or pcapng capture)");
        }
        if (labels != null && pcap == null) {
            throw new CommandLine.ParameterException(cl, "--labels " + labels
                    + " needs --pcap (the synthetic capture brings its own labels)");
        }
        if (labels != null && !Files.isRegularFile(labels)) {
            throw new CommandLine.ParameterException(cl, "--labels " + labels + ": not found or not a regular file");
        }
        if (minutes < 1 || minutes > 60) {
            throw new CommandLine.ParameterException(cl, "--minutes " + minutes + ": expected 1..60");
        }
        if (hosts < 1 || hosts > 500) {
            throw new CommandLine.ParameterException(cl, "--hosts " + hosts + ": expected 1..500");
        }
        if (!(labelFraction > 0 && labelFraction <= 1)) {
            throw new CommandLine.ParameterException(cl, "--label-fraction " + labelFraction
                    + ": expected a number in (0, 1]");
        }
        try {
            AttackKind.parseList(attacks);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--attacks " + attacks + ": " + e.getMessage());
        }
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new CommandLine.ParameterException(cl, "--out-dir " + outDir + ": exists and is not a directory");
        }
    }

    /** Names the step the replay is in on the progress line. */
    private static final class PhaseListener implements io.tidewatch.cli.replay.ReplayListener {
        volatile ProgressLine progress;

        @Override
        public void onStarted(Replay replay) {
            if (progress != null) {
                progress.phase("replaying");
            }
        }

        @Override
        public void onInputComplete(Replay replay, io.tidewatch.cli.replay.ProbeFigures probe) {
            if (progress != null) {
                progress.phase("capture read, processing");
            }
        }
    }

    private static long packetsAssembled(Replay replay) {
        StreamsApp app = replay.app();
        return app == null ? 0 : app.counters().packets();
    }

    /**
     * Waits until the app has processed both its inputs (packet dynamics and labels) and everything they sent
     * through its chain of repartition topics (flows by source, then the label join, then the trainer's examples),
     * and the observer has read everything then on the scored-flows, alerts and metrics topics. The replay itself
     * waits only for the flows; the labels and the stages behind a second repartition need this.
     */
    private static void awaitOutputs(Replay replay, PipelineObserver observer, Topics topics)
            throws InterruptedException {
        Duration timeout = replay.settings().getDuration("replay.timeout", Duration.ofMinutes(30));
        StreamsApp app = replay.app();
        Map<TopicPartition, Long> previous = Map.of();
        while (true) {
            Map<TopicPartition, Long> targets = new LinkedHashMap<>();
            targets.putAll(replay.endOffsets(topics.name(Topics.PACKET_DYNAMICS)));
            targets.putAll(replay.endOffsets(topics.name(Topics.LABELS)));
            Map<TopicPartition, Long> internal = internalEndOffsets(replay, app);
            targets.putAll(internal);
            if (!app.awaitProcessed(targets, timeout)) {
                throw new IllegalStateException("the streams app did not process its input within " + timeout
                        + " (replay.timeout)");
            }
            if (internal.equals(previous)) {
                break;
            }
            previous = internal;
        }
        Map<TopicPartition, Long> ends = new LinkedHashMap<>();
        for (String logical : List.of(Topics.SCORED_FLOWS, Topics.ALERTS, Topics.MODEL_METRICS)) {
            ends.putAll(replay.endOffsets(topics.name(logical)));
        }
        if (!observer.awaitPositions(ends, timeout)) {
            throw new IllegalStateException("the pipeline's output was not read within " + timeout + " (replay.timeout)");
        }
    }

    private static Map<TopicPartition, Long> internalEndOffsets(Replay replay, StreamsApp app) {
        Set<String> names = app.repartitionTopics();
        return names.isEmpty() ? Map.of() : replay.stack().endOffsets(names);
    }

    private static List<Throughput.Figure> figures(ReplaySummary s, PipelineObserver observer, LabelFeed feed,
            Optional<LabelsCsv> truth) {
        List<Throughput.Figure> out = new ArrayList<>();
        out.add(new Throughput.Figure("probe alone", s.probe().elapsedSeconds() > 0
                ? s.probe().packets() / s.probe().elapsedSeconds() : 0, "packets/s"));
        out.add(new Throughput.Figure("flows closed by the probe", s.probe().flows(), ""));
        if (feed != null) {
            out.add(new Throughput.Figure("analyst labels fed", feed.labels().size(), ""));
        }
        truth.filter(t -> t.badRows() > 0)
                .ifPresent(t -> out.add(new Throughput.Figure("label rows skipped (bad)", t.badRows(), "")));
        if (observer.undecodable() > 0) {
            out.add(new Throughput.Figure("records skipped (undecodable)", observer.undecodable(), ""));
        }
        return out;
    }

    private static void printConnection(PrintWriter out, LocalReplay local, Topics topics) {
        out.println();
        out.println("The broker, the schema registry and the streams app keep running (Ctrl-C stops them):");
        out.println("  bootstrap servers          " + local.stack().bootstrapServers());
        out.println("  schema registry            " + local.stack().schemaRegistryUrl());
        for (String logical : List.of(Topics.PACKET_DYNAMICS, Topics.FLOWS, Topics.SCORED_FLOWS,
                Topics.SCORED_FLOWS_ECS, Topics.ALERTS, Topics.LABELS, Topics.MODEL_METRICS, Topics.MODELS)) {
            out.println(String.format(Locale.ROOT, "  %-26s %s", "topic " + logical, topics.name(logical)));
        }
        out.println("  e.g. kcat -b " + local.stack().bootstrapServers() + " -t " + topics.name(Topics.SCORED_FLOWS_ECS)
                + " -C -o beginning -e");
        out.flush();
    }
}
