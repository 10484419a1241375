package io.tidewatch.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
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
        SharedCaptures.assumeTool("tshark");
        SharedCaptures.assumeTool("editcap");
        int conversations = 0;
        for (Path pcap : pcaps) {
            Path flows = dir.resolve(pcap.getFileName() + ".jsonl");
            assertEquals(0, probe(pcap, flows), "probe on " + pcap);
            for (String proto : new String[] {"tcp", "udp"}) {
                Map<String, Long> expected = tshark(pcap, proto);
                Map<String, Long> actual = flowsOut(flows, proto.equals("tcp") ? 6 : 17);
                assertEquals(expected, actual, proto + " conversations of " + pcap.getFileName());
                conversations += expected.size();
            }
            Path ng = dir.resolve(pcap.getFileName() + ".pcapng");
            SharedCaptures.run("editcap", "-F", "pcapng", pcap.toString(), ng.toString());
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

    /** tshark's conversation table as "lowerEndpoint|higherEndpoint" to total frames. */
    private static Map<String, Long> tshark(Path pcap, String proto) throws Exception {
        String out = SharedCaptures.run("tshark", "-n", "-r", pcap.toString(), "-q", "-z", "conv," + proto);
        Map<String, Long> conv = new TreeMap<>();
        for (String line : out.split("\n")) {
            String[] t = line.trim().split("\\s+");
            if (t.length < 8 || !t[1].equals("<->")) {
                continue;
            }
            long[] numbers = new long[8];
            int n = 0;
            for (int i = 3; i < t.length && n < numbers.length; i++) {
                if (t[i].matches("\\d+")) {
                    numbers[n++] = Long.parseLong(t[i]);
                }
            }
            // frames <-, bytes <-, frames ->, bytes ->, total frames, ...
            assertEquals(numbers[4], numbers[0] + numbers[2], "tshark line: " + line);
            conv.merge(key(endpoint(t[0]), endpoint(t[2])), numbers[4], Long::sum);
        }
        return conv;
    }

    private static Map<String, Long> flowsOut(Path flows, int proto) throws Exception {
        Map<String, Long> conv = new TreeMap<>();
        for (String line : Files.readAllLines(flows)) {
            Map<String, String> f = new TreeMap<>();
            Matcher m = FIELD.matcher(line);
            while (m.find()) {
                f.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
            }
            if (Integer.parseInt(f.get("proto")) != proto) {
                continue;
            }
            String a = canonical(f.get("orig_ip")) + ":" + f.get("orig_port");
            String b = canonical(f.get("resp_ip")) + ":" + f.get("resp_port");
            conv.merge(key(a, b), Long.parseLong(f.get("orig_pkts")) + Long.parseLong(f.get("resp_pkts")), Long::sum);
        }
        return conv;
    }

    private static String endpoint(String addrPort) throws Exception {
        int colon = addrPort.lastIndexOf(':');
        return canonical(addrPort.substring(0, colon)) + ":" + addrPort.substring(colon + 1);
    }

    private static String canonical(String ip) throws Exception {
        return InetAddress.getByName(ip).getHostAddress();
    }

    private static String key(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
    }
}
