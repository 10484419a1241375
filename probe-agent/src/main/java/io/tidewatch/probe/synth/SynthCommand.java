package io.tidewatch.probe.synth;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tidewatch synth}: writes a seeded synthetic capture with benign users and labelled attacks, plus its
 * ground-truth CSV. One summary line on stderr; with {@code --json}, one JSON line on stdout.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Synthesize a labelled pcap: benign workstations plus attacks (ground truth in a CSV).")
public final class SynthCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE.pcap", description = "pcap to write")
    Path out;

    @Option(names = "--labels", required = true, paramLabel = "FILE.csv", description = "labels CSV to write")
    Path labels;

    @Option(names = "--minutes", defaultValue = "" + SynthConfig.DEFAULT_MINUTES,
            description = "capture length in minutes, 1..1440 (default ${DEFAULT-VALUE})")
    int minutes;

    @Option(names = "--hosts", defaultValue = "" + SynthConfig.DEFAULT_HOSTS,
            description = "workstations, 1..5000 (default ${DEFAULT-VALUE})")
    int hosts;

    @Option(names = "--seed", defaultValue = "" + SynthConfig.DEFAULT_SEED,
            description = "seed; the same seed gives the same bytes (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--attacks", defaultValue = "all", paramLabel = "LIST",
            description = "comma-separated attacks, all or none (default ${DEFAULT-VALUE}); names: "
                    + "vertical_scan,horizontal_scan,syn_flood,ssh_bruteforce,c2_beacon,exfiltration,dns_tunnel")
    String attacks;

    @Option(names = "--nanos", description = "nanosecond timestamps (default microseconds)")
    boolean nanos;

    @Option(names = "--snaplen", defaultValue = "" + PcapWriter.MAX_SNAPLEN,
            description = "bytes kept per frame, 64..262144 (default ${DEFAULT-VALUE}: whole frames)")
    int snaplen;

    @Option(names = "--start", defaultValue = "" + SynthConfig.DEFAULT_START, paramLabel = "EPOCH_SECONDS",
            description = "capture start, UTC epoch seconds (default ${DEFAULT-VALUE})")
    long start;

    @Option(names = "--json", description = "print the run's figures as one JSON line on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        SynthConfig config;
        try {
            config = SynthConfig.builder().out(out).labels(labels).minutes(minutes).hosts(hosts).seed(seed)
                    .attacks(AttackKind.parseList(attacks)).nanos(nanos).snaplen(snaplen).startEpochSeconds(start)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        SynthSummary summary = TrafficSynthesizer.run(config);
        PrintWriter err = spec.commandLine().getErr();
        err.println(summary.line());
        err.flush();
        if (json) {
            PrintWriter o = spec.commandLine().getOut();
            o.println(summary.json());
            o.flush();
        }
        return 0;
    }
}
