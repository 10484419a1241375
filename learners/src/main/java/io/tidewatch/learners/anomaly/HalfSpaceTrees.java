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
 * Half-Space Trees (Tan, Ting and Liu, 2011) as River implements them: {@code trees} complete binary trees of
 * {@code height} whose nodes split a random feature at a random point between 15% and 85% of the node's range.
 * Each node counts the records that pass through it in the latest window; at the end of a window those counts
 * become the reference masses that scoring reads. The score is {@code 1 - sum(mass * 2^depth) / max}, walking each
 * tree down until a node's reference mass falls below 10% of the window, so it lies in [0, 1] and higher is more
 * anomalous.
 *
 * <p>Feature ranges are either given or learned from the first window (whose records are then counted as the first
 * latest window, so scoring starts after one window). The random structure is a function of the seed alone, so two
 * instances with the same seed, shape and ranges are {@link Mergeable}: their masses add and the merged model stands
 * for both streams, its window being the sum of the two windows.
 */
public final class HalfSpaceTrees implements Detector, Mergeable<HalfSpaceTrees> {

    public static final String KIND = "half-space-trees";
    private static final int VERSION = 1;
    private static final double PADDING = 0.15;
    private static final double SIZE_LIMIT = 0.1;

    private final int numFeatures;
    private final int trees;
    private final int height;
    private final long seed;
    private final int nodesPerTree;
    private final int internalPerTree;
    private final int[] splitFeature;
    private final double[] splitFraction;
    private int window;
    private double[] low;
    private double[] high;
    private double[] threshold;
    private double[] firstWindow;
    private int buffered;
    private int[] reference;
    private int[] latest;
    private long referenceCount;
    private long latestCount;
    private long examples;

    /** Ranges learned from the first {@code window} records. */
    public HalfSpaceTrees(int numFeatures, int trees, int height, int window, long seed) {
        this(numFeatures, trees, height, window, seed, null, null);
    }

    /** Ranges given: feature {@code i} is expected in [{@code low[i]}, {@code high[i]}]. */
    public HalfSpaceTrees(int numFeatures, int trees, int height, int window, long seed, double[] low, double[] high) {
        this.numFeatures = InputChecks.requirePositive(KIND, "numFeatures", numFeatures);
        this.trees = InputChecks.requirePositive(KIND, "trees", trees);
        if (height < 1 || height > 20) {
            throw new IllegalArgumentException(KIND + ": height=" + height + ", expected 1..20");
        }
        this.height = height;
        this.window = InputChecks.requirePositive(KIND, "window", window);
        this.seed = seed;
        this.nodesPerTree = (1 << (height + 1)) - 1;
        this.internalPerTree = (1 << height) - 1;
        this.splitFeature = new int[trees * internalPerTree];
        this.splitFraction = new double[trees * internalPerTree];
        Random rng = new Random(seed);
        for (int i = 0; i < splitFeature.length; i++) {
            splitFeature[i] = rng.nextInt(numFeatures);
            splitFraction[i] = PADDING + (1 - 2 * PADDING) * rng.nextDouble();
        }
        this.reference = new int[trees * nodesPerTree];
        this.latest = new int[trees * nodesPerTree];
        if (low != null || high != null) {
            setRanges(low, high);
        } else {
            this.firstWindow = new double[window * numFeatures];
        }
    }

    private void setRanges(double[] lo, double[] hi) {
        if (lo == null || hi == null || lo.length != numFeatures || hi.length != numFeatures) {
            throw new IllegalArgumentException(KIND + ": expected low and high ranges of " + numFeatures
                    + " features, got " + (lo == null ? "null" : lo.length) + " and " + (hi == null ? "null" : hi.length));
        }
        for (int i = 0; i < numFeatures; i++) {
            if (!(lo[i] <= hi[i]) || Double.isInfinite(lo[i]) || Double.isInfinite(hi[i])) {
                throw new IllegalArgumentException(KIND + ": range of feature " + i + " is [" + lo[i] + ", " + hi[i]
                        + "], expected finite low <= high");
            }
        }
        this.low = lo.clone();
        this.high = hi.clone();
        this.threshold = new double[trees * internalPerTree];
        double[] a = low.clone();
        double[] b = high.clone();
        for (int t = 0; t < trees; t++) {
            fillThresholds(t * internalPerTree, 0, a, b);
        }
    }

