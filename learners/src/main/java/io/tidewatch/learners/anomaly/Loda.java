package io.tidewatch.learners.anomaly;

import io.tidewatch.learners.codec.BodyArrays;
import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Detector;
import io.tidewatch.learners.model.HeapBytes;
import io.tidewatch.learners.model.InputChecks;
import io.tidewatch.learners.model.Mergeable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

/**
 * LODA, the lightweight on-line detector of anomalies (Pevný, 2016): {@code projections} sparse random projections
 * (about {@code sqrt(d)} non-zero standard normal weights each) and one equi-width histogram of {@code bins} bins
 * per projection. The score is the mean over projections of {@code -log} of the (Laplace-smoothed) histogram
 * density of the record's projection, so rare regions score high.
 *
 * <p>The histograms' geometry (origin and bin width of each projection) comes from given feature ranges or from the
 * first {@code window} records, padded by 10% on each side; values beyond it land in the edge bins. Projections are
 * a function of the seed alone, so instances with the same seed and geometry are {@link Mergeable}: their counts
 * add, and the merged model equals one that saw both streams.
 */
public final class Loda implements Detector, Mergeable<Loda> {

    public static final String KIND = "loda";
    private static final int VERSION = 1;
    private static final double MARGIN = 0.1;

    private final int numFeatures;
    private final int projections;
    private final int bins;
    private final int window;
    private final long seed;
    private final int nonZero;
    private final int[] index;
    private final double[] weight;
    private double[] origin;
    private double[] width;
    private double[] firstWindow;
    private int buffered;
    private final int[] counts;
    private long total;
    private long examples;

    /** Histogram geometry learned from the first {@code window} records. */
    public Loda(int numFeatures, int projections, int bins, int window, long seed) {
        this(numFeatures, projections, bins, window, seed, null, null);
    }

    /** Histogram geometry from given feature ranges: feature {@code i} is expected in [{@code low[i]}, {@code high[i]}]. */
    public Loda(int numFeatures, int projections, int bins, int window, long seed, double[] low, double[] high) {
        this.numFeatures = InputChecks.requirePositive(KIND, "numFeatures", numFeatures);
        this.projections = InputChecks.requirePositive(KIND, "projections", projections);
        if (bins < 2) {
            throw new IllegalArgumentException(KIND + ": bins=" + bins + ", expected >= 2");
        }
        this.bins = bins;
        this.window = InputChecks.requirePositive(KIND, "window", window);
        this.seed = seed;
        this.nonZero = Math.max(1, (int) Math.round(Math.sqrt(numFeatures)));
        this.index = new int[projections * nonZero];
        this.weight = new double[projections * nonZero];
        Random rng = new Random(seed);
        int[] order = new int[numFeatures];
        for (int p = 0; p < projections; p++) {
            for (int i = 0; i < numFeatures; i++) {
                order[i] = i;
            }
            // A partial Fisher-Yates shuffle picks the non-zero features without replacement.
            for (int k = 0; k < nonZero; k++) {
                int j = k + rng.nextInt(numFeatures - k);
                int tmp = order[k];
                order[k] = order[j];
                order[j] = tmp;
                index[p * nonZero + k] = order[k];
                weight[p * nonZero + k] = rng.nextGaussian();
            }
        }
        this.counts = new int[projections * bins];
        if (low != null || high != null) {
            geometryFromRanges(low, high);
        } else {
            this.firstWindow = new double[window * numFeatures];
        }
    }

    private void geometryFromRanges(double[] lo, double[] hi) {
        if (lo == null || hi == null || lo.length != numFeatures || hi.length != numFeatures) {
            throw new IllegalArgumentException(KIND + ": expected low and high ranges of " + numFeatures
                    + " features, got " + (lo == null ? "null" : lo.length) + " and " + (hi == null ? "null" : hi.length));
        }
        double[] pLow = new double[projections];
        double[] pHigh = new double[projections];
        for (int p = 0; p < projections; p++) {
            for (int k = 0; k < nonZero; k++) {
                int f = index[p * nonZero + k];
                if (!(lo[f] <= hi[f]) || Double.isInfinite(lo[f]) || Double.isInfinite(hi[f])) {
                    throw new IllegalArgumentException(KIND + ": range of feature " + f + " is [" + lo[f] + ", "
                            + hi[f] + "], expected finite low <= high");
                }
                double w = weight[p * nonZero + k];
                pLow[p] += Math.min(w * lo[f], w * hi[f]);
                pHigh[p] += Math.max(w * lo[f], w * hi[f]);
            }
        }
        setGeometry(pLow, pHigh);
    }

    private void setGeometry(double[] pLow, double[] pHigh) {
        origin = new double[projections];
        width = new double[projections];
        for (int p = 0; p < projections; p++) {
            double range = pHigh[p] - pLow[p];
            if (!(range > 0)) {
                range = Math.max(1e-9, Math.abs(pLow[p]) * 1e-6);
            }
            origin[p] = pLow[p] - MARGIN * range;
            width[p] = range * (1 + 2 * MARGIN) / bins;
        }
    }

    private double project(double[] x, int offset, int p) {
        double s = 0;
        int base = p * nonZero;
        for (int k = 0; k < nonZero; k++) {
            s += weight[base + k] * x[offset + index[base + k]];
        }
        return s;
    }

