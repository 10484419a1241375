package io.tidewatch.learners.tree;

import java.util.SplittableRandom;

/** Test-only synthetic streams with a known concept and an abrupt change. */
public final class SyntheticStreams {

    public final double[][] x;
    public final int[] y;

    private SyntheticStreams(double[][] x, int[] y) {
        this.x = x;
        this.y = y;
    }

    /**
     * Four uniform features; the class is {@code x0 + x1 > 1} until {@code changeAt}, then the opposite
     * ({@code x0 + x1 <= 1}): every rule learned before the change is wrong after it. 5% label noise.
     */
    public static SyntheticStreams abruptFlip(int n, int changeAt, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = r.nextDouble();
            }
            boolean above = x[i][0] + x[i][1] > 1;
            int label = i < changeAt ? (above ? 1 : 0) : (above ? 0 : 1);
            if (r.nextDouble() < 0.05) {
                label = 1 - label;
            }
            y[i] = label;
        }
        return new SyntheticStreams(x, y);
    }
}
