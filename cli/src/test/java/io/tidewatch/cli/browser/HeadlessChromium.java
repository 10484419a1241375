package io.tidewatch.cli.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Test support: a page opened in a real browser, Debian's headless Chromium found on the PATH, with a throw-away
 * profile. Tests that need it skip (with {@code assumeTrue(HeadlessChromium.installed().isPresent())}) where it is
 * not installed. Chromium's own chatter goes to {@code chromium.log} in the given folder.
 */
public final class HeadlessChromium implements AutoCloseable {

    private final Path binary;
    private final Path workDir;
    private final Path profile;

    private HeadlessChromium(Path binary, Path workDir) throws IOException {
        this.binary = binary;
        this.workDir = workDir;
        Files.createDirectories(workDir);
        this.profile = Files.createTempDirectory("tidewatch-chromium-");
    }

    /** The Chromium executable on the PATH ({@code chromium} or {@code chromium-browser}), if any. */
    public static Optional<Path> installed() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** A browser writing its log and temporary files into {@code workDir}; fails if Chromium is not installed. */
    public static HeadlessChromium open(Path workDir) throws IOException {
        return new HeadlessChromium(installed().orElseThrow(
                () -> new IllegalStateException("Chromium is not installed (no chromium on the PATH)")), workDir);
    }

    /** The page's DOM after its scripts ran. */
    public String dumpDom(Path page) throws IOException, InterruptedException {
        return run(page, "--dump-dom");
    }

    /** A {@code width} x {@code height} screenshot of the page, as a PNG at {@code png}. */
    public void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run(page, "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath());
    }

    /** Runs Chromium headless on {@code page} with extra flags; returns its standard output. */
    public String run(Path page, String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
        command.addAll(List.of(flags));
        command.add(page.toAbsolutePath().toUri().toString());
        Path stdout = Files.createTempFile(workDir, "chromium-", ".out");
        Path stderr = workDir.resolve("chromium.log");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile())).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("Chromium did not finish within 90 s; see " + stderr.toAbsolutePath());
        }
        assertEquals(0, p.exitValue(), "Chromium failed; see " + stderr.toAbsolutePath());
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        Files.delete(stdout);
        return out;
    }

    /** The start of the page's body, for assertion messages. */
    public static String head(String dom) {
        int body = dom.indexOf("<body");
        return body < 0 ? dom.substring(0, Math.min(400, dom.length())) : dom.substring(body,
                Math.min(dom.length(), body + 200));
    }

    /** Removes the profile. */
    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
