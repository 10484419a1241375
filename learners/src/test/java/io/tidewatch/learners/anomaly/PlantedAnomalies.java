package io.tidewatch.learners.anomaly;

import java.util.Random;

/**
 * Synthetic stream: normal records from a correlated Gaussian (a few latent factors mixed into d features) with
 * planted anomalies that break the correlation or sit far out, at a given rate. Seeded, so tests are exact.
 */
final class PlantedAnomalies {

    final double[][] x;
    final boolean[] anomaly;

    PlantedAnomalies(int n, int d, double rate, long seed) {
        Random rng = new Random(seed);
        double[][] mix = new double[3][d];
        for (double[] row : mix) {
            for (int j = 0; j < d; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        x = new double[n][d];
        anomaly = new boolean[n];
        for (int i = 0; i < n; i++) {
            double[] latent = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
            boolean planted = i > n / 10 && rng.nextDouble() < rate;
            anomaly[i] = planted;
            for (int j = 0; j < d; j++) {
                double v = 0.1 * rng.nextGaussian();
                for (int f = 0; f < 3; f++) {
                    v += latent[f] * mix[f][j];
                }
                x[i][j] = v;
            }
            if (planted) {
                if (rng.nextBoolean()) {
                    // Out in the tails along every feature.
                    for (int j = 0; j < d; j++) {
                        x[i][j] += (rng.nextBoolean() ? 1 : -1) * (4 + 2 * rng.nextDouble());
                    }
                } else {
                    // Plausible marginals, broken correlation: independent draws.
                    for (int j = 0; j < d; j++) {
                        x[i][j] = 2.5 * rng.nextGaussian();
                    }
                }
            }
        }
    }
}
