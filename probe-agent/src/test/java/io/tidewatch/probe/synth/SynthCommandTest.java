package io.tidewatch.probe.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SynthCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new SynthCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void writesFilesAndOneJsonLine() throws Exception {
        Path pcap = dir.resolve("x.pcap");
        Path csv = dir.resolve("x.csv");
        int code = run("--out", pcap.toString(), "--labels", csv.toString(), "--minutes", "1", "--hosts", "2",
                "--attacks", "vertical_scan", "--seed", "3", "--json");
        assertEquals(0, code, err.toString());
        String json = out.toString().strip();
        assertEquals(1, json.lines().count(), json);
        assertTrue(json.startsWith("{\"packets\":") && json.contains("\"attack_flows\":{\"vertical_scan\":1000}"),
                json);
        assertTrue(err.toString().startsWith("synth: "), err.toString());
        assertTrue(Files.size(pcap) > 24 && Files.size(csv) > LabelWriter.HEADER.length());
    }

    @Test
    void badValuesAreNamed() {
        String[] base = {"--out", dir.resolve("y.pcap").toString(), "--labels", dir.resolve("y.csv").toString()};
        assertEquals(2, run(concat(base, "--minutes", "0")));
        assertTrue(err.toString().contains("minutes 0"), err.toString());
        assertEquals(2, run(concat(base, "--attacks", "vertical_scan,teleport")));
        assertTrue(err.toString().contains("attack 'teleport'") && err.toString().contains("dns_tunnel"),
                err.toString());
        assertEquals(2, run(concat(base, "--hosts", "many")));
        assertTrue(err.toString().contains("many"), err.toString());
        assertEquals(2, run("--out", "z.pcap"));
        assertTrue(err.toString().contains("--labels"), err.toString());
    }

    @Test
    void unwritableOutputIsNamed() {
        Path missing = dir.resolve("no-such-dir").resolve("x.pcap");
        CommandLine cl = new CommandLine(new SynthCommand());
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println(ex.getMessage());
            return 1;
        });
        assertEquals(1, cl.execute("--out", missing.toString(), "--labels", dir.resolve("x.csv").toString(),
                "--minutes", "1", "--hosts", "1"));
        assertTrue(err.toString().contains("cannot create " + missing), err.toString());
    }

    @Test
    void configRejectsBadValuesInCode() {
        SynthConfig.Builder b = SynthConfig.builder().out(dir.resolve("a.pcap")).labels(dir.resolve("a.csv"));
        assertThrows(IllegalArgumentException.class, () -> SynthConfig.builder().labels(dir.resolve("a")).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.hosts(5001).build());
        assertTrue(e.getMessage().contains("hosts 5001"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SynthConfig.builder().out(dir.resolve("s"))
                .labels(dir.resolve("s")).build());
        assertTrue(e.getMessage().contains("same file"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.hosts(5).snaplen(10).build());
        assertTrue(e.getMessage().contains("snaplen 10"), e.getMessage());
        assertEquals(AttackKind.values().length, AttackKind.parseList("all").size());
        assertEquals(0, AttackKind.parseList("none").size());
        assertEquals(2, AttackKind.parseList(" syn-flood , dns_tunnel").size());
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
