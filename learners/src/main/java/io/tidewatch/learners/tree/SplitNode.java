package io.tidewatch.learners.tree;

import io.tidewatch.learners.model.HeapBytes;

/** A binary test {@code x[feature] <= threshold} (left) on a numeric attribute. */
final class SplitNode extends Node {

    final int feature;
    final double threshold;
    final Node[] children = new Node[2];
    /** Adaptive trees: the subtree grown since this node's error rose, candidate to replace it. */
    Node alternate;

    SplitNode(int feature, double threshold, double[] classDist) {
        super(classDist);
        this.feature = feature;
        this.threshold = threshold;
    }

    /** 0 (left), 1 (right), or -1 when the attribute is missing. */
    int branch(double[] x) {
        double v = x[feature];
        if (Double.isNaN(v)) {
            return -1;
        }
        return v <= threshold ? 0 : 1;
    }

    @Override
    long memoryBytes() {
        long b = 48 + HeapBytes.of(classDist) + 24 + (error == null ? 0 : error.memoryBytes());
        for (Node c : children) {
            if (c != null) {
                b += c.memoryBytes();
            }
        }
        if (alternate != null) {
            b += alternate.memoryBytes();
        }
        return b;
    }
}
