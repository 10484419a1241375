package io.tidewatch.testsupport.shareddata;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real evaluation captures, found through the system property {@code tidewatch.shared.data} that the root
 * POM sets for every test run. A user's clone has no shared data: the calling test is skipped, never failed.
 */
public final class SharedCaptures {

    public static final String PROPERTY = "tidewatch.shared.data";

    private SharedCaptures() {
    }

    /** The shared {@code .pcap} files, sorted by name; skips the calling test when there are none. */
    public static List<Path> pcaps() throws IOException {
        String root = System.getProperty(PROPERTY);
        assumeTrue(root != null, "system property " + PROPERTY + " is not set");
        Path dir = Path.of(root, "pcap");
        assumeTrue(Files.isDirectory(dir), "shared captures not present at " + dir);
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
            assumeTrue(!files.isEmpty(), "no .pcap files in " + dir);
            return files;
        }
    }

    /** The shared capture named {@code fileName}; skips the calling test when it is not there. */
    public static Path named(String fileName) throws IOException {
        Path pcap = pcaps().stream().filter(p -> p.getFileName().toString().equals(fileName)).findFirst()
                .orElse(null);
        assumeTrue(pcap != null, "shared capture " + fileName + " not present");
        return pcap;
    }

    /** The shared capture whose file name starts with {@code prefix}, else the first one; skips as {@link #pcaps}. */
    public static Path pcap(String prefix) throws IOException {
        List<Path> all = pcaps();
        return all.stream().filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                .orElse(all.get(0));
    }
}
