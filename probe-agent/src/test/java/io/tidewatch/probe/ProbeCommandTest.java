package io.tidewatch.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tidewatch.probe.capture.CaptureFileReader;
import io.tidewatch.probe.capture.CaptureFiles;
import io.tidewatch.probe.decode.DecodedPacket;
import io.tidewatch.probe.decode.PacketDecoder;
import io.tidewatch.testsupport.shareddata.SharedCaptures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProbeCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        CommandLine cl = new CommandLine(new ProbeCommand(env));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            cmd.getErr().println("tidewatch probe: " + ex.getMessage());
            return 1;
        });
        return cl.execute(args);
    }

    private static Path firstSharedCapture() throws Exception {
        return SharedCaptures.pcap("test7");
    }

    @Test
    void withoutDryRunNamesTheMissingKafkaSetting() throws Exception {
        Path pcap = firstSharedCapture();
        assertEquals(1, run(Map.of(), "--pcap", pcap.toString()));
        String e = err.toString();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("--bootstrap-servers") && e.contains("TIDEWATCH_KAFKA_BOOTSTRAP_SERVERS")
                && e.contains("--dry-run"), e);
        assertEquals("", out.toString());
        err.getBuffer().setLength(0);
        assertEquals(1, run(Map.of("TIDEWATCH_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9"), "--pcap", pcap.toString()));
        e = err.toString();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("--schema-registry-url") && e.contains("TIDEWATCH_SCHEMA_REGISTRY_URL"), e);
    }

    @Test
    void aBadKafkaSettingIsOneLineNamingIt() throws Exception {
        Path pcap = firstSharedCapture();
        assertEquals(1, run(Map.of(), "--pcap", pcap.toString(), "--bootstrap-servers", "127.0.0.1:1",
                "--schema-registry-url", "http://127.0.0.1:1", "--compression", "lz5"));
        String e = err.toString();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("lz5") && e.contains("compression.type"), e);
        assertEquals("", out.toString());
    }

    @Test
    void jsonFiguresAddUp() throws Exception {
        Path pcap = firstSharedCapture();
        assertEquals(0, run(Map.of(), "--pcap", pcap.toString(), "--dry-run", "--json"));
        String json = out.toString().trim();
        assertEquals(1, json.lines().count(), json);
        long packets = number(json, "packets");
        long decoded = number(json, "decoded");
        long skipped = 0;
        for (String reason : List.of("unsupported_link_type", "link_truncated", "non_ip", "ip_truncated",
                "ip_malformed", "ip_fragment", "l4_truncated", "l4_malformed")) {
            skipped += number(json, reason);
        }
        assertTrue(packets > 0);
        assertEquals(packets, decoded + skipped, json);
        assertTrue(number(json, "flows") > 0 && number(json, "batches") >= number(json, "flows"), json);
        assertTrue(number(json, "bytes_out") > 0, json);
        assertTrue(json.contains("\"elapsed_s\":") && json.contains("\"pps\":"), json);
        // The packet clock at the end is the newest timestamp of a packet that decoded (what flows are made of).
        long[] newest = {Long.MIN_VALUE};
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket p = new DecodedPacket();
        try (CaptureFileReader reader = CaptureFiles.open(pcap)) {
            reader.readAll((linkType, ts, data, offset, captured, wire) -> {
                if (decoder.decode(linkType, ts, data, offset, captured, wire, p) == null) {
                    newest[0] = Math.max(newest[0], ts);
                }
            });
        }
        assertEquals(newest[0], number(json, "clock_ns"), json);
    }

    @Test
    void environmentAndConfigFileAreLayersUnderTheFlags() throws Exception {
        Path pcap = firstSharedCapture();
        Path config = dir.resolve("probe.properties");
        Files.writeString(config, "probe.json=true\nflow.batch.packets=1\n");
        // dry run from the environment, JSON and batch size from the file, the pcap from a flag
        assertEquals(0, run(Map.of("TIDEWATCH_PROBE_DRY_RUN", "true"), "--config", config.toString(),
                "--pcap", pcap.toString()));
        String json = out.toString().trim();
        // One packet per batch: batches = decoded packets + the empty closing batch of every flow that did not
        // end on a packet (a flow's last batch carries its end reason).
        assertTrue(number(json, "batches") >= number(json, "decoded"), json);
        out.getBuffer().setLength(0);
        assertEquals(0, run(Map.of("TIDEWATCH_PROBE_DRY_RUN", "true", "TIDEWATCH_FLOW_BATCH_PACKETS", "64"),
                "--config", config.toString(), "--pcap", pcap.toString(), "--batch-packets", "1000"));
        assertTrue(number(out.toString(), "batches") < number(out.toString(), "decoded"), out.toString());
        assertEquals(1, run(Map.of("TIDEWATCH_FLOW_BATCH_PACKETS", "lots"), "--pcap", pcap.toString(), "--dry-run"));
        assertTrue(err.toString().contains("flow.batch.packets='lots'"), err.toString());
    }

    @Test
    void cutShortFileReportsFigureThenOneErrorLineWithOffset() throws Exception {
        Path pcap = firstSharedCapture();
        byte[] whole = Files.readAllBytes(pcap);
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        assertEquals(1, run(Map.of(), "--pcap", cut.toString(), "--dry-run", "--json"));
        String e = err.toString().trim();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains(cut.toString()) && e.contains("byte offset") && e.contains("cut short"), e);
        long packets = number(out.toString(), "packets");
        assertTrue(packets > 0, "packets before the cut were processed: " + out);
    }

    @Test
    void pacedReplayWithProgressGivesTheSameFigures() throws Exception {
        Path pcap = firstSharedCapture();
        assertEquals(0, run(Map.of(), "--pcap", pcap.toString(), "--dry-run", "--json"));
        String plain = out.toString();
        out.getBuffer().setLength(0);
        // A huge factor keeps the test fast; the pacing path still runs for every packet.
        assertEquals(0, run(Map.of(), "--pcap", pcap.toString(), "--dry-run", "--json", "--speed", "1000000",
                "--progress"));
        String paced = out.toString();
        for (String key : List.of("packets", "decoded", "flows", "batches", "bytes_out")) {
            assertEquals(number(plain, key), number(paced, key), key);
        }
        assertEquals(1, run(Map.of(), "--pcap", pcap.toString(), "--dry-run", "--speed", "-2"));
        assertTrue(err.toString().contains("probe.speed"), err.toString());
    }

    @Test
    void missingInterfaceIsOneClearLine() {
        assertEquals(1, run(Map.of(), "--interface", "no-such-if0", "--dry-run"));
        String e = err.toString();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("interface 'no-such-if0' not found") && e.contains("available:"), e);
        assertEquals("", out.toString());
    }

    @Test
    void badCaptureFilterIsOneClearLine() {
        assumeTrue(liveCapturePermitted(), "live capture on lo is not permitted here");
        assertEquals(1, run(Map.of(), "--interface", "lo", "--dry-run", "--filter", "tcp port nope"));
        String e = err.toString();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("bad capture filter 'tcp port nope' on 'lo'") && e.contains("nope"), e);
    }

    @Test
    void badLiveSettingsAreNamedBeforeAnythingOpens() {
        assertEquals(1, run(Map.of(), "--interface", "lo", "--dry-run", "--snaplen", "10"));
        assertTrue(err.toString().contains("snaplen 10: expected 64..262144"), err.toString());
        assertEquals(1, run(Map.of("TIDEWATCH_PROBE_TIMESTAMP_PRECISION", "pico"), "--interface", "lo", "--dry-run"));
        assertTrue(err.toString().contains("probe.timestamp.precision='pico'"), err.toString());
        assertEquals(1, run(Map.of(), "--interface", "lo", "--dry-run", "--duration", "-1"));
        assertTrue(err.toString().contains("probe.duration.s='-1.0'"), err.toString());
    }

    private static boolean liveCapturePermitted() {
        try (var c = io.tidewatch.probe.capture.LiveCapture.open(io.tidewatch.probe.capture.LiveCaptureConfig.of("lo"))) {
            return true;
        } catch (io.tidewatch.probe.capture.LiveCaptureException e) {
            return false;
        }
    }

    @Test
    void missingLibpcapIsOneClearLine() throws Exception {
        // pcap4j reads the library name once per JVM, so this runs the probe in a JVM of its own.
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path errFile = dir.resolve("err.txt");
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                "-Dorg.pcap4j.core.pcapLibName=" + dir.resolve("no-libpcap.so"), ProbeMain.class.getName(),
                "--interface", "lo", "--dry-run").redirectError(errFile.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
        String e = Files.readString(errFile);
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("libpcap cannot be loaded") && e.contains("no-libpcap.so"), e);
    }

    @Test
    void needsExactlyOneInput() {
        assertEquals(2, run(Map.of(), "--dry-run"));
        assertTrue(err.toString().contains("exactly one of --pcap FILE or --interface IF"), err.toString());
    }

    private static long number(String json, String key) {
        var m = java.util.regex.Pattern.compile("\"" + key + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), key + " missing from " + json);
        return Long.parseLong(m.group(1));
    }
}