    private void fillThresholds(int base, int node, double[] a, double[] b) {
        if (node >= internalPerTree) {
            return;
        }
        int f = splitFeature[base + node];
        double at = a[f] + splitFraction[base + node] * (b[f] - a[f]);
        threshold[base + node] = at;
        double savedHigh = b[f];
        b[f] = at;
        fillThresholds(base, 2 * node + 1, a, b);
        b[f] = savedHigh;
        double savedLow = a[f];
        a[f] = at;
        fillThresholds(base, 2 * node + 2, a, b);
        a[f] = savedLow;
    }

    @Override
    public double score(double[] x) {
        InputChecks.requireVector(KIND, x, numFeatures);
        if (referenceCount == 0) {
            return 0.0;
        }
        double limit = SIZE_LIMIT * referenceCount;
        double total = 0;
        for (int t = 0; t < trees; t++) {
            int massBase = t * nodesPerTree;
            int splitBase = t * internalPerTree;
            int node = 0;
            int depth = 0;
            while (true) {
                int mass = reference[massBase + node];
                total += mass * (double) (1L << depth);
                if (node >= internalPerTree || mass < limit) {
                    break;
                }
                node = x[splitFeature[splitBase + node]] < threshold[splitBase + node] ? 2 * node + 1 : 2 * node + 2;
                depth++;
            }
        }
        double max = (double) trees * referenceCount * nodesPerTree;
        return 1.0 - total / max;
    }

    @Override
    public void learn(double[] x) {
        InputChecks.requireVector(KIND, x, numFeatures);
        examples++;
        if (threshold == null) {
            System.arraycopy(x, 0, firstWindow, buffered * numFeatures, numFeatures);
            buffered++;
            if (buffered == window) {
                endFirstWindow();
            }
            return;
        }
        count(x, 0);
    }

    /** One walk per tree serves both: the score reads reference masses on the path that learning counts. */
    @Override
    public double scoreThenLearn(double[] x) {
        InputChecks.requireVector(KIND, x, numFeatures);
        if (threshold == null || referenceCount == 0) {
            double s = score(x);
            learn(x);
            return s;
        }
        examples++;
        double limit = SIZE_LIMIT * referenceCount;
        double total = 0;
        for (int t = 0; t < trees; t++) {
            int massBase = t * nodesPerTree;
            int splitBase = t * internalPerTree;
            int node = 0;
            int depth = 0;
            boolean scoring = true;
            while (true) {
                latest[massBase + node]++;
                if (scoring) {
                    int mass = reference[massBase + node];
                    total += mass * (double) (1L << depth);
                    scoring = mass >= limit;
                }
                if (node >= internalPerTree) {
                    break;
                }
                node = x[splitFeature[splitBase + node]] < threshold[splitBase + node] ? 2 * node + 1 : 2 * node + 2;
                depth++;
            }
        }
        double score = 1.0 - total / ((double) trees * referenceCount * nodesPerTree);
        endOfRecord();
        return score;
    }

