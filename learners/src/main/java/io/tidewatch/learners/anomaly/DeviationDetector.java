package io.tidewatch.learners.anomaly;

import io.tidewatch.learners.codec.BodyArrays;
import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Detector;
import io.tidewatch.learners.model.Mergeable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The plainest detector, and on host activity the best one measured: how many standard deviations a flow's
 * features are from usual, averaged over its {@code top} largest deviations. It keeps its own running mean and
 * standard deviation per feature (of an already {@code log1p}-transformed vector), and two things make it robust
 * where a plain standardization is not:
 *
 * <ul>
 *   <li>a floor under the standard deviation on the log scale ({@code sdFloor}): a feature that barely varied
 *       over a short history (every pair has one flow in the first second) does not turn the next small change
 *       into a huge deviation;</li>
 *   <li>winsorized learning: past the first flows, a value is learned clipped to {@link #CLIP} standard deviations
 *       of the mean, so the few extreme flows that get through fair-share learning barely move "usual".</li>
 * </ul>
 *
 * <p>With {@code upperOnly} only values above usual count (more flows, destinations, bytes or time than usual): a
 * host doing less than usual is no threat, and the lower tail is where benign hosts vary most.
 */
public final class DeviationDetector implements Detector, Mergeable<DeviationDetector> {

    public static final String KIND = "tidewatch-deviation";
    private static final int VERSION = 3;
    /** Values are learned clipped to this many standard deviations once the statistics have a basis. */
    static final double CLIP = 3.0;
    private static final long CLIP_AFTER = 32;

    private final int top;
    private final boolean upperOnly;
    private final double sdFloor;
    private final double[] mean;
    private final double[] m2;
    private long count;

    /**
     * @param numFeatures length of the vectors scored
     * @param top         how many of the largest deviations are averaged ({@code >= numFeatures}: all of them)
     * @param upperOnly   count only values above usual
     * @param sdFloor     the least standard deviation, on the scale of the values (log1p: 0.3 is about 35%)
     */
    public DeviationDetector(int numFeatures, int top, boolean upperOnly, double sdFloor) {
        if (numFeatures < 1) {
            throw new IllegalArgumentException(KIND + ": numFeatures=" + numFeatures + ", expected >= 1");
        }
        if (top < 1) {
            throw new IllegalArgumentException(KIND + ": top=" + top + ", expected >= 1");
        }
        if (!(sdFloor > 0 && sdFloor < 1e6)) {
            throw new IllegalArgumentException(KIND + ": sdFloor=" + sdFloor + ", expected a positive number");
        }
        this.sdFloor = sdFloor;
        this.top = Math.min(top, numFeatures);
        this.upperOnly = upperOnly;
        this.mean = new double[numFeatures];
        this.m2 = new double[numFeatures];
    }

    private double sd(int i) {
        return Math.max(sdFloor, count > 1 ? Math.sqrt(m2[i] / count) : 0);
    }

    @Override
    public double score(double[] x) {
        check(x);
        double[] best = new double[top];
        for (int i = 0; i < x.length; i++) {
            double z = Double.isFinite(x[i]) ? (x[i] - mean[i]) / sd(i) : 0;
            double a = upperOnly ? Math.max(0, z) : Math.abs(z);
            if (a <= best[top - 1]) {
                continue;
            }
            int k = top - 1;
            while (k > 0 && best[k - 1] < a) {
                best[k] = best[k - 1];
                k--;
            }
            best[k] = a;
        }
        double sum = 0;
        for (double b : best) {
            sum += b;
        }
        return sum / top;
    }

    @Override
    public void learn(double[] x) {
        check(x);
        boolean clip = count >= CLIP_AFTER;
        count++;
        for (int i = 0; i < x.length; i++) {
            double v = Double.isFinite(x[i]) ? x[i] : mean[i];
            if (clip) {
                double lim = CLIP * sd(i);
                v = Math.max(mean[i] - lim, Math.min(mean[i] + lim, v));
            }
            double delta = v - mean[i];
            mean[i] += delta / count;
            m2[i] += delta * (v - mean[i]);
        }
    }

    /**
     * Folds {@code other}'s statistics into these as if one detector had learned both streams (Chan et al.'s
     * parallel update of count, mean and sum of squared deviations): exact for the statistics each side holds.
     * Values each side clipped while learning stay clipped, so the merge of two detectors can differ from one that
     * learned both streams in sequence only where a side clipped against a basis the other would have widened.
     */
    @Override
    public void merge(DeviationDetector other) {
        if (other == null || other.mean.length != mean.length || other.top != top || other.upperOnly != upperOnly
                || other.sdFloor != sdFloor) {
            throw new IllegalArgumentException(KIND + ": cannot merge " + (other == null ? "null" : other.describe())
                    + " into " + describe());
        }
        if (other.count == 0) {
            return;
        }
        long n = count + other.count;
        for (int i = 0; i < mean.length; i++) {
            double delta = other.mean[i] - mean[i];
            mean[i] += delta * other.count / n;
            m2[i] += other.m2[i] + delta * delta * ((double) count * other.count / n);
        }
        count = n;
    }

    private String describe() {
        return mean.length + " features, top " + top + (upperOnly ? ", upper only" : ", two-sided") + ", sd floor "
                + sdFloor;
    }

    private void check(double[] x) {
        if (x == null || x.length != mean.length) {
            throw new IllegalArgumentException(KIND + ": expected a vector of " + mean.length + " features, got "
                    + (x == null ? "null" : x.length));
        }
    }

    @Override
    public long memoryBytes() {
        return 48 + 16L * mean.length;
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
        out.writeInt(top);
        out.writeBoolean(upperOnly);
        out.writeDouble(sdFloor);
        out.writeLong(count);
        BodyArrays.writeRows(out, mean, m2);
    }

    public static DeviationDetector decode(int version, DataInput in) throws IOException {
        // Versions 1 and 2 read a vector standardized by the pipeline; a model holding one starts over.
        ModelCodec.requireVersion(KIND, version, VERSION);
        int n = in.readInt();
        if (n < 1 || n > 1_000_000) {
            throw new IllegalArgumentException(KIND + ": " + n + " features is corrupt");
        }
        DeviationDetector d = new DeviationDetector(n, in.readInt(), in.readBoolean(), in.readDouble());
        d.count = in.readLong();
        BodyArrays.readRows(in, d.mean, d.m2);
        return d;
    }
}
