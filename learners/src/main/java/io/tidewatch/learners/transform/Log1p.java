package io.tidewatch.learners.transform;

import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Transformer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Signed {@code log1p}: {@code sign(x) * log(1 + |x|)} on every feature. Counts and byte totals span many orders
 * of magnitude; this compresses them so that one elephant flow does not squash every other value after scaling.
 * Stateless apart from the count of records it has seen.
 */
public final class Log1p implements Transformer {

    public static final String KIND = "log1p";
    private static final int VERSION = 1;

    private long count;

    @Override
    public double[] transform(double[] x) {
        if (x == null) {
            throw new IllegalArgumentException(KIND + ": expected a feature vector, got null");
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.copySign(Math.log1p(Math.abs(x[i])), x[i]);
        }
        return out;
    }

    @Override
    public void learn(double[] x) {
        if (x == null) {
            throw new IllegalArgumentException(KIND + ": expected a feature vector, got null");
        }
        count++;
    }

    @Override
    public long memoryBytes() {
        return 24;
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
        out.writeLong(count);
    }

    public static Log1p decode(int version, DataInput in) throws IOException {
        ModelCodec.requireVersion(KIND, version, VERSION);
        Log1p l = new Log1p();
        l.count = in.readLong();
        return l;
    }
}
