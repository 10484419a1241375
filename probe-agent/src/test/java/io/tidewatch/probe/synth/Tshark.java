package io.tidewatch.probe.synth;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real tshark as the oracle; tests using it skip when it is not installed. */
final class Tshark {
    private Tshark() {
    }

    static void assumeInstalled() {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            found |= Files.isExecutable(Path.of(dir, "tshark"));
        }
        assumeTrue(found, "tshark is not installed");
    }

    /** Runs tshark with {@code args}; returns stdout, failing on a non-zero exit. */
    static String run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("tshark");
        cmd.addAll(List.of(args));
        Path stdout = Files.createTempFile(workDir, "tshark", ".out");
        Path stderr = Files.createTempFile(workDir, "tshark", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("tshark did not finish: " + cmd);
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError("tshark exit " + p.exitValue() + " for " + cmd + ": "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        Files.delete(stdout);
        Files.delete(stderr);
        return out;
    }
}
