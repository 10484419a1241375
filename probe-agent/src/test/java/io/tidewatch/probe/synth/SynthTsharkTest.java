package io.tidewatch.probe.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.testsupport.tshark.Conversation;
import io.tidewatch.testsupport.tshark.Tshark;
import io.tidewatch.testsupport.tshark.TsharkConversations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * tshark is the oracle: it must read a synthesized capture (every attack, IPv4 and IPv6) without errors and with
 * good checksums, see no TCP sequence anomalies, count the same packets per conversation as the labels, and
 * compute the same Community IDs.
 */
class SynthTsharkTest {

    private static Path dir;
    private static Path pcap;
    private static List<String[]> rows;
    private static SynthSummary summary;

    @BeforeAll
    static void synthesize() throws Exception {
        Tshark.assumeInstalled();
        dir = Files.createTempDirectory("synth-tshark");
        pcap = dir.resolve("synth.pcap");
        Path labels = dir.resolve("labels.csv");
        summary = TrafficSynthesizer.run(SynthConfig.builder().out(pcap).labels(labels).minutes(2).hosts(8)
                .seed(12).build()); // a seed whose dual-stack hosts reach IPv6 sites
        rows = LabelsCsv.read(labels);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void noErrorsAndGoodChecksums() throws Exception {
        String expert = Tshark.run("-r", pcap.toString(), "-q", "-o", "ip.check_checksum:TRUE", "-o",
                "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-z", "expert");
        assertFalse(expert.contains("Errors ("), "tshark reports errors:\n" + head(expert));
        assertFalse(expert.toLowerCase().contains("malformed"), head(expert));
        assertFalse(expert.toLowerCase().contains("bad checksum"), head(expert));
        assertTrue(expert.contains("Connection establish request"), "expert info was produced at all");
    }

    @Test
    void noTcpSequenceAnomaliesAndTimeNeverGoesBack() throws Exception {
        String synRetransmissions = Tshark.run("-r", pcap.toString(), "-Y",
                "tcp.analysis.retransmission && tcp.flags == 0x002", "-T", "fields", "-e", "tcp.dstport");
        assertTrue(synRetransmissions.lines().allMatch(l -> l.equals("445")),
                "only the horizontal scan retransmits SYNs: " + head(synRetransmissions));
        // The one retransmission the model means to make: a scanner's second SYN to an address that never answered.
        String flagged = Tshark.run("-r", pcap.toString(), "-Y",
                "(tcp.analysis.flags && !tcp.analysis.window_update && tcp.flags != 0x002) || frame.time_delta < 0",
                "-T", "fields", "-e", "frame.number", "-e", "_ws.expert.message");
        assertEquals("", flagged.strip(), "frames tshark flags (retransmission, out-of-order, lost or unseen "
                + "segment, zero window, time going back):\n" + head(flagged));
    }

    @Test
    void conversationPacketCountsMatchLabels() throws Exception {
        Map<Conversation, Long> fromLabels = new HashMap<>();
        long labelledPackets = 0;
        long icmpPackets = 0;
        for (String[] r : rows) {
            long packets = Long.parseLong(r[10]);
            labelledPackets += packets;
            if (r[5].equals("1")) {
                icmpPackets += packets;
                continue;
            }
            fromLabels.merge(Conversation.of(Integer.parseInt(r[5]), r[1], Long.parseLong(r[2]), r[3],
                    Long.parseLong(r[4])), packets, Long::sum);
        }
        assertEquals(summary.packets(), labelledPackets, "every written packet belongs to one labelled flow");
        String pings = Tshark.run("-r", pcap.toString(), "-Y", "icmp.type == 8 || icmp.type == 0", "-T",
                "fields", "-e", "frame.number");
        assertTrue(icmpPackets > 0, "the monitoring server pings");
        assertEquals(icmpPackets, pings.lines().count(), "ICMP echo packets");
        Map<Conversation, Long> fromTshark = TsharkConversations.frames(pcap, "tcp", "udp");
        assertTrue(fromTshark.size() > 100, "tshark listed " + fromTshark.size() + " conversations");
        assertEquals(fromLabels.size(), fromTshark.size(), "conversation count");
        List<String> differ = new ArrayList<>();
        fromLabels.forEach((k, v) -> {
            if (!v.equals(fromTshark.get(k))) {
                differ.add(k + " labels " + v + " tshark " + fromTshark.get(k));
            }
        });
        assertEquals(List.of(), differ.subList(0, Math.min(10, differ.size())));
        assertTrue(fromLabels.keySet().stream().anyMatch(Conversation::isIpv6), "IPv6 conversations present");
        assertTrue(fromLabels.keySet().stream().anyMatch(k -> k.transport().equals("udp") && k.hasPort(443)),
                "HTTP/3 over UDP 443 present");
    }

    @Test
    void communityIdsMatchTsharks() throws Exception {
        String out = Tshark.run("-r", pcap.toString(), "--enable-protocol", "communityid", "-T", "fields",
                "-e", "communityid");
        Set<String> fromTshark = new HashSet<>(List.of(out.strip().split("\n")));
        Set<String> fromLabels = new HashSet<>();
        for (String[] r : rows) {
            fromLabels.add(r[0]);
        }
        assertTrue(fromLabels.size() > 100, "flows: " + fromLabels.size());
        assertEquals(fromLabels, fromTshark);
    }

    @Test
    void everyAttackIsLabelled() {
        Set<String> seen = new HashSet<>();
        for (String[] r : rows) {
            if (!r[9].isEmpty()) {
                assertEquals("1", r[8], "attack rows carry label 1: " + String.join(",", r));
                seen.add(r[9]);
            } else {
                assertEquals("0", r[8], "benign rows carry label 0: " + String.join(",", r));
            }
        }
        assertEquals(Set.of(AttackKind.names().split(",")), seen);
    }

    private static String head(String s) {
        return s.length() > 3000 ? s.substring(0, 3000) + "..." : s;
    }
}
