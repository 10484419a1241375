package io.tidewatch.learners.transform;

import io.tidewatch.learners.codec.BodyArrays;
import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.HeapBytes;
import io.tidewatch.learners.model.InputChecks;
import io.tidewatch.learners.model.Transformer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Running min-max scaling to [0, 1] per feature, with the bounds seen so far. Values beyond the bounds (not yet
 * learned) fall outside [0, 1], which detectors should see rather than have clipped away. A feature with no range
 * yet maps to 0.
 */
public final class MinMaxScaler implements Transformer {

    public static final String KIND = "min-max-scaler";
    private static final int VERSION = 1;

    private final double[] min;
    private final double[] max;
    private long count;

    public MinMaxScaler(int numFeatures) {
        InputChecks.requirePositive(KIND, "numFeatures", numFeatures);
        this.min = new double[numFeatures];
        this.max = new double[numFeatures];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    public int numFeatures() {
        return min.length;
    }

    @Override
    public double[] transform(double[] x) {
        InputChecks.requireVector(KIND, x, min.length);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double range = max[i] - min[i];
            out[i] = range > 0 ? (x[i] - min[i]) / range : 0.0;
        }
        return out;
    }

    @Override
    public void learn(double[] x) {
        InputChecks.requireVector(KIND, x, min.length);
        count++;
        for (int i = 0; i < x.length; i++) {
            if (x[i] < min[i]) {
                min[i] = x[i];
            }
            if (x[i] > max[i]) {
                max[i] = x[i];
            }
        }
    }

    @Override
    public long memoryBytes() {
        return 32 + 2 * HeapBytes.of(min);
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
        out.writeInt(min.length);
        out.writeLong(count);
        BodyArrays.writeRows(out, min, max);
    }

    public static MinMaxScaler decode(int version, DataInput in) throws IOException {
        ModelCodec.requireVersion(KIND, version, VERSION);
        MinMaxScaler s = new MinMaxScaler(in.readInt());
        s.count = in.readLong();
        BodyArrays.readRows(in, s.min, s.max);
        return s;
    }
}