    private void endFirstWindow() {
        double[] lo = new double[numFeatures];
        double[] hi = new double[numFeatures];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int r = 0; r < buffered; r++) {
            for (int i = 0; i < numFeatures; i++) {
                double v = firstWindow[r * numFeatures + i];
                lo[i] = Math.min(lo[i], v);
                hi[i] = Math.max(hi[i], v);
            }
        }
        setRanges(lo, hi);
        double[] rows = firstWindow;
        int n = buffered;
        firstWindow = null;
        buffered = 0;
        for (int r = 0; r < n; r++) {
            count(rows, r * numFeatures);
        }
    }

    private void count(double[] x, int offset) {
        for (int t = 0; t < trees; t++) {
            int massBase = t * nodesPerTree;
            int splitBase = t * internalPerTree;
            int node = 0;
            while (true) {
                latest[massBase + node]++;
                if (node >= internalPerTree) {
                    break;
                }
                node = x[offset + splitFeature[splitBase + node]] < threshold[splitBase + node]
                        ? 2 * node + 1 : 2 * node + 2;
            }
        }
        endOfRecord();
    }

    private void endOfRecord() {
        latestCount++;
        if (latestCount >= window) {
            int[] swap = reference;
            reference = latest;
            latest = swap;
            Arrays.fill(latest, 0);
            referenceCount = latestCount;
            latestCount = 0;
        }
    }

    /**
     * Adds {@code other}'s masses to this model's. Both must share seed, shape and ranges (give the ranges, or merge
     * only models whose ranges were learned from the same first window).
     */
    @Override
    public void merge(HalfSpaceTrees other) {
        if (other == null) {
            throw new IllegalArgumentException(KIND + ": cannot merge null");
        }
        if (other.seed != seed || other.trees != trees || other.height != height || other.numFeatures != numFeatures) {
            throw new IllegalArgumentException(KIND + ": cannot merge (seed " + other.seed + ", trees " + other.trees
                    + ", height " + other.height + ", features " + other.numFeatures + ") into (seed " + seed
                    + ", trees " + trees + ", height " + height + ", features " + numFeatures + ")");
        }
        if (threshold == null || other.threshold == null) {
            throw new IllegalStateException(KIND + ": cannot merge while ranges are still being learned "
                    + "(first window not complete)");
        }
        if (!Arrays.equals(low, other.low) || !Arrays.equals(high, other.high)) {
            throw new IllegalArgumentException(KIND + ": cannot merge models with different feature ranges");
        }
        for (int i = 0; i < reference.length; i++) {
            reference[i] += other.reference[i];
            latest[i] += other.latest[i];
        }
        referenceCount += other.referenceCount;
        latestCount += other.latestCount;
        window += other.window;
        examples += other.examples;
    }

    public int window() {
        return window;
    }

    @Override
    public long memoryBytes() {
        long bytes = 128 + HeapBytes.of(splitFeature) + HeapBytes.of(splitFraction)
                + HeapBytes.of(reference) + HeapBytes.of(latest) + HeapBytes.of(threshold)
                + HeapBytes.of(low) + HeapBytes.of(high) + HeapBytes.of(firstWindow);
        return bytes;
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

    /** The structure is regenerated from the seed (java.util.Random's sequence is specified), so it is not written. */
    @Override
    public void encodeBody(DataOutput out) throws IOException {
        out.writeInt(numFeatures);
        out.writeInt(trees);
        out.writeInt(height);
        out.writeInt(window);
        out.writeLong(seed);
        out.writeLong(examples);
        out.writeBoolean(threshold != null);
        if (threshold == null) {
            out.writeInt(buffered);
            BodyArrays.writeValues(out, firstWindow, buffered * numFeatures);
        } else {
            BodyArrays.writeDoubles(out, low);
            BodyArrays.writeDoubles(out, high);
            out.writeLong(referenceCount);
            out.writeLong(latestCount);
            BodyArrays.writeInts(out, reference);
            BodyArrays.writeInts(out, latest);
        }
    }

    public static HalfSpaceTrees decode(int version, DataInput in) throws IOException {
        ModelCodec.requireVersion(KIND, version, VERSION);
        int numFeatures = in.readInt();
        int trees = in.readInt();
        int height = in.readInt();
        int window = in.readInt();
        long seed = in.readLong();
        long examples = in.readLong();
        HalfSpaceTrees h;
        if (!in.readBoolean()) {
            h = new HalfSpaceTrees(numFeatures, trees, height, window, seed);
            h.buffered = in.readInt();
            if (h.buffered < 0 || h.buffered >= window) {
                throw new IllegalArgumentException(KIND + ": buffered " + h.buffered + " of window " + window);
            }
            BodyArrays.readValues(in, h.firstWindow, h.buffered * numFeatures);
        } else {
            double[] lo = BodyArrays.readDoubles(in, KIND, "low");
            double[] hi = BodyArrays.readDoubles(in, KIND, "high");
            h = new HalfSpaceTrees(numFeatures, trees, height, window, seed, lo, hi);
            h.referenceCount = in.readLong();
            h.latestCount = in.readLong();
            h.reference = checkedMasses(BodyArrays.readInts(in, KIND, "reference"), h.reference.length);
            h.latest = checkedMasses(BodyArrays.readInts(in, KIND, "latest"), h.latest.length);
        }
        h.examples = examples;
        return h;
    }

    private static int[] checkedMasses(int[] masses, int expected) {
        if (masses == null || masses.length != expected) {
            throw new IllegalArgumentException(KIND + ": mass array of " + (masses == null ? "null" : masses.length)
                    + ", expected " + expected);
        }
        return masses;
    }
}
