package io.tidewatch.learners.tree;

import io.tidewatch.learners.model.Classifier;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** What the Hoeffding tree variants share: options, the root, the seeded generator, input checks and the codec. */
abstract class TreeModel implements Classifier {

    final TreeOptions opts;
    Node root;
    StreamRandom random;
    final long seed;
    long examplesSeen;
    private final SplitSearch.Outcome[] outcome = new SplitSearch.Outcome[1];
    /**
     * The last Naive Bayes votes computed, for {@link #nbX} at {@link #nbLeaf}; dropped whenever that leaf learns.
     * Predicting and then learning the same example needs them twice (more in adaptive trees), so this is not
     * model state: a decoded model recomputes the very same values.
     */
    private LeafNode nbLeaf;
    private final double[] nbX;
    private double[] nbVotes;

    TreeModel(TreeOptions opts, long seed) {
        this.opts = opts;
        this.seed = seed;
        this.random = new StreamRandom(seed);
        this.nbX = new double[opts.numFeatures()];
    }

    /** {@code leaf}'s Naive Bayes votes for {@code x}; the returned array must not be modified. */
    final double[] naiveBayes(LeafNode leaf, double[] x) {
        if (leaf == nbLeaf && java.util.Arrays.equals(nbX, x)) {
            return nbVotes;
        }
        double[] v = leaf.naiveBayesVotes(x);
        nbLeaf = leaf;
        System.arraycopy(x, 0, nbX, 0, nbX.length);
        nbVotes = v;
        return v;
    }

    /** {@code leaf}'s votes for {@code x} (a fresh array). */
    final double[] votesOf(LeafNode leaf, double[] x) {
        return leaf.votes(x, opts, leaf.predictsWithNaiveBayes(opts) ? naiveBayes(leaf, x) : null);
    }

    /** Updates {@code leaf} with the example. */
    final void learnAt(LeafNode leaf, double[] x, int y, double weight) {
        double[] before = leaf.active && opts.leafPrediction() == LeafPrediction.NAIVE_BAYES_ADAPTIVE
                ? naiveBayes(leaf, x) : null;
        nbLeaf = null;
        leaf.learn(x, y, weight, opts, random, before);
    }

    /** Forgets everything learned; options and the generator's current state are kept. */
    public void reset() {
        root = null;
        examplesSeen = 0;
        dropCachedVotes();
    }

    /** Forgets the cached votes (the tree was replaced or reset). */
    final void dropCachedVotes() {
        nbLeaf = null;
        nbVotes = null;
    }

    public TreeOptions options() {
        return opts;
    }

    @Override
    public int numClasses() {
        return opts.numClasses();
    }

    @Override
    public long examplesSeen() {
        return examplesSeen;
    }

    @Override
    public long memoryBytes() {
        return 96 + (root == null ? 0 : root.memoryBytes());
    }

    /** Number of split nodes in the tree the model predicts with. */
    public int splitCount() {
        return countSplits(root);
    }

    private static int countSplits(Node n) {
        if (!(n instanceof SplitNode s)) {
            return 0;
        }
        return 1 + countSplits(s.children[0]) + countSplits(s.children[1]);
    }

    @Override
    public double[] predictProba(double[] x) {
        checkFeatures(x);
        return normalized(classVotes(x));
    }

    /**
     * The class with the largest raw vote (the first on ties), as MOA's evaluators read a prediction; computed
     * without normalizing, so a prequential loop pays only for the votes.
     */
    @Override
    public int predict(double[] x) {
        checkFeatures(x);
        return LeafNode.argMax(rawVotes(x));
    }

    /** Raw votes, before normalization; all zero when the tree knows nothing yet. */
    abstract double[] rawVotes(double[] x);

    /** The votes of the leaf (or leaves) {@code x} reaches, not normalized; checks {@code x}. */
    public double[] classVotes(double[] x) {
        checkFeatures(x);
        return rawVotes(x);
    }

