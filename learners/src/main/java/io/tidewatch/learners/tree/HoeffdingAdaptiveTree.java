package io.tidewatch.learners.tree;

import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.drift.Adwin;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The Hoeffding Adaptive Tree (Bifet and Gavaldà, 2009): a Hoeffding tree whose every node watches its own error
 * with ADWIN. When a node's error rises it starts an alternate subtree; once both have been evaluated on more than
 * 300 examples, the alternate replaces the node if it is significantly better (or is dropped if significantly
 * worse). Leaves learn with Poisson(1) weights, and prediction sums the votes of every leaf the example reaches,
 * each normalized by its error squared.
 *
 * <p>This follows MOA 2024.07.0's {@code HoeffdingAdaptiveTree} decision for decision, including its quirks, so
 * the accuracy is comparable: an alternate receives the position of the node that owns it, so an alternate leaf
 * that splits takes that node's place at once; an alternate subtree judged worse is kept (only an alternate leaf
 * is dropped); each new leaf's Poisson generator starts from seed 1, and a zero draw counts as weight 1.
 * Not thread-safe.
 */
public final class HoeffdingAdaptiveTree extends TreeModel {

    public static final String KIND = "hoeffding-adaptive-tree";
    private static final int CODEC_VERSION = 1;
    private static final double SWITCH_MIN_WIDTH = 300;
    private static final double SWITCH_DELTA = 0.05;
    private static final long LEAF_POISSON_SEED = 1L;

    public HoeffdingAdaptiveTree(TreeOptions opts) {
        this(opts, 1L);
    }

    /** @param seed drives the random attribute subspaces (only used when {@code opts.subspaceSize() > 0}) */
    public HoeffdingAdaptiveTree(TreeOptions opts, long seed) {
        super(java.util.Objects.requireNonNull(opts, "opts"), seed);
    }

    @Override
    void prepareNewLeaf(LeafNode leaf) {
        leaf.poissonState = new StreamRandom(LEAF_POISSON_SEED).state();
    }

    private LeafNode newLeaf() {
        LeafNode leaf = new LeafNode(new double[opts.numClasses()]);
        prepareNewLeaf(leaf);
        return leaf;
    }

    /** A leaf's votes, scaled by 1 / (sum * error^2) so that leaves with a low error weigh more. */
    private double[] leafVotes(LeafNode leaf, double[] x) {
        double[] dist = votesOf(leaf, x);
        double sum = 0;
        for (double d : dist) {
            sum += d;
        }
        double err = leaf.error == null ? 0.0 : leaf.error.estimation();
        double scale = sum * err * err;
        if (scale > 0.0) {
            for (int i = 0; i < dist.length; i++) {
                dist[i] /= scale;
            }
        }
        return dist;
    }

    @Override
    double[] rawVotes(double[] x) {
        double[] result = new double[opts.numClasses()];
        if (root != null) {
            collectVotes(root, x, false, result);
        }
        return result;
    }

    /** Adds the votes of every leaf reached; a leaf hanging directly as an alternate does not vote. */
    private void collectVotes(Node node, double[] x, boolean directAlternate, double[] result) {
        if (node instanceof LeafNode leaf) {
            if (!directAlternate) {
                double[] v = leafVotes(leaf, x);
                for (int i = 0; i < result.length; i++) {
                    result[i] += v[i];
                }
            }
            return;
        }
        SplitNode s = (SplitNode) node;
        int b = s.branch(x);
        if (b >= 0 && s.children[b] != null) {
            collectVotes(s.children[b], x, false, result);
        }
        if (s.alternate != null) {
            collectVotes(s.alternate, x, true, result);
        }
    }

    @Override
    void train(double[] x, int y, double weight) {
        if (root == null) {
            root = newLeaf();
        }
        learnNode(root, x, y, weight, null, -1);
    }

    private void learnNode(Node node, double[] x, int y, double weight, SplitNode parent, int branch) {
        if (node instanceof LeafNode leaf) {
            learnAtLeaf(leaf, x, y, weight, parent, branch);
        } else {
            learnAtSplit((SplitNode) node, x, y, weight, parent, branch);
        }
    }

    /** Feeds the error monitor; true when the error rose significantly. */
    private static boolean errorRose(Node node, boolean correct) {
        if (node.error == null) {
            node.error = new Adwin();
        }
        double before = node.error.estimation();
        boolean change = node.error.add(correct ? 0.0 : 1.0);
        return change && !(before > node.error.estimation());
    }

    private void learnAtLeaf(LeafNode leaf, double[] x, int y, double weight, SplitNode parent, int branch) {
        StreamRandom poisson = StreamRandom.fromState(leaf.poissonState);
        int k = poisson.poisson(1.0);
        leaf.poissonState = poisson.state();
        double w = k > 0 ? weight * k : weight;
        boolean correct = LeafNode.argMax(leafVotes(leaf, x)) == y;
        errorRose(leaf, correct);
        learnAt(leaf, x, y, w);
        if (leaf.active) {
            double seen = leaf.weightSeen();
            if (seen - leaf.weightAtLastEvaluation >= opts.gracePeriod()) {
                attemptSplit(leaf, parent, branch);
                leaf.weightAtLastEvaluation = seen;
            }
        }
    }

    private void learnAtSplit(SplitNode node, double[] x, int y, double weight, SplitNode parent, int branch) {
        Node reached = mainPathNode(node, x);
        double[] votes = reached instanceof LeafNode leaf ? leafVotes(leaf, x) : reached.classDist.clone();
        boolean correct = LeafNode.argMax(votes) == y;
        if (errorRose(node, correct)) {
            node.alternate = newLeaf();
        } else if (node.alternate != null && node.alternate.error != null) {
            considerSwitch(node, parent, branch);
        }
        if (node.alternate != null) {
            learnNode(node.alternate, x, y, weight, parent, branch);
        }
        int b = node.branch(x);
        if (b >= 0 && node.children[b] != null) {
            learnNode(node.children[b], x, y, weight, node, b);
        }
    }

    private void considerSwitch(SplitNode node, SplitNode parent, int branch) {
        Node alt = node.alternate;
        double width = node.error.width();
        double altWidth = alt.error.width();
        if (!(width > SWITCH_MIN_WIDTH && altWidth > SWITCH_MIN_WIDTH)) {
            return;
        }
        double oldRate = node.error.estimation();
        double altRate = alt.error.estimation();
        double n = 1.0 / altWidth + 1.0 / width;
        double bound = Math.sqrt(2.0 * oldRate * (1.0 - oldRate) * Math.log(2.0 / SWITCH_DELTA) * n);
        if (bound < oldRate - altRate) {
            if (parent != null) {
                parent.children[branch] = alt;
            } else if (root instanceof SplitNode r && r.alternate != null) {
                root = r.alternate;
            } else {
                root = alt;
            }
        } else if (bound < altRate - oldRate && alt instanceof LeafNode) {
            node.alternate = null;
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

    public static HoeffdingAdaptiveTree decode(int codecVersion, DataInput in) throws IOException {
        ModelCodec.requireVersion(KIND, codecVersion, CODEC_VERSION);
        TreeOptions opts = readOptions(in);
        HoeffdingAdaptiveTree t = new HoeffdingAdaptiveTree(opts, in.readLong());
        t.readState(in);
        return t;
    }
}
