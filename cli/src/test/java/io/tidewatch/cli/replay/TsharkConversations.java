package io.tidewatch.cli.replay;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * tshark as the independent oracle of the replay tests: total frames per TCP and UDP conversation from its
 * {@code conv,tcp} and {@code conv,udp} statistics, keyed as {@link #key} keys them. Also finds the shared captures;
 * absent data or an absent tshark skips the test.
 */
final class TsharkConversations {

    private TsharkConversations() {
    }

    /** The shared .pcap files, sorted; skips the calling test when there are none. */
    static List<Path> sharedCaptures() throws IOException {
        String root = System.getProperty("tidewatch.shared.data");
        assumeTrue(root != null, "system property tidewatch.shared.data is not set");
        Path dir = Path.of(root, "pcap");
        assumeTrue(Files.isDirectory(dir), "shared captures not present at " + dir);
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
            assumeTrue(!files.isEmpty(), "no .pcap files in " + dir);
            return files;
        }
    }

    static void assumeInstalled() {
        boolean ok;
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        assumeTrue(ok, "tshark is not installed");
    }

    /** A conversation's identity regardless of direction: "proto lowEndpoint highEndpoint". */
    static String key(String transport, String ipA, long portA, String ipB, long portB) {
        String a = canonical(ipA) + "|" + portA;
        String b = canonical(ipB) + "|" + portB;
        return transport + " " + (a.compareTo(b) <= 0 ? a + " " + b : b + " " + a);
    }

    /** tshark's total frames per conversation of {@code transport} ("tcp" or "udp") in {@code pcap}. */
    static Map<String, Long> frames(Path pcap, String transport) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tshark", "-n", "-r", pcap.toString(), "-q", "-z", "conv," + transport)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("tshark conv," + transport + " failed on " + pcap);
        }
        Map<String, Long> frames = new TreeMap<>();
        for (String line : out.split("\n")) {
            String[] t = line.trim().split("\\s+");
            if (t.length < 8 || !t[1].equals("<->")) {
                continue;
            }
            // After "A <-> B": frames, bytes (with unit) for B->A, then A->B, then the total; the third frame count
            // is the total. Byte columns carry a unit word, so pick the plain integers in order.
            long[] numbers = new long[3];
            int n = 0;
            for (int i = 3; i < t.length && n < 5; i++) {
                if (t[i].matches("\\d+")) {
                    if (n % 2 == 0) {
                        numbers[n / 2] = Long.parseLong(t[i]);
                    }
                    n++;
                }
            }
            if (numbers[2] != numbers[0] + numbers[1]) {
                throw new IllegalStateException("tshark line not understood (frames do not add up): " + line);
            }
            int ca = t[0].lastIndexOf(':');
            int cb = t[2].lastIndexOf(':');
            frames.merge(key(transport, t[0].substring(0, ca), Long.parseLong(t[0].substring(ca + 1)),
                    t[2].substring(0, cb), Long.parseLong(t[2].substring(cb + 1))), numbers[2], Long::sum);
        }
        return frames;
    }

    private static String canonical(String ip) {
        try {
            return InetAddress.getByName(ip).getHostAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException("not an IP address: '" + ip + "'", e);
        }
    }
}
