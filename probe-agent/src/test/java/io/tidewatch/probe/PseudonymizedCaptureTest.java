package io.tidewatch.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.probe.anonymize.CryptoPan;
import io.tidewatch.testsupport.shareddata.SharedCaptures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The probe with {@code --pseudonymize} on a real capture: the flows file holds no original address, every flow is
 * still there with its packet counts, and each pseudonym is the Crypto-PAn image of the address it replaced.
 */
class PseudonymizedCaptureTest {

    private static final Pattern FLOW = Pattern.compile(
            "\"proto\":(\\d+),\"orig_ip\":\"([^\"]+)\",\"orig_port\":(\\d+),\"resp_ip\":\"([^\"]+)\",\"resp_port\":(\\d+)"
            + ".*\"orig_pkts\":(\\d+),\"orig_ip_bytes\":\\d+,\"resp_pkts\":(\\d+)");

    @TempDir
    Path dir;

    @Test
    void flowsOutHoldsOnlyPseudonymsOfTheOriginalAddresses() throws Exception {
        Path pcap = SharedCaptures.pcap("test-cc-capture-1");
        byte[] key = new byte[32];
        new Random(5).nextBytes(key);
        String hexKey = HexFormat.of().formatHex(key);

        Path plain = dir.resolve("plain.jsonl");
        Path pseudo = dir.resolve("pseudo.jsonl");
        StringWriter err = new StringWriter();
        assertEquals(0, run(Map.of(), err, "--pcap", pcap.toString(), "--dry-run", "--flows-out", plain.toString()));
        StringWriter out = new StringWriter();
        assertEquals(0, run(Map.of("TIDEWATCH_PROBE_PSEUDONYMIZE_KEY", hexKey), out, "--pcap", pcap.toString(),
                "--dry-run", "--pseudonymize", "--flows-out", pseudo.toString(), "--json"));
        assertFalse(out.toString().contains(hexKey), "the key is never printed");

        List<String> plainLines = Files.readAllLines(plain);
        String pseudoText = Files.readString(pseudo);
        assertTrue(plainLines.size() > 10, "flows in " + pcap + ": " + plainLines.size());
        assertEquals(plainLines.size(), pseudoText.lines().count(), "one flow per original flow");

        // Every original address, and what it must have become.
        CryptoPan pan = new CryptoPan(key);
        Map<String, String> expected = new HashMap<>();
        TreeSet<String> plainFlows = new TreeSet<>();
        for (String line : plainLines) {
            Matcher m = matcher(line);
            for (String ip : List.of(m.group(2), m.group(4))) {
                expected.computeIfAbsent(ip, a -> pseudonym(pan, a));
            }
            plainFlows.add(flow(m, expected.get(m.group(2)), expected.get(m.group(4))));
        }
        for (String original : expected.keySet()) {
            assertFalse(pseudoText.contains("\"" + original + "\""), "original address " + original + " leaked");
        }
        TreeSet<String> pseudoFlows = new TreeSet<>();
        for (String line : pseudoText.lines().toList()) {
            Matcher m = matcher(line);
            pseudoFlows.add(flow(m, m.group(2), m.group(4)));
        }
        assertEquals(plainFlows, pseudoFlows, "the same flows, each address replaced by its pseudonym");
    }

    @Test
    void aMissingOrMalformedKeyIsOneLineWithoutTheValue() throws Exception {
        Path pcap = SharedCaptures.pcaps().get(0);
        StringWriter err = new StringWriter();
        assertEquals(1, run(Map.of(), err, "--pcap", pcap.toString(), "--dry-run", "--pseudonymize"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("probe.pseudonymize.key"), err.toString());
        String badKey = "not-a-key-but-a-secret-anyway-1234567890";
        err = new StringWriter();
        assertEquals(1, run(Map.of("TIDEWATCH_PROBE_PSEUDONYMIZE_KEY", badKey), err, "--pcap", pcap.toString(),
                "--dry-run", "--pseudonymize"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertFalse(err.toString().contains(badKey), err.toString());
    }

    private static int run(Map<String, String> env, StringWriter sink, String... args) {
        CommandLine cl = new CommandLine(new ProbeCommand(env));
        cl.setOut(new PrintWriter(sink, true));
        cl.setErr(new PrintWriter(sink, true));
        return cl.execute(args);
    }

    private static Matcher matcher(String line) {
        Matcher m = FLOW.matcher(line);
        assertTrue(m.find(), line);
        return m;
    }

    /** A flow without its Community ID (which is computed on the pseudonyms, so it differs by design). */
    private static String flow(Matcher m, String origIp, String respIp) {
        return m.group(1) + " " + origIp + ":" + m.group(3) + " " + respIp + ":" + m.group(5) + " " + m.group(6) + "/"
                + m.group(7);
    }

    private static String pseudonym(CryptoPan pan, String address) {
        try {
            byte[] a = InetAddress.getByName(address).getAddress();
            pan.pseudonymize(a, 0, a.length);
            return InetAddress.getByAddress(a).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(address, e);
        }
    }
}
