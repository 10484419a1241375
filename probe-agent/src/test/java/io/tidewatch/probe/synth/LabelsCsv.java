package io.tidewatch.probe.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the labels CSV the synthesizer writes (no quoting is ever needed in it). */
final class LabelsCsv {
    private LabelsCsv() {
    }

    static List<String[]> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        assertEquals(LabelWriter.HEADER, lines.get(0));
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] r = line.split(",", -1);
            assertEquals(12, r.length, line);
            rows.add(r);
        }
        return rows;
    }
}
