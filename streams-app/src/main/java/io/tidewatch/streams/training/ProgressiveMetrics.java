package io.tidewatch.streams.training;

import io.tidewatch.learners.evaluation.ClassificationMetrics;
import io.tidewatch.learners.evaluation.ConfusionMatrix;
import io.tidewatch.learners.evaluation.Window;
import io.tidewatch.learners.evaluation.WindowedRocAuc;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Progressive-validation figures of a binary classifier (class 1 = malicious), cumulative and over the last
 * {@code window} examples: accuracy, precision, recall and F1 of the malicious class, Cohen's kappa, ROC AUC of the
 * malicious probability; cumulatively also the confusion counts and the recall per attack class. Built on the
 * learners' evaluation package, and encodable so that a restarted trainer continues the same figures.
 *
 * <p>The cumulative ROC AUC is computed over 1000 probability bins (ties within a bin count half), so it needs
 * constant memory; the windowed one is exact.
 */
public final class ProgressiveMetrics {

    private static final int FORMAT = 1;
    static final int BINS = 1000;

    private final int window;
    private final ConfusionMatrix cumulative = new ConfusionMatrix(2);
    private final long[] positives = new long[BINS];
    private final long[] negatives = new long[BINS];
    /** Per attack class: examples, of which predicted malicious. */
    private final Map<String, long[]> attacks = new TreeMap<>();
    private final byte[] ringActual;
    private final byte[] ringPredicted;
    private final double[] ringScore;
    private long inWindow;
    private ClassificationMetrics windowed;
    private WindowedRocAuc windowedAuc;

