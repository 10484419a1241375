package io.tidewatch.cli.demo;

import io.tidewatch.probe.capture.CaptureFileReader;
import io.tidewatch.probe.capture.CaptureFiles;
import io.tidewatch.probe.synth.AttackKind;
import io.tidewatch.probe.synth.SynthConfig;
import io.tidewatch.probe.synth.SynthSummary;
import io.tidewatch.probe.synth.TrafficSynthesizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The capture a demo replays: one the synthesizer writes (seeded, with its labels CSV as the ground truth) or the
 * user's own file (with labels when the user has them).
 *
 * @param pcap    the capture file
 * @param labels  its labels CSV, when there is one
 * @param packets frames in the capture
 * @param title   what the report calls it
 */
record DemoCapture(Path pcap, Optional<Path> labels, long packets, String title) {

    /** Synthesizes {@code minutes} of traffic of {@code hosts} workstations with {@code attacks} into {@code dir}. */
    static DemoCapture synthesize(Path dir, long seed, int minutes, int hosts, Set<AttackKind> attacks) {
        Path pcap = dir.resolve("demo-capture.pcap");
        Path labels = dir.resolve("demo-labels.csv");
        try {
            Files.createDirectories(dir);
            SynthSummary s = TrafficSynthesizer.run(SynthConfig.builder().out(pcap).labels(labels).seed(seed)
                    .minutes(minutes).hosts(hosts).attacks(attacks).build());
            String title = String.format(Locale.ROOT, "synthetic capture, seed %d, %d min, %d hosts, attacks: %s",
                    seed, minutes, hosts, attacks.isEmpty() ? "none"
                            : String.join(", ", attacks.stream().map(AttackKind::label).toList()));
            return new DemoCapture(pcap, Optional.of(labels), s.packets(), title);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot synthesize the demo capture into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The user's capture (its frames counted for the progress line) and labels, if given. */
    static DemoCapture of(Path pcap, Path labels) {
        long[] frames = {0};
        try (CaptureFileReader reader = CaptureFiles.open(pcap)) {
            reader.readAll((linkType, ts, data, offset, captured, wire) -> frames[0]++);
        }
        return new DemoCapture(pcap, Optional.ofNullable(labels), frames[0],
                pcap.getFileName() + (labels == null ? " (no ground truth given)" : ""));
    }
}
