package io.tidewatch.cli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a labels CSV in the synthesizer's format: a header naming at least {@code community_id, src_ip, dst_ip,
 * first_ts, last_ts, label, attack} (in any order; other columns are ignored), times in epoch seconds with a
 * fraction, label 1 for attack traffic and 0 for benign. Rows that do not parse are counted and skipped.
 */
public final class LabelsCsv {

    static final List<String> REQUIRED = List.of("community_id", "src_ip", "dst_ip", "first_ts", "last_ts", "label",
            "attack");

    private final List<LabelRow> rows;
    private final long badRows;

    private LabelsCsv(List<LabelRow> rows, long badRows) {
        this.rows = List.copyOf(rows);
        this.badRows = badRows;
    }

    /** Reads {@code file}; fails with a message naming the file when it is missing or its header lacks a column. */
    public static LabelsCsv read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("labels " + file + ": not found or not a regular file (expected a CSV "
                    + "with the columns " + String.join(",", REQUIRED) + ")");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new IllegalArgumentException("labels " + file + ": empty file (expected a header line with "
                        + String.join(",", REQUIRED) + ")");
            }
            List<String> names = Arrays.stream(header.split(",", -1)).map(s -> s.strip().toLowerCase(Locale.ROOT))
                    .toList();
            int[] at = new int[REQUIRED.size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = names.indexOf(REQUIRED.get(i));
                if (at[i] < 0) {
                    throw new IllegalArgumentException("labels " + file + ": the header has no column '"
                            + REQUIRED.get(i) + "' (expected " + String.join(",", REQUIRED) + ", got " + header + ")");
                }
            }
            List<LabelRow> rows = new ArrayList<>();
            long bad = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                try {
                    String label = f[at[5]].strip();
                    if (!label.equals("0") && !label.equals("1")) {
                        throw new IllegalArgumentException("label " + label);
                    }
                    rows.add(new LabelRow(f[at[0]].strip(), f[at[1]].strip(), f[at[2]].strip(), nanos(f[at[3]]),
                            nanos(f[at[4]]), label.equals("1"), f[at[6]].strip()));
                } catch (RuntimeException e) {
                    bad++;
                }
            }
            return new LabelsCsv(rows, bad);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read labels " + file + ": " + e.getMessage(), e);
        }
    }

    /** Epoch seconds with up to nine fraction digits, exactly, as ns. */
    static long nanos(String seconds) {
        return new BigDecimal(seconds.strip()).movePointRight(9).longValueExact();
    }

    public List<LabelRow> rows() {
        return rows;
    }

    /** Rows that did not parse and were skipped. */
    public long badRows() {
        return badRows;
    }
}
