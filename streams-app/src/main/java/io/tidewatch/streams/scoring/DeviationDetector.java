package io.tidewatch.streams.scoring;

import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Detector;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The plainest detector: the mean of the {@code top} largest absolute values of an already standardized vector.
 * At the end of a pipeline that takes signed {@code log1p} and standardizes with running statistics, that is the
 * mean of the flow's {@code top} largest z-scores: a flow far from usual on a few features scores high even when
 * the rest of its hundred-odd features are ordinary, which is how a scan, a flood or brute force looks in the
 * host context. Stateless apart from its count; the pipeline's scaler holds what is usual.
 */
public final class DeviationDetector implements Detector {

    public static final String KIND = "tidewatch-deviation";
    private static final int VERSION = 1;

    static {
        ModelCodec.register(KIND, DeviationDetector::decode);
    }

    private final int top;
    private long examples;

    public DeviationDetector(int top) {
        if (top < 1 || top > 64) {
            throw new IllegalArgumentException(KIND + ": top=" + top + ", expected 1..64");
        }
        this.top = top;
    }

    /** Makes the kind decodable; called before any stored model is read. */
    static void register() {
        // The static initializer does the work.
    }

    @Override
    public double score(double[] x) {
        if (x == null) {
            throw new IllegalArgumentException(KIND + ": expected a feature vector, got null");
        }
        double[] best = new double[Math.min(top, x.length)];
        for (double v : x) {
            double a = Double.isFinite(v) ? Math.abs(v) : 0;
            for (int k = 0; k < best.length; k++) {
                if (a > best[k]) {
                    System.arraycopy(best, k, best, k + 1, best.length - k - 1);
                    best[k] = a;
                    break;
                }
            }
        }
        double sum = 0;
        for (double b : best) {
            sum += b;
        }
        return best.length == 0 ? 0 : sum / best.length;
    }

    @Override
    public void learn(double[] x) {
        examples++;
    }

    @Override
    public long memoryBytes() {
        return 24;
    }

    @Override
    public long examplesSeen() {
        return examples;
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
        out.writeInt(top);
        out.writeLong(examples);
    }

    public static DeviationDetector decode(int version, DataInput in) throws IOException {
        if (version != VERSION) {
            throw new IllegalArgumentException(KIND + ": codec version " + version + ", expected " + VERSION);
        }
        DeviationDetector d = new DeviationDetector(in.readInt());
        d.examples = in.readLong();
        return d;
    }
}
