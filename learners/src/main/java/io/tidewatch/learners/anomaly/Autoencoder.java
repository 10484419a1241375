package io.tidewatch.learners.anomaly;

import io.tidewatch.learners.codec.BodyArrays;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

/**
 * One small denoising-free autoencoder as KitNET's {@code dA}: one sigmoid hidden layer of
 * {@code ceil(ratio * visible)} units, tied weights, inputs min-max normalized with the bounds seen so far, trained
 * by one step of SGD per record. Its reconstruction RMSE is what the ensemble reads.
 */
final class Autoencoder {

    private final int visible;
    private final int hidden;
    private final double learningRate;
    private final double[] weight;
    private final double[] hiddenBias;
    private final double[] visibleBias;
    private final double[] min;
    private final double[] max;
    private long trained;
    // Scratch buffers, reused so scoring does not allocate per record.
    private final double[] input;
    private final double[] code;
    private final double[] output;
    private final double[] error;

    Autoencoder(int visible, double ratio, double learningRate, Random rng) {
        this(visible, Math.max(1, (int) Math.ceil(visible * ratio)), learningRate, rng);
    }

    private Autoencoder(int visible, int hidden, double learningRate, Random rng) {
        this.visible = visible;
        this.hidden = hidden;
        this.learningRate = learningRate;
        this.weight = new double[visible * hidden];
        double a = 1.0 / visible;
        if (rng != null) {
            for (int i = 0; i < weight.length; i++) {
                weight[i] = -a + 2 * a * rng.nextDouble();
            }
        }
        this.hiddenBias = new double[hidden];
        this.visibleBias = new double[visible];
        this.min = new double[visible];
        this.max = new double[visible];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        this.input = new double[visible];
        this.code = new double[hidden];
        this.output = new double[visible];
        this.error = new double[hidden];
    }

    int visible() {
        return visible;
    }

    /** Reconstruction RMSE of {@code x[at[i]]} under the current weights; 0 before any training. */
    double execute(double[] x, int[] at) {
        if (trained == 0) {
            return 0.0;
        }
        normalize(x, at);
        return reconstruct();
    }

    /** Updates the bounds, then one SGD step; returns the RMSE before the step, as KitNET does. */
    double train(double[] x, int[] at) {
        for (int i = 0; i < visible; i++) {
            double v = at == null ? x[i] : x[at[i]];
            if (v < min[i]) {
                min[i] = v;
            }
            if (v > max[i]) {
                max[i] = v;
            }
        }
        trained++;
        normalize(x, at);
        double rmse = reconstruct();
        for (int h = 0; h < hidden; h++) {
            double back = 0;
            for (int v = 0; v < visible; v++) {
                back += (input[v] - output[v]) * weight[v * hidden + h];
            }
            error[h] = back * code[h] * (1 - code[h]);
        }
        for (int v = 0; v < visible; v++) {
            double outErr = input[v] - output[v];
            int row = v * hidden;
            for (int h = 0; h < hidden; h++) {
                weight[row + h] += learningRate * (input[v] * error[h] + outErr * code[h]);
            }
            visibleBias[v] += learningRate * outErr;
        }
        for (int h = 0; h < hidden; h++) {
            hiddenBias[h] += learningRate * error[h];
        }
        return rmse;
    }

    private void normalize(double[] x, int[] at) {
        for (int i = 0; i < visible; i++) {
            double v = at == null ? x[i] : x[at[i]];
            input[i] = (v - min[i]) / (max[i] - min[i] + 1e-16);
        }
    }

    private double reconstruct() {
        for (int h = 0; h < hidden; h++) {
            double s = hiddenBias[h];
            for (int v = 0; v < visible; v++) {
                s += input[v] * weight[v * hidden + h];
            }
            code[h] = sigmoid(s);
        }
        double sq = 0;
        for (int v = 0; v < visible; v++) {
            double s = visibleBias[v];
            int row = v * hidden;
            for (int h = 0; h < hidden; h++) {
                s += code[h] * weight[row + h];
            }
            output[v] = sigmoid(s);
            double d = input[v] - output[v];
            sq += d * d;
        }
        return Math.sqrt(sq / visible);
    }

    /** StrictMath, so that training is bit-for-bit the same on every JVM and CPU a restored model may move to. */
    private static double sigmoid(double s) {
        return 1.0 / (1.0 + StrictMath.exp(-s));
    }

    long memoryBytes() {
        return 96 + 16L * 10 + 8L * (weight.length + 2 * hidden + 5L * visible + hidden);
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(visible);
        out.writeInt(hidden);
        out.writeDouble(learningRate);
        out.writeLong(trained);
        BodyArrays.writeValues(out, weight);
        BodyArrays.writeValues(out, hiddenBias);
        BodyArrays.writeRows(out, visibleBias, min, max);
    }

    static Autoencoder read(DataInput in) throws IOException {
        int visible = in.readInt();
        int hidden = in.readInt();
        double learningRate = in.readDouble();
        if (visible <= 0 || visible > 1 << 16 || hidden <= 0 || hidden > 1 << 16) {
            throw new IllegalArgumentException("autoencoder-ensemble: autoencoder of " + visible + " visible and "
                    + hidden + " hidden units is corrupt");
        }
        Autoencoder a = new Autoencoder(visible, hidden, learningRate, null);
        a.trained = in.readLong();
        BodyArrays.readValues(in, a.weight);
        BodyArrays.readValues(in, a.hiddenBias);
        BodyArrays.readRows(in, a.visibleBias, a.min, a.max);
        return a;
    }
}
