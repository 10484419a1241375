package io.tidewatch.learners.tree;

import io.tidewatch.learners.codec.BodyArrays;
import io.tidewatch.learners.drift.Adwin;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Writes and reads a subtree, depth first: a tag byte (leaf or split), the node's state, then its children. */
final class NodeCodec {

    private static final int NONE = 0;
    private static final int LEAF = 1;
    private static final int SPLIT = 2;
    private static final int ADWIN_VERSION = 1;

    private NodeCodec() {
    }

    static void write(Node node, DataOutput out) throws IOException {
        if (node == null) {
            out.writeByte(NONE);
            return;
        }
        out.writeByte(node instanceof LeafNode ? LEAF : SPLIT);
        BodyArrays.writeValues(out, node.classDist);
        out.writeBoolean(node.error != null);
        if (node.error != null) {
            node.error.encodeBody(out);
        }
        if (node instanceof LeafNode leaf) {
            out.writeBoolean(leaf.classesSeen);
            out.writeBoolean(leaf.active);
            out.writeDouble(leaf.weightAtLastEvaluation);
            out.writeDouble(leaf.majorityCorrect);
            out.writeDouble(leaf.naiveBayesCorrect);
            out.writeLong(leaf.poissonState);
            out.writeInt(leaf.features == null ? -1 : leaf.features.length);
            if (leaf.features != null) {
                for (int f : leaf.features) {
                    out.writeInt(f);
                }
                BodyArrays.writeValues(out, leaf.stats);
            }
        } else {
            SplitNode split = (SplitNode) node;
            out.writeInt(split.feature);
            out.writeDouble(split.threshold);
            write(split.children[0], out);
            write(split.children[1], out);
            write(split.alternate, out);
        }
    }

    static Node read(DataInput in, int numClasses, int numFeatures, int depth) throws IOException {
        if (depth > 10_000) {
            throw new IOException("tree body: deeper than 10000 levels, corrupt");
        }
        int tag = in.readUnsignedByte();
        if (tag == NONE) {
            return null;
        }
        if (tag != LEAF && tag != SPLIT) {
            throw new IOException("tree body: node tag " + tag + ", expected 0, 1 or 2");
        }
        double[] dist = new double[numClasses];
        BodyArrays.readValues(in, dist);
        Adwin error = in.readBoolean() ? Adwin.decodeBody(ADWIN_VERSION, in) : null;
        Node node;
        if (tag == LEAF) {
            LeafNode leaf = new LeafNode(dist);
            leaf.classesSeen = in.readBoolean();
            leaf.active = in.readBoolean();
            leaf.weightAtLastEvaluation = in.readDouble();
            leaf.majorityCorrect = in.readDouble();
            leaf.naiveBayesCorrect = in.readDouble();
            leaf.poissonState = in.readLong();
            int nf = in.readInt();
            if (nf > numFeatures || nf < -1) {
                throw new IOException("tree body: leaf with " + nf + " features, model has " + numFeatures);
            }
            if (nf >= 0) {
                leaf.features = new int[nf];
                for (int j = 0; j < nf; j++) {
                    int f = in.readInt();
                    if (f < 0 || f >= numFeatures) {
                        throw new IOException("tree body: feature index " + f + " out of 0.." + (numFeatures - 1));
                    }
                    leaf.features[j] = f;
                }
                leaf.stats = new double[nf * numClasses * LeafNode.STRIDE];
                BodyArrays.readValues(in, leaf.stats);
            }
            node = leaf;
        } else {
            int feature = in.readInt();
            if (feature < 0 || feature >= numFeatures) {
                throw new IOException("tree body: split feature " + feature + " out of 0.." + (numFeatures - 1));
            }
            SplitNode split = new SplitNode(feature, in.readDouble(), dist);
            split.children[0] = read(in, numClasses, numFeatures, depth + 1);
            split.children[1] = read(in, numClasses, numFeatures, depth + 1);
            split.alternate = read(in, numClasses, numFeatures, depth + 1);
            node = split;
        }
        node.error = error;
        return node;
    }
}
