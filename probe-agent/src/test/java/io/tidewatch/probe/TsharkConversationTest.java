package io.tidewatch.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.testsupport.shareddata.SharedCaptures;
import io.tidewatch.testsupport.tshark.Conversation;
import io.tidewatch.testsupport.tshark.Editcap;
import io.tidewatch.testsupport.tshark.Tshark;
import io.tidewatch.testsupport.tshark.TsharkConversations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Per-conversation packet counts of {@code --flows-out} on every shared capture equal tshark's
 * {@code conv,tcp} and {@code conv,udp} tables (the segments of one conversation summed), and the same capture
 * converted to pcapng by editcap gives the identical flows file.
 */
class TsharkConversationTest {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(?:\"([^\"]*)\"|([0-9.]+))");

    @TempDir
    Path dir;

    @Test
    void flowsOutMatchesTsharkOnEverySharedCaptureAsPcapAndPcapng() throws Exception {
        List<Path> pcaps = SharedCaptures.pcaps();
        Tshark.assumeInstalled();
        Editcap.assumeInstalled();
        int conversations = 0;
        for (Path pcap : pcaps) {
            Path flows = dir.resolve(pcap.getFileName() + ".jsonl");
            assertEquals(0, probe(pcap, flows), "probe on " + pcap);
            for (String proto : new String[] {"tcp", "udp"}) {
                Map<Conversation, Long> expected = TsharkConversations.frames(pcap, proto);
                Map<Conversation, Long> actual = flowsOut(flows, proto.equals("tcp") ? 6 : 17);
                assertEquals(expected, actual, proto + " conversations of " + pcap.getFileName());
                conversations += expected.size();
            }
            Path ng = dir.resolve(pcap.getFileName() + ".pcapng");
            Editcap.toPcapng(pcap, ng);
            Path ngFlows = dir.resolve(pcap.getFileName() + ".ng.jsonl");
            assertEquals(0, probe(ng, ngFlows), "probe on " + ng);
            assertEquals(Files.readAllLines(flows), Files.readAllLines(ngFlows),
                    "pcapng conversion of " + pcap.getFileName() + " gives other flows");
        }
        assertTrue(conversations > 100, "the shared captures hold many conversations, got " + conversations);
    }

    private static int probe(Path capture, Path flows) {
        CommandLine cl = new CommandLine(new ProbeCommand(Map.of()));
        cl.setOut(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        cl.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        return cl.execute("--pcap", capture.toString(), "--dry-run", "--flows-out", flows.toString(), "--probe-id", "t");
    }

    private static Map<Conversation, Long> flowsOut(Path flows, int proto) throws Exception {
        Map<Conversation, Long> conv = new TreeMap<>();
        for (String line : Files.readAllLines(flows)) {
            Map<String, String> f = new TreeMap<>();
            Matcher m = FIELD.matcher(line);
            while (m.find()) {
                f.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
            }
            if (Integer.parseInt(f.get("proto")) != proto) {
                continue;
            }
            conv.merge(Conversation.of(proto, f.get("orig_ip"), Long.parseLong(f.get("orig_port")), f.get("resp_ip"),
                    Long.parseLong(f.get("resp_port"))),
                    Long.parseLong(f.get("orig_pkts")) + Long.parseLong(f.get("resp_pkts")), Long::sum);
        }
        return conv;
    }
}
