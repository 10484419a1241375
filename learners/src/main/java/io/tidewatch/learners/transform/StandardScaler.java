package io.tidewatch.learners.transform;

import io.tidewatch.learners.codec.BodyArrays;
import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.HeapBytes;
import io.tidewatch.learners.model.InputChecks;
import io.tidewatch.learners.model.Transformer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Running standardization {@code (x - mean) / std} per feature, with Welford's update so that the variance stays
 * accurate over long streams. A feature with zero variance so far maps to {@code x - mean}, which is 0 for the
 * constant seen so far.
 */
public final class StandardScaler implements Transformer {

    public static final String KIND = "standard-scaler";
    private static final int VERSION = 1;

    private final double[] mean;
    private final double[] m2;
    private long count;

    public StandardScaler(int numFeatures) {
        InputChecks.requirePositive(KIND, "numFeatures", numFeatures);
        this.mean = new double[numFeatures];
        this.m2 = new double[numFeatures];
    }

    public int numFeatures() {
        return mean.length;
    }

    @Override
    public double[] transform(double[] x) {
        InputChecks.requireVector(KIND, x, mean.length);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double centred = x[i] - mean[i];
            double var = count > 1 ? m2[i] / count : 0.0;
            out[i] = var > 0 ? centred / Math.sqrt(var) : centred;
        }
        return out;
    }

    @Override
    public void learn(double[] x) {
        InputChecks.requireVector(KIND, x, mean.length);
        count++;
        for (int i = 0; i < x.length; i++) {
            double delta = x[i] - mean[i];
            mean[i] += delta / count;
            m2[i] += delta * (x[i] - mean[i]);
        }
    }

    /** Running mean of feature {@code i}. */
    public double mean(int i) {
        return mean[i];
    }

    /** Running population variance of feature {@code i}. */
    public double variance(int i) {
        return count > 0 ? m2[i] / count : 0.0;
    }

    @Override
    public long memoryBytes() {
        return 32 + 2 * HeapBytes.of(mean);
    }

    @Override
    public long examplesSeen() {
        return count;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int codecVersion() {
        return VERSION;
    }

    @Override
    public void encodeBody(DataOutput out) throws IOException {
        out.writeInt(mean.length);
        out.writeLong(count);
        BodyArrays.writeRows(out, mean, m2);
    }

    public static StandardScaler decode(int version, DataInput in) throws IOException {
        ModelCodec.requireVersion(KIND, version, VERSION);
        StandardScaler s = new StandardScaler(in.readInt());
        s.count = in.readLong();
        BodyArrays.readRows(in, s.mean, s.m2);
        return s;
    }
}
