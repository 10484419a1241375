package io.tidewatch.learners.tree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test-only reader of an all-numeric CSV with a header row and an integer class column. */
public final class TabularCsv {

    public final double[][] x;
    public final int[] y;
    public final int numClasses;

    private TabularCsv(double[][] x, int[] y, int numClasses) {
        this.x = x;
        this.y = y;
        this.numClasses = numClasses;
    }

    public int numFeatures() {
        return x[0].length;
    }

    public static TabularCsv read(Path file, String target) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",");
        int t = Arrays.asList(header).indexOf(target);
        if (t < 0) {
            throw new IllegalArgumentException("no column " + target + " in " + file);
        }
        List<double[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        int maxClass = 0;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",");
            double[] row = new double[cells.length - 1];
            int k = 0;
            for (int j = 0; j < cells.length; j++) {
                if (j == t) {
                    int c = (int) Double.parseDouble(cells[j]);
                    ys.add(c);
                    maxClass = Math.max(maxClass, c);
                } else {
                    row[k++] = Double.parseDouble(cells[j]);
                }
            }
            xs.add(row);
        }
        return new TabularCsv(xs.toArray(new double[0][]), ys.stream().mapToInt(Integer::intValue).toArray(),
                Math.max(2, maxClass + 1));
    }

    /** The shared elec.csv, or null when the shared data folder is absent. */
    public static Path elec() {
        String root = System.getProperty("tidewatch.shared.data");
        if (root == null) {
            return null;
        }
        Path p = Path.of(root, "tabular", "elec.csv");
        return Files.isRegularFile(p) ? p : null;
    }
}
