package io.tidewatch.learners.ensemble;

import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Classifier;
import io.tidewatch.learners.tree.HoeffdingTree;
import io.tidewatch.learners.tree.LeafPrediction;
import io.tidewatch.learners.tree.StreamRandom;
import io.tidewatch.learners.tree.TreeOptions;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Adaptive Random Forest (Gomes et al., 2017): Hoeffding trees trained by online bagging (each example weighted by a
 * Poisson(lambda) draw per tree), each leaf considering a random subspace of the attributes, and each tree watched
 * by two ADWIN detectors over its error: a warning starts a background tree, a drift replaces the tree with it.
 * Trees vote with their class probabilities weighted by their accuracy since they were created.
 *
 * <p>Defaults are MOA 2024.07.0's: lambda 6, subspace {@code round(sqrt(M)) + 1}, trees with grace period 50, split
 * confidence 0.01, tie threshold 0.05 and Naive Bayes adaptive leaves, warning delta 0.01, drift delta 0.001.
 * Deterministic given the seed. Unlike MOA nothing is deep-copied: a background tree starts empty, and the votes
 * computed by {@link #predictProba} are reused by the {@link #learn} that follows on the same features. Also unlike
 * MOA, whose trees all restart the same generator (seed 1) and so draw the same subspaces, each tree here has its
 * own generator seeded from the forest's seed: a poor draw no longer hits every tree at once, which makes the
 * accuracy much less dependent on the seed.
 * Single-threaded and not thread-safe: one instance belongs to one stream task.
 */
public final class AdaptiveRandomForest implements Classifier {

    public static final String KIND = "adaptive-random-forest";
    private static final int CODEC_VERSION = 1;
    public static final int DEFAULT_TREES = 10;
    public static final double DEFAULT_LAMBDA = 6.0;
    public static final int DEFAULT_GRACE_PERIOD = 50;
    public static final double DEFAULT_SPLIT_CONFIDENCE = 0.01;
    public static final double DEFAULT_TIE_THRESHOLD = 0.05;
    public static final double DEFAULT_WARNING_DELTA = 0.01;
    public static final double DEFAULT_DRIFT_DELTA = 0.001;

    private final TreeOptions treeOptions;
    private final int numTrees;
    private final double lambda;
    private final double warningDelta;
    private final double driftDelta;
    private final long seed;
    private StreamRandom random;
    private final ForestMember[] members;
    private long examplesSeen;

    /** Votes of each tree for {@link #cachedX}, valid until the next {@link #learn}. */
    private final double[][] cachedVotes;
    private double[] cachedX;

    /** Defaults for everything but the input shape, the number of trees and the seed. */
    public AdaptiveRandomForest(int numFeatures, int numClasses, int numTrees, long seed) {
        this(numFeatures, numClasses, numTrees, DEFAULT_LAMBDA, defaultSubspace(numFeatures), DEFAULT_GRACE_PERIOD,
                DEFAULT_SPLIT_CONFIDENCE, DEFAULT_TIE_THRESHOLD, DEFAULT_WARNING_DELTA, DEFAULT_DRIFT_DELTA, seed);
    }

    /**
     * @param subspace attributes each leaf considers, 1 to numFeatures (see {@link #defaultSubspace})
     */
    public AdaptiveRandomForest(int numFeatures, int numClasses, int numTrees, double lambda, int subspace,
                                int gracePeriod, double splitConfidence, double tieThreshold, double warningDelta,
                                double driftDelta, long seed) {
        if (numTrees < 1) {
            throw new IllegalArgumentException("trees " + numTrees + ": expected at least 1");
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda " + lambda + ": expected a positive number");
        }
        if (subspace < 1 || subspace > numFeatures) {
            throw new IllegalArgumentException("subspace " + subspace + ": expected 1 to " + numFeatures
                    + " (the number of features)");
        }
        if (!(warningDelta > 0 && warningDelta < 1)) {
            throw new IllegalArgumentException("warning-delta " + warningDelta + ": expected a number in (0, 1)");
        }
        if (!(driftDelta > 0 && driftDelta < 1)) {
            throw new IllegalArgumentException("drift-delta " + driftDelta + ": expected a number in (0, 1)");
        }
        this.treeOptions = new TreeOptions(numFeatures, numClasses, gracePeriod, splitConfidence, tieThreshold,
                LeafPrediction.NAIVE_BAYES_ADAPTIVE, subspace == numFeatures ? 0 : subspace);
        this.numTrees = numTrees;
        this.lambda = lambda;
        this.warningDelta = warningDelta;
        this.driftDelta = driftDelta;
        this.seed = seed;
        this.random = new StreamRandom(seed);
        this.members = new ForestMember[numTrees];
        StreamRandom treeSeeds = new StreamRandom(~seed);
        for (int i = 0; i < numTrees; i++) {
            members[i] = new ForestMember(new HoeffdingTree(treeOptions, treeSeeds.nextSeed()), 0, driftDelta,
                    warningDelta);
        }
        this.cachedVotes = new double[numTrees][];
    }

    /** MOA's default subspace size: {@code round(sqrt(M)) + 1}, at most M. */
    public static int defaultSubspace(int numFeatures) {
        return Math.min(numFeatures, (int) Math.round(Math.sqrt(numFeatures)) + 1);
    }

    public int numTrees() {
        return numTrees;
    }

    /** Drifts detected so far, summed over the trees (each replaced its tree). */
    public int driftsDetected() {
        int d = 0;
        for (ForestMember m : members) {
            d += m.drifts;
        }
        return d;
    }

    @Override
    public int numClasses() {
        return treeOptions.numClasses();
    }

    @Override
    public long examplesSeen() {
        return examplesSeen;
    }

    @Override
    public long memoryBytes() {
        long b = 128 + 16 + 8L * numTrees;
        for (ForestMember m : members) {
            b += m.memoryBytes();
        }
        return b;
    }

    @Override
    public double[] predictProba(double[] x) {
        checkFeatures(x);
        double[] combined = combinedVotes(x);
        double total = 0;
        for (double d : combined) {
            total += d;
        }
        if (!(total > 0) || Double.isInfinite(total)) {
            Arrays.fill(combined, 1.0 / combined.length);
            return combined;
        }
        for (int c = 0; c < combined.length; c++) {
            combined[c] /= total;
        }
        return combined;
    }

    /** The class with the largest accuracy-weighted vote (the first on ties), as MOA's evaluators read it. */
    @Override
    public int predict(double[] x) {
        checkFeatures(x);
        return ForestMember.argMax(combinedVotes(x));
    }

    private double[] combinedVotes(double[] x) {
        fillVotes(x);
        double[] combined = new double[numClasses()];
        for (int i = 0; i < numTrees; i++) {
            double[] v = cachedVotes[i];
            double sum = 0;
            for (double d : v) {
                sum += d;
            }
            if (sum > 0.0) {
                double acc = members[i].accuracyPercent();
                for (int c = 0; c < combined.length; c++) {
                    combined[c] += v[c] / sum * (acc > 0.0 ? acc : 1.0);
                }
            }
        }
        return combined;
    }

    /** Computes each tree's votes for {@code x} unless they are cached for the same values. */
    private void fillVotes(double[] x) {
        if (cachedX != null && Arrays.equals(cachedX, x)) {
            return;
        }
        for (int i = 0; i < numTrees; i++) {
            cachedVotes[i] = members[i].tree.classVotes(x);
        }
        cachedX = x.clone();
    }

    @Override
    public void learn(double[] x, int y) {
        learn(x, y, 1.0);
    }

    @Override
    public void learn(double[] x, int y, double weight) {
        checkFeatures(x);
        if (y < 0 || y >= numClasses()) {
            throw new IllegalArgumentException("class " + y + ": expected 0.." + (numClasses() - 1));
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight " + weight + ": expected a finite number >= 0");
        }
        examplesSeen++;
        if (weight == 0) {
            return;
        }
        fillVotes(x);
        cachedX = null;
        for (int i = 0; i < numTrees; i++) {
            ForestMember m = members[i];
            m.evaluate(ForestMember.argMax(cachedVotes[i]), y, weight);
            int k = random.poisson(lambda);
            if (k > 0) {
                m.train(x, y, k * weight, weight, examplesSeen, random);
            }
        }
    }

    private void checkFeatures(double[] x) {
        HoeffdingTree.checkFeatures(x, treeOptions.numFeatures());
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
        out.writeInt(treeOptions.numFeatures());
        out.writeInt(treeOptions.numClasses());
        out.writeInt(numTrees);
        out.writeDouble(lambda);
        out.writeInt(treeOptions.subspaceSize() == 0 ? treeOptions.numFeatures() : treeOptions.subspaceSize());
        out.writeInt(treeOptions.gracePeriod());
        out.writeDouble(treeOptions.splitConfidence());
        out.writeDouble(treeOptions.tieThreshold());
        out.writeDouble(warningDelta);
        out.writeDouble(driftDelta);
        out.writeLong(seed);
        out.writeLong(random.state());
        out.writeLong(examplesSeen);
        for (ForestMember m : members) {
            m.encode(out);
        }
    }

    public static AdaptiveRandomForest decode(int codecVersion, DataInput in) throws IOException {
        ModelCodec.requireVersion(KIND, codecVersion, CODEC_VERSION);
        int nf = in.readInt();
        int nc = in.readInt();
        int trees = in.readInt();
        if (trees < 1 || trees > 100_000) {
            throw new IOException("forest body: " + trees + " trees");
        }
        AdaptiveRandomForest f = new AdaptiveRandomForest(nf, nc, trees, in.readDouble(), in.readInt(), in.readInt(),
                in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readLong());
        f.random = StreamRandom.fromState(in.readLong());
        f.examplesSeen = in.readLong();
        for (int i = 0; i < trees; i++) {
            f.members[i] = ForestMember.decode(in, 0);
        }
        return f;
    }
}
