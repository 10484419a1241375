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
        Settings settings = Replay.settings(config, environment, new HashMap<>());
        String logFile = LocalReplay.logFile();
        err.println("tidewatch replay: " + pcap + " -> " + out + (logFile == null ? "" : " (log: " + logFile + ")"));
        err.flush();

        try (LocalReplay local = LocalReplay.start(settings, partitions, listeners)) {
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
}
