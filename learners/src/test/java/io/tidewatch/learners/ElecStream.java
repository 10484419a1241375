package io.tidewatch.learners;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shared elec.csv stream (6 numeric features, class 0/1) for tests; they skip when the data is absent. */
public final class ElecStream {

    public final double[][] x;
    public final int[] y;

    private ElecStream(double[][] x, int[] y) {
        this.x = x;
        this.y = y;
    }

    /** Loads elec.csv, or skips the calling test when the shared data folder is not there. */
    public static ElecStream loadOrSkip() throws IOException {
        String root = System.getProperty("tidewatch.shared.data");
        assumeTrue(root != null, "tidewatch.shared.data not set");
        Path file = Path.of(root, "tabular", "elec.csv");
        assumeTrue(Files.isRegularFile(file), "shared data absent: " + file);
        List<String> lines = Files.readAllLines(file);
        int n = lines.size() - 1;
        double[][] x = new double[n][6];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            for (int j = 0; j < 6; j++) {
                x[i][j] = Double.parseDouble(f[j]);
            }
            y[i] = Integer.parseInt(f[6]);
        }
        return new ElecStream(x, y);
    }
}
