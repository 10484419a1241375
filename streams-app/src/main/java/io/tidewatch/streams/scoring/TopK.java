package io.tidewatch.streams.scoring;

/**
 * The positions of the {@code k} largest values of an array, largest first, in the order a stable sort by
 * {@link Double#compare} (descending) would give them: equal values keep their index order, and NaN counts as
 * larger than everything, as it does there. An explanation names 3 to 5 of some 190 features; keeping the best few
 * while reading the array once costs a fraction of sorting all of them.
 */
final class TopK {

    private TopK() {
    }

    /** Indices of the {@code min(k, values.length)} largest values; empty for {@code k <= 0}. */
    static int[] indices(double[] values, int k) {
        if (values == null) {
            throw new IllegalArgumentException("top k: expected values, got null");
        }
        int size = Math.max(0, Math.min(k, values.length));
        int[] top = new int[size];
        int filled = 0;
        for (int i = 0; i < values.length && size > 0; i++) {
            double v = values[i];
            // Only a value strictly larger than the last kept one enters a full list: an equal one comes later
            // in index order, so a stable sort would also have put it after.
            if (filled == size && Double.compare(v, values[top[size - 1]]) <= 0) {
                continue;
            }
            int pos = filled < size ? filled++ : size - 1;
            while (pos > 0 && Double.compare(v, values[top[pos - 1]]) > 0) {
                top[pos] = top[pos - 1];
                pos--;
            }
            top[pos] = i;
        }
        return top;
    }
}
