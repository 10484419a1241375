package io.tidewatch.learners.anomaly;

import io.tidewatch.learners.transform.FeatureHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Test loader for NSL-KDD (KDDTrain+_20Percent then KDDTest+): 38 numeric columns as they are, the three
 * categorical ones (protocol, service, flag) hashed into {@value #BUCKETS} signed buckets, label {@code normal}
 * versus any attack, difficulty column dropped.
 */
final class NslKdd {

    static final int BUCKETS = 16;
    static final int FEATURES = 38 + BUCKETS;

    final double[][] x;
    final boolean[] attack;

    private NslKdd(double[][] x, boolean[] attack) {
        this.x = x;
        this.attack = attack;
    }

    static Path dataDir() {
        String dir = System.getProperty("tidewatch.shared.data");
        Assumptions.assumeTrue(dir != null, "tidewatch.shared.data not set");
        Path tabular = Path.of(dir, "tabular");
        Assumptions.assumeTrue(Files.isReadable(tabular.resolve("KDDTrain+_20Percent.txt"))
                && Files.isReadable(tabular.resolve("KDDTest+.txt")), "NSL-KDD files absent");
        return tabular;
    }

    /** Train 20% then test, in file order; skips the test when the data folder is absent. */
    static NslKdd trainThenTest() throws IOException {
        Path dir = dataDir();
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("KDDTrain+_20Percent.txt")));
        lines.addAll(Files.readAllLines(dir.resolve("KDDTest+.txt")));
        FeatureHasher hasher = new FeatureHasher(BUCKETS, 7);
        List<double[]> rows = new ArrayList<>(lines.size());
        List<Boolean> labels = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] c = line.split(",");
            if (c.length != 43) {
                throw new IllegalStateException("NSL-KDD line with " + c.length + " columns, expected 43");
            }
            double[] row = new double[FEATURES];
            int k = 0;
            for (int i = 0; i < 41; i++) {
                if (i >= 1 && i <= 3) {
                    continue;
                }
                row[k++] = Double.parseDouble(c[i]);
            }
            double[] hashed = hasher.transform(new String[] {c[1], c[2], c[3]});
            System.arraycopy(hashed, 0, row, k, BUCKETS);
            rows.add(row);
            labels.add(!c[41].equals("normal"));
        }
        boolean[] attack = new boolean[labels.size()];
        for (int i = 0; i < attack.length; i++) {
            attack[i] = labels.get(i);
        }
        return new NslKdd(rows.toArray(new double[0][]), attack);
    }
}