    private int bin(double projected, int p) {
        double b = Math.floor((projected - origin[p]) / width[p]);
        if (b < 0 || Double.isNaN(b)) {
            return 0;
        }
        return b >= bins ? bins - 1 : (int) b;
    }

    @Override
    public double score(double[] x) {
        InputChecks.requireVector(KIND, x, numFeatures);
        if (origin == null || total == 0) {
            return 0.0;
        }
        double sum = 0;
        double denominator = total + bins;
        for (int p = 0; p < projections; p++) {
            int c = counts[p * bins + bin(project(x, 0, p), p)];
            sum -= Math.log((c + 1) / denominator / width[p]);
        }
        return sum / projections;
    }

    @Override
    public void learn(double[] x) {
        InputChecks.requireVector(KIND, x, numFeatures);
        examples++;
        if (origin == null) {
            System.arraycopy(x, 0, firstWindow, buffered * numFeatures, numFeatures);
            buffered++;
            if (buffered == window) {
                endFirstWindow();
            }
            return;
        }
        count(x, 0);
    }

    private void endFirstWindow() {
        double[] pLow = new double[projections];
        double[] pHigh = new double[projections];
        Arrays.fill(pLow, Double.POSITIVE_INFINITY);
        Arrays.fill(pHigh, Double.NEGATIVE_INFINITY);
        for (int r = 0; r < buffered; r++) {
            for (int p = 0; p < projections; p++) {
                double v = project(firstWindow, r * numFeatures, p);
                pLow[p] = Math.min(pLow[p], v);
                pHigh[p] = Math.max(pHigh[p], v);
            }
        }
        setGeometry(pLow, pHigh);
        double[] rows = firstWindow;
        int n = buffered;
        firstWindow = null;
        buffered = 0;
        for (int r = 0; r < n; r++) {
            count(rows, r * numFeatures);
        }
    }

    private void count(double[] x, int offset) {
        for (int p = 0; p < projections; p++) {
            counts[p * bins + bin(project(x, offset, p), p)]++;
        }
        total++;
    }

    /** Adds {@code other}'s histogram counts. Both must share seed, shape and histogram geometry. */
    @Override
    public void merge(Loda other) {
        if (other == null) {
            throw new IllegalArgumentException(KIND + ": cannot merge null");
        }
        if (other.seed != seed || other.projections != projections || other.bins != bins
                || other.numFeatures != numFeatures) {
            throw new IllegalArgumentException(KIND + ": cannot merge (seed " + other.seed + ", projections "
                    + other.projections + ", bins " + other.bins + ", features " + other.numFeatures
                    + ") into (seed " + seed + ", projections " + projections + ", bins " + bins + ", features "
                    + numFeatures + ")");
        }
        if (origin == null || other.origin == null) {
            throw new IllegalStateException(KIND + ": cannot merge while the histogram geometry is still being "
                    + "learned (first window not complete)");
        }
        if (!Arrays.equals(origin, other.origin) || !Arrays.equals(width, other.width)) {
            throw new IllegalArgumentException(KIND + ": cannot merge models with different histogram geometry "
                    + "(give both the same feature ranges)");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        examples += other.examples;
    }

    @Override
    public long memoryBytes() {
        return 112 + HeapBytes.of(index) + HeapBytes.of(weight) + HeapBytes.of(origin)
                + HeapBytes.of(width) + HeapBytes.of(firstWindow) + HeapBytes.of(counts);
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

    /** Projections are regenerated from the seed; geometry and counts are written. */
    @Override
    public void encodeBody(DataOutput out) throws IOException {
        out.writeInt(numFeatures);
        out.writeInt(projections);
        out.writeInt(bins);
        out.writeInt(window);
        out.writeLong(seed);
        out.writeLong(examples);
        out.writeBoolean(origin != null);
        if (origin == null) {
            out.writeInt(buffered);
            BodyArrays.writeValues(out, firstWindow, buffered * numFeatures);
        } else {
            BodyArrays.writeDoubles(out, origin);
            BodyArrays.writeDoubles(out, width);
            out.writeLong(total);
            BodyArrays.writeInts(out, counts);
        }
    }

    public static Loda decode(int version, DataInput in) throws IOException {
        ModelCodec.requireVersion(KIND, version, VERSION);
        Loda l = new Loda(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readLong());
        l.examples = in.readLong();
        if (!in.readBoolean()) {
            l.buffered = in.readInt();
            if (l.buffered < 0 || l.buffered >= l.window) {
                throw new IllegalArgumentException(KIND + ": buffered " + l.buffered + " of window " + l.window);
            }
            BodyArrays.readValues(in, l.firstWindow, l.buffered * l.numFeatures);
        } else {
            l.origin = BodyArrays.readDoubles(in, KIND, "origin");
            l.width = BodyArrays.readDoubles(in, KIND, "width");
            l.total = in.readLong();
            int[] counts = BodyArrays.readInts(in, KIND, "counts");
            if (l.origin == null || l.origin.length != l.projections || l.width == null
                    || l.width.length != l.projections || counts == null || counts.length != l.counts.length) {
                throw new IllegalArgumentException(KIND + ": geometry or counts do not match " + l.projections
                        + " projections of " + l.bins + " bins");
            }
            System.arraycopy(counts, 0, l.counts, 0, counts.length);
            l.firstWindow = null;
        }
        return l;
    }
}
