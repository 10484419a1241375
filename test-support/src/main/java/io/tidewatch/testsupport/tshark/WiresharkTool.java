package io.tidewatch.testsupport.tshark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of Wireshark's command-line tools; output goes through files so a chatty stderr cannot block it. */
final class WiresharkTool {

    private static final long TIMEOUT_MINUTES = 5;

    private WiresharkTool() {
    }

    static boolean installed(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void assumeInstalled(String tool) {
        assumeTrue(installed(tool), tool + " is not installed");
    }

    /** Runs {@code tool args}; returns stdout, failing the test with the command and stderr on a non-zero exit. */
    static String run(String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool);
        cmd.addAll(List.of(args));
        Path stdout = Files.createTempFile(tool, ".out");
        Path stderr = Files.createTempFile(tool, ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(tool + " did not finish in " + TIMEOUT_MINUTES + " min: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(tool + " exit " + p.exitValue() + " for " + cmd + ": "
                        + Files.readString(stderr, StandardCharsets.UTF_8).strip());
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
