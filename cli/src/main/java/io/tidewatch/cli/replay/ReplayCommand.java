package io.tidewatch.cli.replay;

import io.tidewatch.config.Settings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tidewatch replay}: a capture file through the real pipeline on an embedded broker and schema registry,
 * into a JSON-lines file of ECS flow documents, one line per flow. The summary goes to stderr, {@code --json} adds
 * one line of figures on stdout; logs go to the log file, named once.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a pcap/pcapng file through probe, Kafka and the streams app (embedded) into ECS JSON lines.")
public final class ReplayCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--pcap", required = true, paramLabel = "FILE", description = "The capture to replay (pcap or pcapng).")
    Path pcap;

    @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "Where to write one ECS document per flow.")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings (probe, flow, streams, kafka.*).")
    Path config;

    @Option(names = "--json", description = "Print the run's figures as one JSON line on stdout.")
    boolean json;

    @Option(names = "--partitions", defaultValue = "1", paramLabel = "N",
            description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--labels", paramLabel = "FILE.csv",
            description = "The synthesizer's labels CSV: sampled verdicts fed to the labels topic as an analyst's.")
    Path labels;

    @Option(names = "--label-delay", defaultValue = "60", paramLabel = "SECONDS",
            description = "Event time between a flow's end and its label (default: ${DEFAULT-VALUE}).")
    double labelDelay;

    @Option(names = "--label-rate", defaultValue = "0.05", paramLabel = "R",
            description = "Share of the flows labelled, sampled with a fixed seed (default: ${DEFAULT-VALUE}).")
    double labelRate;

    @Option(names = "--metrics", paramLabel = "FILE.json",
            description = "Write the final progressive-validation metrics of the supervised model here (needs --labels).")
    Path metrics;

    private final Map<String, String> environment;
    private final List<ReplayListener> listeners;

    public ReplayCommand() {
        this(System.getenv(), List.of());
    }

    /** With an explicit environment and listeners (labels, metrics), for tests and other commands. */
    public ReplayCommand(Map<String, String> environment, List<ReplayListener> listeners) {
        this.environment = Map.copyOf(environment);
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(pcap)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--pcap " + pcap + ": not found or not a regular file (expected a pcap or pcapng capture)");
        }
        if (partitions < 1 || partitions > 1024) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--partitions " + partitions + ": expected 1 to 1024");
        }
        if (out.toAbsolutePath().normalize().equals(pcap.toAbsolutePath().normalize())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is the capture itself");
        }
        Map<String, String> flags = new HashMap<>();
        List<ReplayListener> all = new java.util.ArrayList<>(listeners);
        if (labels != null) {
            all.add(labelReplay(flags));
        } else if (metrics != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--metrics needs --labels (nothing to measure)");
        }
        Settings settings = Replay.settings(config, environment, flags);
        String logFile = LocalReplay.logFile();
        err.println("tidewatch replay: " + pcap + " -> " + out + (logFile == null ? "" : " (log: " + logFile + ")"));
        err.flush();

        try (LocalReplay local = LocalReplay.start(settings, partitions, all)) {
            ReplaySummary summary = local.replay().run(pcap, out);
            err.println("tidewatch replay: " + summary.describe());
            err.flush();
            if (json) {
                PrintWriter stdout = spec.commandLine().getOut();
                stdout.println(summary.toJson());
                stdout.flush();
            }
            return 0;
        }
    }

    private LabelReplay labelReplay(Map<String, String> flags) {
        if (!(labelDelay >= 0) || Double.isInfinite(labelDelay)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--label-delay " + labelDelay + ": expected a number of seconds >= 0");
        }
        if (!(labelRate > 0 && labelRate <= 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--label-rate " + labelRate + ": expected a share in (0, 1]");
        }
        io.tidewatch.streams.labels.LabelFeed feed = io.tidewatch.streams.labels.LabelFeed.read(labels, labelRate,
                java.time.Duration.ofMillis(Math.round(labelDelay * 1000)), 1L);
        // Every example reports, so the last metrics record is the final figure.
        flags.put("training.metrics.every", "1");
        return new LabelReplay(feed, metrics, java.time.Duration.ofMinutes(10));
    }
}
