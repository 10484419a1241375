package io.tidewatch.streams.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.probe.synth.AttackKind;
import io.tidewatch.probe.synth.SynthConfig;
import io.tidewatch.probe.synth.TrafficSynthesizer;
import io.tidewatch.proto.v1.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The label feed over a real synthesizer labels CSV. */
class LabelFeedTest {

    @TempDir
    static Path dir;
    static Path csv;

    @BeforeAll
    static void synthesize() throws Exception {
        csv = dir.resolve("labels.csv");
        TrafficSynthesizer.run(SynthConfig.builder().out(dir.resolve("c.pcap")).labels(csv).minutes(1).hosts(4).seed(3)
                .attacks(EnumSet.allOf(AttackKind.class)).build());
    }

    @Test
    void samplesAtTheRateDelaysByTheFlowEndAndIsRepeatable() throws Exception {
        List<String> rows = Files.readAllLines(csv);
        LabelFeed all = LabelFeed.read(csv, 1.0, Duration.ofSeconds(30), 1);
        assertEquals(rows.size() - 1, all.rows());
        assertEquals(0, all.badRows());
        assertEquals(all.rows(), all.labels().size());
        long malicious = rows.stream().skip(1).filter(r -> r.split(",")[8].equals("1")).count();
        assertEquals(malicious, all.labels().stream()
                .filter(t -> t.label().getVerdict() == Verdict.VERDICT_MALICIOUS).count());
        for (LabelFeed.TimedLabel t : all.labels()) {
            assertEquals(t.label().getEndNs() / 1_000_000L + 30_000, t.availableAtMs());
            assertTrue(t.label().getVerdict() == Verdict.VERDICT_BENIGN || !t.label().getAttackClass().isEmpty());
        }
        for (int i = 1; i < all.labels().size(); i++) {
            assertTrue(all.labels().get(i - 1).availableAtMs() <= all.labels().get(i).availableAtMs(), "ordered");
        }

        LabelFeed a = LabelFeed.read(csv, 0.05, Duration.ZERO, 42);
        LabelFeed b = LabelFeed.read(csv, 0.05, Duration.ZERO, 42);
        assertEquals(a.labels(), b.labels(), "same seed, same sample");
        double share = a.labels().size() / (double) a.rows();
        // Binomial(n, 0.05): within 5 standard deviations.
        double sd = Math.sqrt(0.05 * 0.95 / a.rows());
        assertTrue(Math.abs(share - 0.05) < 5 * sd, "sampled share " + share + " of " + a.rows());
    }

    @Test
    void badRowsAreCountedAndBadArgumentsNamed() throws Exception {
        Path bad = dir.resolve("bad.csv");
        List<String> rows = Files.readAllLines(csv);
        Files.write(bad, List.of(rows.get(0), rows.get(1), "1:x,a,1,b,2,6,notatime,1.0,1,c2,1,1", "short,row",
                rows.get(2)));
        LabelFeed f = LabelFeed.read(bad, 1.0, Duration.ZERO, 1);
        assertEquals(4, f.rows());
        assertEquals(2, f.badRows());
        assertEquals(2, f.labels().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelFeed.read(csv, 0, Duration.ZERO, 1));
        assertTrue(e.getMessage().contains("label rate 0.0"), e.getMessage());
        Path noHeader = dir.resolve("noheader.csv");
        Files.write(noHeader, List.of("a,b,c"));
        e = assertThrows(IllegalArgumentException.class, () -> LabelFeed.read(noHeader, 1, Duration.ZERO, 1));
        assertTrue(e.getMessage().contains("expected a header"), e.getMessage());
    }
}
