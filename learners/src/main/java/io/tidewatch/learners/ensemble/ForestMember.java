package io.tidewatch.learners.ensemble;

import io.tidewatch.learners.drift.Adwin;
import io.tidewatch.learners.tree.HoeffdingTree;
import io.tidewatch.learners.tree.StreamRandom;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One tree of an {@link AdaptiveRandomForest} with its running accuracy (the weight of its vote), its warning and
 * drift detectors over its 0/1 error, and the background tree grown since the last warning.
 */
final class ForestMember {

    HoeffdingTree tree;
    /** Prequential accuracy of {@link #tree} since it was created (or last replaced). */
    double correctWeight;
    double seenWeight;
    long createdOn;
    Adwin drift;
    Adwin warning;
    /** Grown since the last warning, replaces {@link #tree} on the next drift; null when none. */
    ForestMember background;
    int drifts;
    int warnings;

    ForestMember(HoeffdingTree tree, long createdOn, double driftDelta, double warningDelta) {
        this.tree = tree;
        this.createdOn = createdOn;
        this.drift = new Adwin(driftDelta);
        this.warning = new Adwin(warningDelta);
    }

    /** Vote weight as MOA's forest uses it: accuracy in percent (0 when nothing was evaluated yet). */
    double accuracyPercent() {
        return seenWeight > 0 ? correctWeight / seenWeight * 100.0 : 0.0;
    }

    void evaluate(int predicted, int y, double weight) {
        seenWeight += weight;
        if (predicted == y) {
            correctWeight += weight;
        }
    }

    /**
     * Trains on one example with its bagging weight, then (as MOA does, on the updated tree) feeds the detectors:
     * a warning starts a fresh background tree (seeded from {@code seeds}); a drift swaps it in, or resets the tree
     * when there is none. Like MOA's ADWIN change detector, a change in either direction counts: a tree whose error
     * fell abruptly is also renewed, which on elec is worth about 0.1 point of accuracy.
     */
    void train(double[] x, int y, double weight, double baseWeight, long now, StreamRandom seeds) {
        tree.learn(x, y, weight);
        if (background != null) {
            background.tree.learn(x, y, baseWeight);
        }
        double error = argMax(tree.classVotes(x)) == y ? 0.0 : 1.0;
        if (warning.add(error)) {
            warnings++;
            background = new ForestMember(new HoeffdingTree(tree.options(), seeds.nextSeed()), now, drift.delta(),
                    warning.delta());
            warning = new Adwin(warning.delta());
        }
        if (drift.add(error)) {
            drifts++;
            if (background != null) {
                tree = background.tree;
                createdOn = background.createdOn;
                warning = background.warning;
                background = null;
            } else {
                tree.reset();
                createdOn = now;
            }
            drift = new Adwin(drift.delta());
            correctWeight = 0;
            seenWeight = 0;
        }
    }

    static int argMax(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }

    long memoryBytes() {
        return 80 + tree.memoryBytes() + drift.memoryBytes() + warning.memoryBytes()
                + (background == null ? 0 : background.memoryBytes());
    }

    void encode(DataOutput out) throws IOException {
        out.writeShort(tree.codecVersion());
        tree.encodeBody(out);
        out.writeDouble(correctWeight);
        out.writeDouble(seenWeight);
        out.writeLong(createdOn);
        out.writeInt(drifts);
        out.writeInt(warnings);
        drift.encodeBody(out);
        warning.encodeBody(out);
        out.writeBoolean(background != null);
        if (background != null) {
            background.encode(out);
        }
    }

    static ForestMember decode(DataInput in, int depth) throws IOException {
        HoeffdingTree tree = HoeffdingTree.decode(in.readUnsignedShort(), in);
        ForestMember m = new ForestMember(tree, 0, Adwin.DEFAULT_DELTA, Adwin.DEFAULT_DELTA);
        m.correctWeight = in.readDouble();
        m.seenWeight = in.readDouble();
        m.createdOn = in.readLong();
        m.drifts = in.readInt();
        m.warnings = in.readInt();
        m.drift = Adwin.decodeBody(1, in);
        m.warning = Adwin.decodeBody(1, in);
        if (in.readBoolean()) {
            if (depth > 0) {
                throw new IOException("forest body: a background tree with its own background tree");
            }
            m.background = decode(in, depth + 1);
        }
        return m;
    }
}
