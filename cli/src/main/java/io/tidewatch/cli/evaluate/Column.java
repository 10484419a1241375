package io.tidewatch.cli.evaluate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One CSV column as it is read: numbers are kept as doubles, anything else is dictionary-coded, so a column is
 * numeric exactly when no value failed to parse. Empty fields and {@code ?} are missing (NaN) in numeric columns.
 */
final class Column {

    final String name;
    private double[] numbers = new double[1024];
    /** -1 where the value was a number; else the code of the string in {@link #dictionary}. */
    private int[] codes = new int[1024];
    private final Map<String, Integer> dictionary = new LinkedHashMap<>();
    private int size;

    Column(String name) {
        this.name = name;
    }

    void add(String value) {
        if (size == numbers.length) {
            numbers = Arrays.copyOf(numbers, size * 2);
            codes = Arrays.copyOf(codes, size * 2);
        }
        double d = parse(value);
        if (Double.isNaN(d) && !isMissing(value)) {
            codes[size] = dictionary.computeIfAbsent(value, k -> dictionary.size());
        } else {
            codes[size] = -1;
            numbers[size] = d;
        }
        size++;
    }

    static boolean isMissing(String value) {
        return value.isEmpty() || value.equals("?");
    }

    private static double parse(String value) {
        if (value.isEmpty()) {
            return Double.NaN;
        }
        char c = value.charAt(0);
        // Skip the exception path for plainly non-numeric tokens (tcp, http, normal): it is slow.
        if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.') {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    int size() {
        return size;
    }

    boolean isNumeric() {
        return dictionary.isEmpty();
    }

    double number(int row) {
        return numbers[row];
    }

    /** The value as text: the string itself, or for a number its canonical decimal form. */
    String text(int row) {
        int code = codes[row];
        if (code >= 0) {
            return dictionaryKey(code);
        }
        double d = numbers[row];
        return Double.isNaN(d) ? "?" : d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
                : Double.toString(d);
    }

    private String[] keys;

    private String dictionaryKey(int code) {
        if (keys == null || keys.length != dictionary.size()) {
            keys = dictionary.keySet().toArray(new String[0]);
        }
        return keys[code];
    }
}
