package io.tidewatch.learners.tree;

import io.tidewatch.learners.codec.ModelCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The Hoeffding tree (VFDT, Domingos and Hulten 2000) for numeric attributes: a leaf splits once the Hoeffding
 * bound says its best binary split beats the runner-up with confidence {@code 1 - splitConfidence}. Leaves keep a
 * Gaussian estimator per attribute and class, used both to place candidate thresholds and for Naive Bayes votes.
 * Defaults and decision rules are MOA 2024.07.0's {@code HoeffdingTree} (see {@link TreeOptions}).
 *
 * <p>A value of {@code NaN} is a missing value: it is skipped by the estimators, and at a split it stops the
 * example there (predicting with that node's class counts, learning nothing). Not thread-safe: one instance
 * belongs to one stream task.
 */
public final class HoeffdingTree extends TreeModel {

    public static final String KIND = "hoeffding-tree";
    private static final int CODEC_VERSION = 1;

    public HoeffdingTree(TreeOptions opts) {
        this(opts, 1L);
    }

    /** @param seed drives the random attribute subspaces (only used when {@code opts.subspaceSize() > 0}) */
    public HoeffdingTree(TreeOptions opts, long seed) {
        super(java.util.Objects.requireNonNull(opts, "opts"), seed);
    }

    @Override
    double[] rawVotes(double[] x) {
        if (root == null) {
            return new double[opts.numClasses()];
        }
        Node n = mainPathNode(root, x);
        return n instanceof LeafNode leaf ? votesOf(leaf, x) : n.classDist.clone();
    }

    @Override
    public int predict(double[] x) {
        checkFeatures(x);
        if (root == null) {
            return 0;
        }
        Node n = mainPathNode(root, x);
        if (n instanceof LeafNode leaf) {
            return LeafNode.argMax(leaf.predictsWithNaiveBayes(opts) ? naiveBayes(leaf, x) : leaf.classDist);
        }
        return LeafNode.argMax(n.classDist);
    }

    @Override
    void train(double[] x, int y, double weight) {
        if (root == null) {
            root = new LeafNode(new double[opts.numClasses()]);
        }
        SplitNode parent = null;
        int branch = -1;
        Node node = root;
        while (node instanceof SplitNode s) {
            int b = s.branch(x);
            if (b < 0) {
                return;
            }
            parent = s;
            branch = b;
            node = s.children[b];
        }
        LeafNode leaf = (LeafNode) node;
        learnAt(leaf, x, y, weight);
        if (leaf.active) {
            double seen = leaf.weightSeen();
            if (seen - leaf.weightAtLastEvaluation >= opts.gracePeriod()) {
                attemptSplit(leaf, parent, branch);
                leaf.weightAtLastEvaluation = seen;
            }
        }
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
        encodeCommon(out);
    }

    public static HoeffdingTree decode(int codecVersion, DataInput in) throws IOException {
        ModelCodec.requireVersion(KIND, codecVersion, CODEC_VERSION);
        TreeOptions opts = readOptions(in);
        HoeffdingTree t = new HoeffdingTree(opts, in.readLong());
        t.readState(in);
        return t;
    }
}
