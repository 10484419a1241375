package io.tidewatch.cli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns: numbers right, text left. A column given a maximum width cuts longer
 * cells with an ellipsis, so one long host name cannot push the table past the terminal's edge.
 */
final class TextTable {

    private static final java.util.regex.Pattern CONTROL =
            java.util.regex.Pattern.compile("[\\p{Cntrl}\\u0080-\\u009f\\u202a-\\u202e\\u2066-\\u2069]");

    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> rightAligned = new ArrayList<>();
    private final List<Integer> maxWidths = new ArrayList<>();
    /** Each row is either cells, or a single full-width note (a null marks the latter in {@link #notes}). */
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    TextTable left(String header, int maxWidth) {
        return column(header, false, maxWidth);
    }

    TextTable right(String header) {
        return column(header, true, Integer.MAX_VALUE);
    }

    private TextTable column(String header, boolean right, int maxWidth) {
        headers.add(header);
        rightAligned.add(right);
        maxWidths.add(maxWidth);
        return this;
    }

    void row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells: expected " + headers.size());
        }
        rows.add(cells.clone());
        notes.add(null);
    }

    /** A line under the previous row, indented and cut to {@code width}. */
    void note(String text) {
        rows.add(null);
        notes.add(text);
    }

    String render(String indent, int width) {
        int n = headers.size();
        int[] w = new int[n];
        for (int c = 0; c < n; c++) {
            w[c] = headers.get(c).length();
        }
        for (String[] r : rows) {
            if (r != null) {
                for (int c = 0; c < n; c++) {
                    w[c] = Math.max(w[c], Math.min(maxWidths.get(c), r[c].length()));
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, indent, headers.toArray(new String[0]), w);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) != null) {
                line(sb, indent, rows.get(i), w);
            } else {
                sb.append(fit(indent + "    " + notes.get(i), width)).append('\n');
            }
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, String indent, String[] cells, int[] w) {
        StringBuilder l = new StringBuilder(indent);
        for (int c = 0; c < cells.length; c++) {
            String cell = fit(cells[c], w[c]);
            if (c > 0) {
                l.append("  ");
            }
            String pad = " ".repeat(w[c] - cell.length());
            l.append(rightAligned.get(c) ? pad + cell : cell + pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    /**
     * Cuts {@code s} to {@code width} characters, marking the cut with an ellipsis. Control characters (C0, C1) and
     * bidirectional overrides become spaces first: data such as reasons can be attacker-influenced, and an escape
     * sequence must not reach the terminal.
     */
    static String fit(String s, int width) {
        String oneLine = CONTROL.matcher(s).replaceAll(" ");
        return oneLine.length() <= width ? oneLine : oneLine.substring(0, Math.max(0, width - 1)) + "…";
    }
}
