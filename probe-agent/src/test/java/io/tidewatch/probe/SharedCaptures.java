package io.tidewatch.probe;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The shared evaluation captures and the external tools tests compare against; absent means skip. */
final class SharedCaptures {

    private SharedCaptures() {
    }

    static List<Path> pcaps() throws IOException {
        String root = System.getProperty("tidewatch.shared.data");
        assumeTrue(root != null, "system property tidewatch.shared.data is not set");
        Path dir = Path.of(root, "pcap");
        assumeTrue(Files.isDirectory(dir), "shared captures not present at " + dir);
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList());
            assumeTrue(!files.isEmpty(), "no .pcap files in " + dir);
            return files;
        }
    }

    static void assumeTool(String tool) {
        boolean ok;
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        assumeTrue(ok, tool + " is not installed");
    }

    /** Runs a tool and returns its standard output; fails the test if it exits non-zero. */
    static String run(String... command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("tool", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + Files.readString(err));
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
