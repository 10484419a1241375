package io.tidewatch.localstack.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, run once per call on a page (a file or a local URL) with a throw-away profile and
 * everything that would reach the network on its own turned off: how the demo report and the streams app's
 * dashboard are checked in a real browser. {@link #find()} is empty where Chromium is not installed, so callers
 * can skip.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Where Debian installs it. */
    public static final Path DEFAULT = Paths.get("/usr/bin/chromium");

    private final Path executable;
    private final Path profile;
    private final Path log;

    private HeadlessChromium(Path executable, Path logDir) throws IOException {
        this.executable = executable;
        Files.createDirectories(logDir);
        this.profile = Files.createTempDirectory("tidewatch-chromium-");
        this.log = logDir.resolve("chromium.log");
    }

    /** The browser at {@link #DEFAULT}, writing its own output to {@code logDir}/chromium.log; empty if absent. */
    public static Optional<HeadlessChromium> find(Path logDir) {
        if (!Files.isExecutable(DEFAULT)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new HeadlessChromium(DEFAULT, logDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a Chromium profile: " + e.getMessage(), e);
        }
    }

    /** The DOM after the page's scripts ran for up to {@code virtualTimeMs} of virtual time. */
    public String dumpDom(String url, int virtualTimeMs) throws IOException, InterruptedException {
        return run(url, List.of("--virtual-time-budget=" + virtualTimeMs, "--dump-dom"));
    }

    /**
     * Runs the browser on {@code url} with the common flags plus {@code flags}; returns its standard output.
     * Fails with the log's location when it exits non-zero or takes more than 90 s.
     */
    public String run(String url, List<String> flags) throws IOException, InterruptedException {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url='" + url + "': expected a file: or http: URL to open");
        }
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile));
        command.addAll(flags);
        command.add(url);
        Path stdout = Files.createTempFile(log.getParent(), "chromium-", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IOException("Chromium did not finish within 90 s; see " + log.toAbsolutePath());
            }
            if (p.exitValue() != 0) {
                throw new IOException("Chromium exited with " + p.exitValue() + "; see " + log.toAbsolutePath());
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(stdout);
        }
    }

    /** Deletes the profile. */
    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
