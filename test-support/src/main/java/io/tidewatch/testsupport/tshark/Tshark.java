package io.tidewatch.testsupport.tshark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The real tshark: raw runs, and per-packet fields as rows. */
public final class Tshark {

    private Tshark() {
    }

    public static boolean installed() {
        return WiresharkTool.installed("tshark");
    }

    /** Skips the calling test when tshark is not installed. */
    public static void assumeInstalled() {
        WiresharkTool.assumeInstalled("tshark");
    }

    /** Runs tshark with {@code args}; returns stdout, failing the test with the command and stderr on an error. */
    public static String run(String... args) throws IOException, InterruptedException {
        return WiresharkTool.run("tshark", args);
    }

    /**
     * The first occurrence of each of {@code fields} in every packet of {@code capture} that passes
     * {@code displayFilter} ({@code null} for all): one row a packet, one value a field, {@code ""} where the
     * packet has no such field. Names are never resolved (-n), so addresses and ports stay numbers.
     */
    public static List<String[]> fields(Path capture, String displayFilter, List<String> fields)
            throws IOException, InterruptedException {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("tshark fields: expected at least one field name, got none");
        }
        List<String> args = new ArrayList<>(List.of("-n", "-r", capture.toString(), "-T", "fields",
                "-E", "separator=/t", "-E", "occurrence=f"));
        if (displayFilter != null) {
            args.add("-Y");
            args.add(displayFilter);
        }
        for (String f : fields) {
            args.add("-e");
            args.add(f);
        }
        List<String[]> rows = new ArrayList<>();
        // lines(), not split: no output is no rows, and a packet with none of one field is an empty line, a row.
        for (String line : run(args.toArray(String[]::new)).lines().toList()) {
            String[] row = new String[fields.size()];
            Arrays.fill(row, "");
            String[] values = line.split("\t", -1);
            System.arraycopy(values, 0, row, 0, Math.min(values.length, row.length));
            rows.add(row);
        }
        return rows;
    }
}
