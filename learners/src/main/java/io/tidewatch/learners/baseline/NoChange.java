package io.tidewatch.learners.baseline;

import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Classifier;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The no-change baseline: predicts the label it learned last. On streams whose labels come in runs (elec) it is
 * hard to beat, so any learner should be compared with it. Before the first label it predicts uniformly.
 */
public final class NoChange implements Classifier {

    public static final String KIND = "no-change";
    private static final int CODEC_VERSION = 1;

    private final int numClasses;
    private int last = -1;
    private long examplesSeen;

    public NoChange(int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses " + numClasses + ": expected at least 2");
        }
        this.numClasses = numClasses;
    }

    @Override
    public double[] predictProba(double[] x) {
        double[] p = new double[numClasses];
        if (last < 0) {
            java.util.Arrays.fill(p, 1.0 / numClasses);
        } else {
            p[last] = 1.0;
        }
        return p;
    }

    @Override
    public void learn(double[] x, int y) {
        if (y < 0 || y >= numClasses) {
            throw new IllegalArgumentException("class " + y + ": expected 0.." + (numClasses - 1));
        }
        last = y;
        examplesSeen++;
    }

    @Override
    public void learn(double[] x, int y, double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight " + weight + ": expected a finite number >= 0");
        }
        if (weight > 0) {
            learn(x, y);
        } else {
            examplesSeen++;
        }
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public long memoryBytes() {
        return 32;
    }

    @Override
    public long examplesSeen() {
        return examplesSeen;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int codecVersion() {
        return CODEC_VERSION;
    }

    @Override
    public void encodeBody(DataOutput out) throws IOException {
        out.writeInt(numClasses);
        out.writeInt(last);
        out.writeLong(examplesSeen);
    }

    /** The {@link io.tidewatch.learners.codec.BodyDecoder} of this kind. */
    public static NoChange decode(int version, DataInput in) throws IOException {
        ModelCodec.requireVersion(KIND, version, CODEC_VERSION);
        int classes = in.readInt();
        if (classes < 2) {
            throw new IllegalArgumentException(KIND + ": corrupt class count " + classes);
        }
        NoChange nc = new NoChange(classes);
        int last = in.readInt();
        if (last < -1 || last >= classes) {
            throw new IllegalArgumentException(KIND + ": corrupt last label " + last);
        }
        nc.last = last;
        nc.examplesSeen = in.readLong();
        return nc;
    }
}