    public ProgressiveMetrics(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("metrics window " + window + ": expected at least 1");
        }
        this.window = window;
        this.ringActual = new byte[window];
        this.ringPredicted = new byte[window];
        this.ringScore = new double[window];
        restartWindow();
    }

    /** Scores one prediction ({@code proba} of classes 0 and 1) of an example of class {@code actual}. */
    public void record(int actual, double[] proba, String attackClass) {
        if (actual != 0 && actual != 1) {
            throw new IllegalArgumentException("class " + actual + ": expected 0 or 1");
        }
        if (proba == null || proba.length != 2) {
            throw new IllegalArgumentException("probabilities: expected 2 values, got "
                    + (proba == null ? "null" : proba.length));
        }
        int predicted = proba[1] > proba[0] ? 1 : 0;
        double score = Math.max(0, Math.min(1, proba[1]));
        if (Double.isNaN(score)) {
            score = 0.5;
        }
        cumulative.add(actual, predicted, 1);
        int bin = Math.min(BINS - 1, (int) (score * BINS));
        (actual == 1 ? positives : negatives)[bin]++;
        if (actual == 1 && attackClass != null && !attackClass.isEmpty()) {
            long[] a = attacks.computeIfAbsent(attackClass, k -> new long[2]);
            a[0]++;
            a[1] += predicted;
        }
        addToWindow(actual, predicted, score);
    }

    private void addToWindow(int actual, int predicted, double score) {
        int slot = (int) (inWindow % window);
        ringActual[slot] = (byte) actual;
        ringPredicted[slot] = (byte) predicted;
        ringScore[slot] = score;
        windowed.update(actual, predicted);
        windowedAuc.add(score, actual == 1);
        inWindow++;
    }

    /** Empties the window (after a drift: figures from before it no longer describe the model). */
    public void restartWindow() {
        windowed = new ClassificationMetrics(2, Window.sliding(window));
        windowedAuc = new WindowedRocAuc(window, 1);
        inWindow = 0;
    }

    public long examples() {
        return (long) cumulative.total();
    }

    /** Examples in the window now. */
    public long windowCount() {
        return Math.min(inWindow, window);
    }

    public double windowedF1() {
        return windowed.f1(1);
    }

    public Map<String, Double> cumulative() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("examples", cumulative.total());
        m.put("accuracy", cumulative.accuracy());
        m.put("precision", cumulative.precision(1));
        m.put("recall", cumulative.recall(1));
        m.put("f1", cumulative.f1(1));
        m.put("kappa", cumulative.kappa());
        putIfNumber(m, "roc_auc", binnedAuc());
        m.put("tp", cumulative.count(1, 1));
        m.put("fp", cumulative.count(0, 1));
        m.put("tn", cumulative.count(0, 0));
        m.put("fn", cumulative.count(1, 0));
        attacks.forEach((name, a) -> {
            m.put("examples." + name, (double) a[0]);
            m.put("recall." + name, a[0] == 0 ? 0 : (double) a[1] / a[0]);
        });
        return m;
    }

    public Map<String, Double> windowed() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("examples", (double) windowCount());
        m.put("accuracy", windowed.accuracy());
        m.put("precision", windowed.precision(1));
        m.put("recall", windowed.recall(1));
        m.put("f1", windowed.f1(1));
        m.put("kappa", windowed.kappa());
        putIfNumber(m, "roc_auc", windowedAuc.rocAuc());
        return m;
    }

    private static void putIfNumber(Map<String, Double> m, String key, double v) {
        if (!Double.isNaN(v)) {
            m.put(key, v);
        }
    }

    /** ROC AUC from the bins: each positive beats the negatives of lower bins and ties half of its own. */
    private double binnedAuc() {
        double pos = 0;
        double neg = 0;
        double wins = 0;
        for (int b = 0; b < BINS; b++) {
            wins += positives[b] * (neg + 0.5 * negatives[b]);
            neg += negatives[b];
            pos += positives[b];
        }
        return pos == 0 || neg == 0 ? Double.NaN : wins / (pos * neg);
    }

    public void encode(DataOutput out) throws IOException {
        out.writeByte(FORMAT);
        out.writeInt(window);
        for (int a = 0; a < 2; a++) {
            for (int p = 0; p < 2; p++) {
                out.writeLong((long) cumulative.count(a, p));
            }
        }
        writeSparse(out, positives);
        writeSparse(out, negatives);
        out.writeInt(attacks.size());
        for (Map.Entry<String, long[]> e : attacks.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue()[0]);
            out.writeLong(e.getValue()[1]);
        }
        long n = windowCount();
        out.writeInt((int) n);
        // Oldest first, so that replaying rebuilds the window in order.
        for (long i = inWindow - n; i < inWindow; i++) {
            int slot = (int) (i % window);
            out.writeByte(ringActual[slot]);
            out.writeByte(ringPredicted[slot]);
            out.writeDouble(ringScore[slot]);
        }
    }

    public static ProgressiveMetrics decode(DataInput in) throws IOException {
        int format = in.readUnsignedByte();
        if (format != FORMAT) {
            throw new IllegalArgumentException("progressive metrics format " + format + ", expected " + FORMAT);
        }
        ProgressiveMetrics m = new ProgressiveMetrics(in.readInt());
        for (int a = 0; a < 2; a++) {
            for (int p = 0; p < 2; p++) {
                m.cumulative.add(a, p, in.readLong());
            }
        }
        readSparse(in, m.positives);
        readSparse(in, m.negatives);
        int attacks = in.readInt();
        for (int i = 0; i < attacks; i++) {
            m.attacks.put(in.readUTF(), new long[] {in.readLong(), in.readLong()});
        }
        int n = in.readInt();
        if (n < 0 || n > m.window) {
            throw new IllegalArgumentException("progressive metrics: " + n + " window entries for a window of " + m.window);
        }
        for (int i = 0; i < n; i++) {
            int actual = in.readUnsignedByte();
            int predicted = in.readUnsignedByte();
            m.addToWindow(actual, predicted, in.readDouble());
        }
        return m;
    }

    private static void writeSparse(DataOutput out, long[] bins) throws IOException {
        int nonZero = 0;
        for (long b : bins) {
            nonZero += b != 0 ? 1 : 0;
        }
        out.writeInt(nonZero);
        for (int i = 0; i < bins.length; i++) {
            if (bins[i] != 0) {
                out.writeShort(i);
                out.writeLong(bins[i]);
            }
        }
    }

    private static void readSparse(DataInput in, long[] bins) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > bins.length) {
            throw new IllegalArgumentException("progressive metrics: " + n + " bins, expected at most " + bins.length);
        }
        for (int i = 0; i < n; i++) {
            int bin = in.readUnsignedShort();
            if (bin >= bins.length) {
                throw new IllegalArgumentException("progressive metrics: bin " + bin + " out of range");
            }
            bins[bin] = in.readLong();
        }
    }
}
