package io.tidewatch.cli.evaluate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A labelled stream read from one or more CSV files (in order) and encoded as dense feature arrays, so that the
 * learners can later be timed without the parse. Numeric columns are one feature each; text columns are one-hot
 * when they have at most {@code maxOneHot} distinct values, else hashed one-hot into {@code hashBuckets} slots.
 * The encoding is chosen after the read (the file is read once and kept in memory), which is what lets a column
 * be typed by all of its values.
 */
final class Dataset {

    final double[][] x;
    final int[] y;
    final String[] classNames;
    final List<String> featureNames;
    final String targetName;

    private Dataset(double[][] x, int[] y, String[] classNames, List<String> featureNames, String targetName) {
        this.x = x;
        this.y = y;
        this.classNames = classNames;
        this.featureNames = featureNames;
        this.targetName = targetName;
    }

    int size() {
        return y.length;
    }

    int numFeatures() {
        return featureNames.size();
    }

    int numClasses() {
        return classNames.length;
    }

    /** How to read and encode the files. */
    static final class Spec {
        List<Path> files = List.of();
        boolean header = true;
        String target;
        List<String> ignore = List.of();
        String positive;
        String negative;
        int maxOneHot = 100;
        int hashBuckets = 64;
    }

    static Dataset load(Spec spec) throws IOException {
        if (spec.files.isEmpty()) {
            throw new IllegalArgumentException("--data: expected at least one CSV file");
        }
        if (spec.positive != null && spec.negative != null) {
            throw new IllegalArgumentException("--positive '" + spec.positive + "' and --negative '" + spec.negative
                    + "': expected at most one of them");
        }
        if (spec.maxOneHot < 0) {
            throw new IllegalArgumentException("--max-one-hot " + spec.maxOneHot + ": expected >= 0");
        }
        if (spec.hashBuckets < 1) {
            throw new IllegalArgumentException("--hash-buckets " + spec.hashBuckets + ": expected at least 1");
        }
        String[] names = null;
        Column[] columns = null;
        int target = -1;
        Set<Integer> ignored = new HashSet<>();
        for (Path file : spec.files) {
            try (CsvReader reader = new CsvReader(file)) {
                String[] first = reader.next();
                if (first == null) {
                    throw new IllegalArgumentException("data file '" + file + "': empty");
                }
                if (names == null) {
                    names = spec.header ? first : indexNames(first.length);
                    columns = new Column[names.length];
                    for (int c = 0; c < names.length; c++) {
                        columns[c] = new Column(names[c]);
                    }
                    // Column names are checked on the header, before a long read.
                    target = resolve(spec.target, "--target", names, spec.header);
                    for (String ig : spec.ignore) {
                        int c = resolve(ig, "--ignore", names, spec.header);
                        if (c == target) {
                            throw new IllegalArgumentException("--ignore " + ig + ": that is the target column");
                        }
                        ignored.add(c);
                    }
                } else if (spec.header && !Arrays.equals(names, first)) {
                    throw new IllegalArgumentException("data file '" + file + "': header " + Arrays.toString(first)
                            + " differs from the first file's " + Arrays.toString(names));
                }
                String[] row = spec.header ? reader.next() : first;
                while (row != null) {
                    if (row.length != names.length) {
                        throw new IllegalArgumentException(reader.position() + ": ragged row, expected "
                                + names.length + " fields, got " + row.length);
                    }
                    for (int c = 0; c < row.length; c++) {
                        columns[c].add(row[c]);
                    }
                    row = reader.next();
                }
            }
        }
        int rows = columns[0].size();
        if (rows == 0) {
            throw new IllegalArgumentException("--data " + spec.files + ": no data rows");
        }

        Column tc = columns[target];
        int[] y = new int[rows];
        String[] classNames = encodeTarget(tc, spec, y);

        List<String> featureNames = new ArrayList<>();
        List<Column> used = new ArrayList<>();
        List<Map<String, Integer>> oneHot = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            if (c == target || ignored.contains(c)) {
                continue;
            }
            Column col = columns[c];
            used.add(col);
            offsets.add(featureNames.size());
            if (col.isNumeric()) {
                oneHot.add(null);
                featureNames.add(col.name);
                continue;
            }
            Map<String, Integer> levels = new LinkedHashMap<>();
            for (int r = 0; r < rows && levels.size() <= spec.maxOneHot; r++) {
                levels.putIfAbsent(col.text(r), levels.size());
            }
            if (levels.size() <= spec.maxOneHot) {
                oneHot.add(levels);
                for (String level : levels.keySet()) {
                    featureNames.add(col.name + "=" + level);
                }
            } else {
                oneHot.add(Map.of());
                for (int b = 0; b < spec.hashBuckets; b++) {
                    featureNames.add(col.name + "#" + b);
                }
            }
        }
        int dims = featureNames.size();
        if (dims == 0) {
            throw new IllegalArgumentException("--data: no feature columns left besides the target");
        }
        double[][] x = new double[rows][dims];
        for (int k = 0; k < used.size(); k++) {
            Column col = used.get(k);
            int offset = offsets.get(k);
            Map<String, Integer> levels = oneHot.get(k);
            for (int r = 0; r < rows; r++) {
                if (levels == null) {
                    x[r][offset] = col.number(r);
                } else if (levels.isEmpty()) {
                    x[r][offset + bucket(col.text(r), spec.hashBuckets)] = 1;
                } else {
                    x[r][offset + levels.get(col.text(r))] = 1;
                }
            }
        }
        return new Dataset(x, y, classNames, List.copyOf(featureNames), names[target]);
    }

    private static String[] indexNames(int n) {
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = Integer.toString(i);
        }
        return names;
    }

    /** A column by header name, or by 0-based index when the files have no header. */
    private static int resolve(String column, String option, String[] names, boolean header) {
        if (column == null) {
            throw new IllegalArgumentException(option + ": a column is required");
        }
        if (header) {
            for (int c = 0; c < names.length; c++) {
                if (names[c].equals(column)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(option + " '" + column + "': no such column; columns: "
                    + Arrays.toString(names));
        }
        try {
            int c = Integer.parseInt(column);
            if (c >= 0 && c < names.length) {
                return c;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " '" + column + "': with --no-header expected a column index 0.."
                + (names.length - 1));
    }

    private static String[] encodeTarget(Column tc, Spec spec, int[] y) {
        int rows = y.length;
        String chosen = spec.positive != null ? spec.positive : spec.negative;
        if (chosen != null) {
            boolean seen = false;
            for (int r = 0; r < rows; r++) {
                boolean match = tc.text(r).equals(chosen);
                seen |= match;
                y[r] = (match == (spec.positive != null)) ? 1 : 0;
            }
            if (!seen) {
                throw new IllegalArgumentException((spec.positive != null ? "--positive '" : "--negative '") + chosen
                        + "': the value never occurs in target column '" + tc.name + "'");
            }
            return spec.positive != null ? new String[] {"not " + chosen, chosen}
                    : new String[] {chosen, "not " + chosen};
        }
        Map<String, Integer> distinct = new HashMap<>();
        for (int r = 0; r < rows; r++) {
            distinct.putIfAbsent(tc.text(r), distinct.size());
        }
        if (distinct.size() < 2) {
            throw new IllegalArgumentException("--target '" + tc.name + "': expected at least 2 classes, found "
                    + distinct.keySet());
        }
        if (distinct.size() > 10_000) {
            throw new IllegalArgumentException("--target '" + tc.name + "': " + distinct.size()
                    + " distinct values; expected a class label, not a continuous value");
        }
        String[] classes = distinct.keySet().toArray(new String[0]);
        // Stable class indices: numeric labels in numeric order (0 before 1), text labels alphabetically.
        Arrays.sort(classes, tc.isNumeric() && !distinct.containsKey("?") ? Comparator.comparingDouble(Double::parseDouble)
                : Comparator.naturalOrder());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.length; i++) {
            index.put(classes[i], i);
        }
        for (int r = 0; r < rows; r++) {
            y[r] = index.get(tc.text(r));
        }
        return classes;
    }

    /** A stable bucket (String.hashCode is specified) spread by a murmur3 finaliser so nearby codes scatter. */
    static int bucket(String value, int buckets) {
        int h = value.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, buckets);
    }
}