    static double[] normalized(double[] votes) {
        double sum = 0;
        for (double v : votes) {
            sum += v;
        }
        double[] p = new double[votes.length];
        if (!(sum > 0) || Double.isInfinite(sum)) {
            java.util.Arrays.fill(p, 1.0 / votes.length);
            return p;
        }
        for (int i = 0; i < votes.length; i++) {
            p[i] = votes[i] / sum;
        }
        return p;
    }

    @Override
    public void learn(double[] x, int y) {
        learn(x, y, 1.0);
    }

    @Override
    public void learn(double[] x, int y, double weight) {
        checkFeatures(x);
        if (y < 0 || y >= opts.numClasses()) {
            throw new IllegalArgumentException("class " + y + ": expected 0.." + (opts.numClasses() - 1));
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight " + weight + ": expected a finite number >= 0");
        }
        examplesSeen++;
        if (weight > 0) {
            train(x, y, weight);
        }
    }

    abstract void train(double[] x, int y, double weight);

    void checkFeatures(double[] x) {
        checkFeatures(x, opts.numFeatures());
    }

    /** Rejects a vector of the wrong length or with an infinite value ({@code NaN} is a missing value). */
    public static void checkFeatures(double[] x, int numFeatures) {
        if (x == null || x.length != numFeatures) {
            throw new IllegalArgumentException("features: expected " + numFeatures + " values, got "
                    + (x == null ? "null" : x.length));
        }
        for (int i = 0; i < x.length; i++) {
            if (Double.isInfinite(x[i])) {
                throw new IllegalArgumentException("feature " + i + " = " + x[i]
                        + ": expected a finite number (NaN for a missing value)");
            }
        }
    }

    /** The votes of the main-path node {@code x} reaches below {@code node} (a split node on a missing value). */
    Node mainPathNode(Node node, double[] x) {
        while (node instanceof SplitNode s) {
            int b = s.branch(x);
            if (b < 0 || s.children[b] == null) {
                return s;
            }
            node = s.children[b];
        }
        return node;
    }

    /**
     * Runs the split decision at {@code leaf} and puts the new split node where the leaf hangs ({@code parent}'s
     * {@code branch}, or the root).
     */
    void attemptSplit(LeafNode leaf, SplitNode parent, int branch) {
        SplitNode split = SplitSearch.attempt(leaf, opts, outcome);
        if (outcome[0] == SplitSearch.Outcome.DEACTIVATE) {
            leaf.deactivate();
        } else if (split != null) {
            prepareNewLeaf((LeafNode) split.children[0]);
            prepareNewLeaf((LeafNode) split.children[1]);
            if (parent == null) {
                root = split;
            } else {
                parent.children[branch] = split;
            }
        }
    }

    /** Hook for variants whose leaves carry more state. */
    void prepareNewLeaf(LeafNode leaf) {
    }

    void encodeCommon(DataOutput out) throws IOException {
        out.writeInt(opts.numFeatures());
        out.writeInt(opts.numClasses());
        out.writeInt(opts.gracePeriod());
        out.writeDouble(opts.splitConfidence());
        out.writeDouble(opts.tieThreshold());
        out.writeByte(opts.leafPrediction().ordinal());
        out.writeInt(opts.subspaceSize());
        out.writeLong(seed);
        out.writeLong(random.state());
        out.writeLong(examplesSeen);
        NodeCodec.write(root, out);
    }

    /** Reads the options written by {@link #encodeCommon}. */
    static TreeOptions readOptions(DataInput in) throws IOException {
        int nf = in.readInt();
        int nc = in.readInt();
        int grace = in.readInt();
        double conf = in.readDouble();
        double tie = in.readDouble();
        int lp = in.readUnsignedByte();
        if (lp >= LeafPrediction.values().length) {
            throw new IOException("tree body: leaf prediction " + lp + " unknown");
        }
        int subspace = in.readInt();
        return new TreeOptions(nf, nc, grace, conf, tie, LeafPrediction.values()[lp], subspace);
    }

    /** Reads the state written after the options by {@link #encodeCommon}. */
    void readState(DataInput in) throws IOException {
        random = StreamRandom.fromState(in.readLong());
        examplesSeen = in.readLong();
        root = NodeCodec.read(in, opts.numClasses(), opts.numFeatures(), 0);
        dropCachedVotes();
    }
}
