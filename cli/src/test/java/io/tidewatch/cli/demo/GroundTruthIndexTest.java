package io.tidewatch.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.cli.report.GroundTruth;
import io.tidewatch.probe.synth.AttackKind;
import io.tidewatch.probe.synth.SynthConfig;
import io.tidewatch.probe.synth.TrafficSynthesizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The labels CSV the synthesizer really writes, read back and looked up by Community ID and time. */
class GroundTruthIndexTest {

    @TempDir
    Path dir;

    private LabelsCsv synthesized() throws IOException {
        Path pcap = dir.resolve("c.pcap");
        Path labels = dir.resolve("c.csv");
        TrafficSynthesizer.run(SynthConfig.builder().out(pcap).labels(labels).seed(3).minutes(1).hosts(2)
                .attacks(EnumSet.of(AttackKind.VERTICAL_SCAN, AttackKind.C2_BEACON)).build());
        return LabelsCsv.read(labels);
    }

    @Test
    void everySynthesizedRowIsFoundAgainWithItsClass() throws IOException {
        LabelsCsv csv = synthesized();
        assertEquals(0, csv.badRows());
        Map<String, Long> attacks = csv.rows().stream().filter(LabelRow::malicious)
                .collect(Collectors.groupingBy(LabelRow::attack, Collectors.counting()));
        assertEquals(1000L, attacks.get("vertical_scan"), "the scan's probes: " + attacks);
        GroundTruthIndex index = new GroundTruthIndex(csv.rows());
        for (LabelRow r : csv.rows()) {
            GroundTruth t = index.lookup(r.communityId(), r.firstNs()).orElseThrow();
            assertEquals(r.malicious(), t.malicious(), r.toString());
            if (r.malicious()) {
                // A flow that recurs on the same 5-tuple is always the same attack in this capture.
                assertEquals(r.attack(), t.attackClass());
            }
        }
        assertEquals(Optional.empty(), index.lookup("1:nosuchflow=", csv.rows().get(0).firstNs()));
    }

    @Test
    void timeChoosesBetweenRowsOfARecurringFiveTuple() {
        long s = 1_000_000_000_000L;
        GroundTruthIndex index = new GroundTruthIndex(List.of(
                new LabelRow("1:x", "10.0.0.1", "10.0.0.2", s, s + 5_000_000_000L, false, ""),
                new LabelRow("1:x", "10.0.0.1", "10.0.0.2", s + 60_000_000_000L, s + 61_000_000_000L, true, "c2_beacon")));
        assertEquals(Optional.of(GroundTruth.benign()), index.lookup("1:x", s + 2_000_000_000L));
        assertEquals(Optional.of(GroundTruth.attack("c2_beacon")), index.lookup("1:x", s + 60_500_000_000L));
        assertEquals(Optional.empty(), index.lookup("1:x", s + 30_000_000_000L), "between the two, neither");
        assertEquals(Optional.of(GroundTruth.attack("c2_beacon")),
                index.hostTruth("10.0.0.1", s, s + 120_000_000_000L));
        assertEquals(Optional.of(GroundTruth.benign()), index.hostTruth("10.0.0.1", s, s + 10_000_000_000L));
        assertEquals(Optional.empty(), index.hostTruth("10.0.0.2", s, s + 120_000_000_000L),
                "the target of an attack originated nothing");
    }

    @Test
    void badRowsAreCountedAndSkippedAndAMissingColumnIsNamed() throws IOException {
        Path f = dir.resolve("l.csv");
        Files.writeString(f, "community_id,src_ip,src_port,dst_ip,dst_port,proto,first_ts,last_ts,label,attack\n"
                + "1:a,10.0.0.1,1,10.0.0.2,2,6,1767603600.000001,1767603601.5,1,c2_beacon\n"
                + "1:b,10.0.0.1,1,10.0.0.2,2,6,not-a-time,1767603601.5,0,\n"
                + "1:c,10.0.0.1,1,10.0.0.2,2,6,1767603600,1767603601,7,\n");
        LabelsCsv csv = LabelsCsv.read(f);
        assertEquals(1, csv.rows().size());
        assertEquals(2, csv.badRows());
        assertEquals(1_767_603_600_000_001_000L, csv.rows().get(0).firstNs());
        Files.writeString(f, "community_id,src_ip,first_ts\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelsCsv.read(f));
        assertTrue(e.getMessage().contains("'dst_ip'"), e.getMessage());
    }
}
