package io.tidewatch.learners.calibration;

import io.tidewatch.learners.codec.BodyArrays;
import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Learner;
import io.tidewatch.learners.model.Mergeable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Maps a detector's raw score to [0, 1]: the fraction of scores seen so far that are below it (ties count half), read
 * from a KLL quantile sketch (Apache DataSketches). A calibrated 0.99 means "higher than 99% of what this detector
 * has scored", whatever the detector's units, so scores of different detectors and instances compare.
 *
 * <p>With {@code window > 0} it follows drift: scores go into a current sketch which, after {@code window} scores,
 * replaces a previous one; ranks are read over both (and the last few scores, held exactly until they enter the
 * sketch in a batch), so they cover the last {@code window} to {@code 2 * window} scores. With {@code window = 0}
 * it is cumulative.
 *
 * <p>Two calibrators with the same {@code k} and window merge by merging their sketches, as if one had seen both
 * streams (to within the sketch's rank error). KLL compaction flips coins from a library-global unseeded random
 * source, so, alone in this library, calibrated ranks are deterministic only to within that rank error (about 1.3%
 * for {@code k = 200}) once more than a few hundred scores have been seen.
 */
public final class QuantileCalibrator implements Learner, Mergeable<QuantileCalibrator> {

    public static final String KIND = "quantile-calibrator";
    private static final int VERSION = 1;
    public static final int DEFAULT_K = 200;
    /**
     * Scores wait in a small exact buffer and enter the sketch in batches: KLL rebuilds its sorted view after every
     * update, which made a rank query per score cost more than the detectors themselves.
     */
    private static final int BATCH = 64;
    /** A serialized sketch larger than this is a corrupt length (k = 65535 stays far below it). */
    private static final int MAX_SKETCH_BYTES = 1 << 26;

    private final int k;
    private final int window;
    private KllDoublesSketch current;
    private KllDoublesSketch previous;
    private final double[] pending = new double[BATCH];
    private int pendingCount;
    private long examples;

    public QuantileCalibrator(int k, int window) {
        if (k < 8 || k > 65535) {
            throw new IllegalArgumentException(KIND + ": k=" + k + ", expected 8..65535");
        }
        if (window < 0) {
            throw new IllegalArgumentException(KIND + ": window=" + window + ", expected >= 0 (0 = cumulative)");
        }
        this.k = k;
        this.window = window;
        this.current = KllDoublesSketch.newHeapInstance(k);
    }

    /** Cumulative calibration with the default sketch size. */
    public QuantileCalibrator() {
        this(DEFAULT_K, 0);
    }

    /** The mid-rank of {@code raw} among the scores seen so far, in [0, 1]; 0.5 before any score was seen. */
    public double calibrate(double raw) {
        requireFinite(raw);
        long nCurrent = current.getN();
        long nPrevious = previous == null ? 0 : previous.getN();
        if (nCurrent + nPrevious + pendingCount == 0) {
            return 0.5;
        }
        double below = 0;
        for (int i = 0; i < pendingCount; i++) {
            below += pending[i] < raw ? 1.0 : pending[i] == raw ? 0.5 : 0.0;
        }
        if (nCurrent > 0) {
            below += nCurrent * midRank(current, raw);
        }
        if (nPrevious > 0) {
            below += nPrevious * midRank(previous, raw);
        }
        return below / (nCurrent + nPrevious + pendingCount);
    }

    private static double midRank(KllDoublesSketch sketch, double raw) {
        return 0.5 * (sketch.getRank(raw, QuantileSearchCriteria.EXCLUSIVE)
                + sketch.getRank(raw, QuantileSearchCriteria.INCLUSIVE));
    }

    /** Adds a raw score to the distribution. */
    public void learn(double raw) {
        requireFinite(raw);
        examples++;
        pending[pendingCount++] = raw;
        if (pendingCount == BATCH) {
            flush();
        }
    }

    private void flush() {
        for (int i = 0; i < pendingCount; i++) {
            add(pending[i]);
        }
        pendingCount = 0;
    }

    private void add(double raw) {
        current.update(raw);
        if (window > 0 && current.getN() >= window) {
            previous = current;
            current = KllDoublesSketch.newHeapInstance(k);
        }
    }

    /** The calibrated score before learning it. */
    public double calibrateThenLearn(double raw) {
        double c = calibrate(raw);
        learn(raw);
        return c;
    }

    private static void requireFinite(double raw) {
        if (!Double.isFinite(raw)) {
            throw new IllegalArgumentException(KIND + ": raw score " + raw + ", expected a finite number");
        }
    }

    @Override
    public void merge(QuantileCalibrator other) {
        if (other == null) {
            throw new IllegalArgumentException(KIND + ": cannot merge null");
        }
        if (other.k != k || other.window != window) {
            throw new IllegalArgumentException(KIND + ": cannot merge (k " + other.k + ", window " + other.window
                    + ") into (k " + k + ", window " + window + ")");
        }
        current.merge(other.current);
        if (other.previous != null) {
            if (previous == null) {
                previous = KllDoublesSketch.newHeapInstance(k);
            }
            previous.merge(other.previous);
        }
        for (int i = 0; i < other.pendingCount; i++) {
            add(other.pending[i]);
        }
        examples += other.examples;
    }

    @Override
    public long memoryBytes() {
        return 96 + 8L * BATCH + current.getSerializedSizeBytes() + (previous == null ? 0 : previous.getSerializedSizeBytes());
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

    @Override
    public void encodeBody(DataOutput out) throws IOException {
        out.writeInt(k);
        out.writeInt(window);
        out.writeLong(examples);
        out.writeByte(pendingCount);
        BodyArrays.writeValues(out, pending, pendingCount);
        writeSketch(out, current);
        out.writeBoolean(previous != null);
        if (previous != null) {
            writeSketch(out, previous);
        }
    }

    private static void writeSketch(DataOutput out, KllDoublesSketch sketch) throws IOException {
        BodyArrays.writeBytes(out, sketch.toByteArray());
    }

    private static KllDoublesSketch readSketch(DataInput in, String field) throws IOException {
        // heapify, not wrap: the calibrator keeps updating it.
        return KllDoublesSketch.heapify(Memory.wrap(BodyArrays.readBlob(in, KIND, field, MAX_SKETCH_BYTES)));
    }

    public static QuantileCalibrator decode(int version, DataInput in) throws IOException {
        ModelCodec.requireVersion(KIND, version, VERSION);
        QuantileCalibrator c = new QuantileCalibrator(in.readInt(), in.readInt());
        c.examples = in.readLong();
        c.pendingCount = in.readUnsignedByte();
        if (c.pendingCount >= BATCH) {
            throw new IllegalArgumentException(KIND + ": " + c.pendingCount + " pending scores, expected < " + BATCH);
        }
        BodyArrays.readValues(in, c.pending, c.pendingCount);
        c.current = readSketch(in, "current sketch");
        if (in.readBoolean()) {
            c.previous = readSketch(in, "previous sketch");
        }
        return c;
    }
}
