package io.tidewatch.probe.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed, same bytes; another seed, other bytes; the attacks asked for, and only those, are labelled. */
class SynthDeterminismTest {

    @TempDir
    Path dir;

    private SynthSummary run(String name, long seed, Set<AttackKind> attacks) throws Exception {
        return TrafficSynthesizer.run(SynthConfig.builder().out(dir.resolve(name + ".pcap"))
                .labels(dir.resolve(name + ".csv")).minutes(1).hosts(4).seed(seed).attacks(attacks).build());
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws Exception {
        SynthSummary a = run("a", 42, EnumSet.allOf(AttackKind.class));
        SynthSummary b = run("b", 42, EnumSet.allOf(AttackKind.class));
        run("c", 43, EnumSet.allOf(AttackKind.class));
        assertTrue(a.packets() > 1000, "packets: " + a.packets());
        assertEquals(a.packets(), b.packets());
        assertEquals(-1, Files.mismatch(dir.resolve("a.pcap"), dir.resolve("b.pcap")), "pcaps differ");
        assertEquals(-1, Files.mismatch(dir.resolve("a.csv"), dir.resolve("b.csv")), "labels differ");
        assertNotEquals(-1, Files.mismatch(dir.resolve("a.pcap"), dir.resolve("c.pcap")));
        assertNotEquals(-1, Files.mismatch(dir.resolve("a.csv"), dir.resolve("c.csv")));
    }

    @Test
    void onlyTheSelectedAttacksAppear() throws Exception {
        Set<AttackKind> chosen = EnumSet.of(AttackKind.SYN_FLOOD, AttackKind.DNS_TUNNEL, AttackKind.C2_BEACON);
        SynthSummary s = run("some", 7, chosen);
        List<String[]> rows = LabelsCsv.read(dir.resolve("some.csv"));
        Set<String> seen = new HashSet<>();
        for (String[] r : rows) {
            if (r[8].equals("1")) {
                seen.add(r[9]);
            }
        }
        assertEquals(Set.of("syn_flood", "dns_tunnel", "c2_beacon"), seen);
        assertEquals(seen, s.attackFlows().keySet());
        s.attackFlows().values().forEach(n -> assertTrue(n > 0, "flows per attack: " + s.attackFlows()));

        run("benign", 7, EnumSet.noneOf(AttackKind.class));
        assertTrue(LabelsCsv.read(dir.resolve("benign.csv")).stream().allMatch(r -> r[8].equals("0")
                && r[9].isEmpty()), "a benign-only run labels nothing as attack");
    }

    @Test
    void attacksWaitForTheBenignLeadIn() throws Exception {
        run("lead", 9, EnumSet.allOf(AttackKind.class));
        double start = SynthConfig.DEFAULT_START;
        for (String[] r : LabelsCsv.read(dir.resolve("lead.csv"))) {
            if (r[8].equals("1")) {
                assertTrue(Double.parseDouble(r[6]) >= start + 12, "attack flow in the first fifth: "
                        + String.join(",", r));
            }
        }
    }
}
