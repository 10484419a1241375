package io.tidewatch.learners.tree;

import io.tidewatch.learners.drift.Adwin;

/** A node of a Hoeffding tree: its class distribution, and for adaptive trees the ADWIN of its error. */
abstract class Node {

    /** Weight of each class seen at this node (for a split node: at the moment it split). */
    final double[] classDist;
    /** Error monitor of the adaptive tree; null in a plain Hoeffding tree. */
    Adwin error;

    Node(double[] classDist) {
        this.classDist = classDist;
    }

    double weightSeen() {
        double s = 0;
        for (double d : classDist) {
            s += d;
        }
        return s;
    }

    abstract long memoryBytes();
}
