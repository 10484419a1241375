package io.tidewatch.testsupport.tshark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.testsupport.shareddata.SharedCaptures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The two readings of tshark agree on every shared capture: its conversation tables, as parsed here, count the
 * same frames per conversation as its per-packet fields grouped by endpoints. Skips without tshark or the data.
 */
class TsharkConversationsTest {

    private static final List<String> FIELDS = List.of("ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "tcp.srcport",
            "tcp.dstport", "udp.srcport", "udp.dstport");

    @Test
    void conversationTablesMatchPerPacketFieldsOnEverySharedCapture() throws Exception {
        List<Path> pcaps = SharedCaptures.pcaps();
        Tshark.assumeInstalled();
        int conversations = 0;
        for (Path pcap : pcaps) {
            Map<Conversation, Long> tables = TsharkConversations.frames(pcap, "tcp", "udp");
            // ICMP errors quote the TCP/UDP headers of other packets; the conversation tables do not count them.
            Map<Conversation, Long> packets = new TreeMap<>();
            for (String[] r : Tshark.fields(pcap, "(tcp || udp) && !icmp && !icmpv6", FIELDS)) {
                boolean v4 = !r[0].isEmpty();
                boolean tcp = !r[4].isEmpty();
                packets.merge(Conversation.of(tcp ? "tcp" : "udp", v4 ? r[0] : r[2],
                        Long.parseLong(tcp ? r[4] : r[6]), v4 ? r[1] : r[3], Long.parseLong(tcp ? r[5] : r[7])),
                        1L, Long::sum);
            }
            assertEquals(packets, tables, pcap.getFileName().toString());
            conversations += tables.size();
        }
        assertTrue(conversations > 100, "the shared captures hold many conversations, got " + conversations);
    }

    @Test
    void onlyTcpAndUdpTablesAreAsked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TsharkConversations.frames(Path.of("any.pcap"), "icmp"));
        assertEquals("conversation table 'icmp': expected tcp or udp", e.getMessage());
    }

    @Test
    void aRowThatIsNotUnderstoodFailsNamingIt() {
        String table = "TCP Conversations\n"
                + "10.0.0.1:80 <-> 10.0.0.2:5000  1 60 bytes  2 120 bytes  4 180 bytes  0.1 2\n";
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TsharkConversations.parse(table));
        assertTrue(e.getMessage().contains("frames do not add up") && e.getMessage().contains("10.0.0.1:80"),
                e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> TsharkConversations.parse("TCP Conversations\n10.0.0.1 <-> 10.0.0.2 garbled\n"));
        assertTrue(e.getMessage().endsWith("10.0.0.1 <-> 10.0.0.2 garbled"), e.getMessage());
    }
}
