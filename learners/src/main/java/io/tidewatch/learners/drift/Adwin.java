package io.tidewatch.learners.drift;

import io.tidewatch.learners.codec.Encodable;
import io.tidewatch.learners.codec.ModelCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * ADWIN2 (Bifet and Gavaldà, 2007): an adaptive window over a real-valued stream, kept as an exponential histogram
 * of buckets, that drops its oldest part whenever two sub-windows have means that differ by more than the
 * confidence bound for {@code delta}. A detection reports a change in either direction; callers watching an error
 * rate compare {@link #estimation()} before and after an update to keep only degradations.
 *
 * <p>The bucket layout, the check clock (every 32 values), the minimum sub-window length and the bound follow
 * MOA's {@code ADWIN} so that learners built on it behave as their MOA counterparts do. Bucket row {@code i}
 * holds up to {@value #MAX_BUCKETS_PER_ROW} buckets of {@code 2^i} values each; row 0 is the newest and, within a
 * row, index 0 is the oldest bucket.
 */
public final class Adwin implements DriftDetector, Encodable {

    public static final String KIND = "adwin";
    public static final double DEFAULT_DELTA = 0.002;
    private static final int CODEC_VERSION = 1;

    static final int MAX_BUCKETS_PER_ROW = 5;
    private static final int ROW_CAPACITY = MAX_BUCKETS_PER_ROW + 1;
    private static final int CHECK_CLOCK = 32;
    private static final int MIN_WINDOW_FOR_CHECK = 10;
    private static final int MIN_SUBWINDOW = 5;

    private final double delta;
    private long time;
    private int width;
    private double total;
    private double variance;
    /** Rows 0..lastRow exist; row r's buckets are at [r * ROW_CAPACITY, r * ROW_CAPACITY + rowCount[r]). */
    private int lastRow;
    private int[] rowCount;
    private double[] bucketTotal;
    private double[] bucketVariance;
    private boolean changed;

    public Adwin() {
        this(DEFAULT_DELTA);
    }

    /** @param delta confidence of a detection: smaller is more conservative; in (0, 1) */
    public Adwin(double delta) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("ADWIN delta " + delta + ": expected a number in (0, 1)");
        }
        this.delta = delta;
        this.rowCount = new int[4];
        this.bucketTotal = new double[4 * ROW_CAPACITY];
        this.bucketVariance = new double[4 * ROW_CAPACITY];
    }

    public double delta() {
        return delta;
    }

    /** Number of values in the current window. */
    public int width() {
        return width;
    }

    @Override
    public double estimation() {
        return width > 0 ? total / width : 0.0;
    }

    @Override
    public boolean detectedChange() {
        return changed;
    }

    /** ADWIN has no warning zone; a second ADWIN with a larger delta plays that role where one is wanted. */
    @Override
    public boolean inWarningZone() {
        return false;
    }

    @Override
    public DriftState update(double value) {
        return add(value) ? DriftState.DRIFT : DriftState.STABLE;
    }

    /** Adds {@code value}; returns whether the window was cut (a change in either direction). */
    public boolean add(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("ADWIN value " + value + ": expected a finite number");
        }
        time++;
        insert(value);
        changed = false;
        if (time % CHECK_CLOCK == 0 && width > MIN_WINDOW_FOR_CHECK) {
            changed = shrinkWhileCut();
        }
        return changed;
    }

    private void insert(double value) {
        width++;
        append(0, value, 0.0);
        if (width > 1) {
            double d = value - total / (width - 1);
            variance += (width - 1) * d * d / width;
        }
        total += value;
        compress();
    }

    private void append(int row, double sum, double var) {
        ensureRow(row);
        int at = row * ROW_CAPACITY + rowCount[row];
        bucketTotal[at] = sum;
        bucketVariance[at] = var;
        rowCount[row]++;
    }

    private void ensureRow(int row) {
        if (row >= rowCount.length) {
            int rows = Math.max(row + 1, rowCount.length * 2);
            rowCount = Arrays.copyOf(rowCount, rows);
            bucketTotal = Arrays.copyOf(bucketTotal, rows * ROW_CAPACITY);
            bucketVariance = Arrays.copyOf(bucketVariance, rows * ROW_CAPACITY);
        }
        if (row > lastRow) {
            lastRow = row;
        }
    }

    /** Removes the {@code n} oldest buckets of a row. */
    private void dropOldest(int row, int n) {
        int base = row * ROW_CAPACITY;
        int keep = rowCount[row] - n;
        System.arraycopy(bucketTotal, base + n, bucketTotal, base, keep);
        System.arraycopy(bucketVariance, base + n, bucketVariance, base, keep);
        rowCount[row] = keep;
    }

    private void compress() {
        for (int row = 0; rowCount[row] == ROW_CAPACITY; row++) {
            int base = row * ROW_CAPACITY;
            double n = 1L << row;
            double u1 = bucketTotal[base] / n;
            double u2 = bucketTotal[base + 1] / n;
            double merged = n * n * (u1 - u2) * (u1 - u2) / (n + n);
            append(row + 1, bucketTotal[base] + bucketTotal[base + 1],
                    bucketVariance[base] + bucketVariance[base + 1] + merged);
            dropOldest(row, 2);
            if (rowCount[row + 1] <= MAX_BUCKETS_PER_ROW) {
                break;
            }
        }
    }

    /** Drops the oldest bucket; returns its size. */
    private int deleteOldest() {
        int base = lastRow * ROW_CAPACITY;
        int n1 = 1 << lastRow;
        width -= n1;
        total -= bucketTotal[base];
        double u1 = bucketTotal[base] / n1;
        double d = u1 - total / width;
        variance -= bucketVariance[base] + (double) n1 * width * d * d / (n1 + width);
        dropOldest(lastRow, 1);
        if (rowCount[lastRow] == 0) {
            lastRow--;
        }
        return n1;
    }

    private boolean shrinkWhileCut() {
        boolean cut = false;
        boolean again = true;
        while (again) {
            again = false;
            boolean exit = false;
            int n0 = 0;
            int n1 = width;
            double u0 = 0;
            double u1 = total;
            double v0 = 0;
            double v1 = variance;
            // The bound's width-dependent terms are fixed until a bucket is dropped, which restarts the scan.
            double dd = Math.log(2 * Math.log(width) / delta);
            double v = variance / width;
            for (int row = lastRow; row >= 0 && !exit; row--) {
                double n2 = 1L << row;
                int base = row * ROW_CAPACITY;
                int count = rowCount[row];
                for (int k = 0; k < count; k++) {
                    double u2 = bucketTotal[base + k];
                    double var2 = bucketVariance[base + k];
                    if (n0 > 0) {
                        double d = u0 / n0 - u2 / n2;
                        v0 += var2 + n0 * n2 * d * d / (n0 + n2);
                    }
                    if (n1 > 0) {
                        double d = u1 / n1 - u2 / n2;
                        v1 -= var2 + n1 * n2 * d * d / (n1 + n2);
                    }
                    n0 += (int) n2;
                    n1 -= (int) n2;
                    u0 += u2;
                    u1 -= u2;
                    if (row == 0 && k == count - 1) {
                        exit = true;
                        break;
                    }
                    if (n1 > MIN_SUBWINDOW + 1 && n0 > MIN_SUBWINDOW + 1
                            && cutExpression(n0, n1, u0 / n0 - u1 / n1, dd, v)) {
                        again = true;
                        cut = true;
                        if (width > 0) {
                            deleteOldest();
                            exit = true;
                            break;
                        }
                    }
                }
            }
        }
        return cut;
    }

    private static boolean cutExpression(int n0, int n1, double meanDifference, double dd, double v) {
        double m = 1.0 / (n0 - MIN_SUBWINDOW + 1) + 1.0 / (n1 - MIN_SUBWINDOW + 1);
        double epsilon = Math.sqrt(2 * m * v * dd) + 2.0 / 3.0 * dd * m;
        return Math.abs(meanDifference) > epsilon;
    }

    /** Approximate retained heap size in bytes. */
    public long memoryBytes() {
        return 64 + 16 + 4L * rowCount.length + 2 * (16 + 8L * bucketTotal.length);
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
        out.writeDouble(delta);
        out.writeLong(time);
        out.writeInt(width);
        out.writeDouble(total);
        out.writeDouble(variance);
        out.writeBoolean(changed);
        out.writeInt(lastRow);
        for (int row = 0; row <= lastRow; row++) {
            out.writeByte(rowCount[row]);
            int base = row * ROW_CAPACITY;
            for (int k = 0; k < rowCount[row]; k++) {
                out.writeDouble(bucketTotal[base + k]);
                out.writeDouble(bucketVariance[base + k]);
            }
        }
    }

    /** Reads what {@link #encodeBody} wrote; used directly by models that embed ADWIN instances. */
    public static Adwin decodeBody(int codecVersion, DataInput in) throws IOException {
        ModelCodec.requireVersion(KIND, codecVersion, CODEC_VERSION);
        Adwin a = new Adwin(in.readDouble());
        a.time = in.readLong();
        a.width = in.readInt();
        a.total = in.readDouble();
        a.variance = in.readDouble();
        a.changed = in.readBoolean();
        int last = in.readInt();
        if (last < 0 || last > 62 || a.width < 0) {
            throw new IOException("ADWIN body: last row " + last + ", width " + a.width + " out of range");
        }
        for (int row = 0; row <= last; row++) {
            int count = in.readUnsignedByte();
            if (count > MAX_BUCKETS_PER_ROW) {
                throw new IOException("ADWIN body: " + count + " buckets in row " + row + ", at most "
                        + MAX_BUCKETS_PER_ROW);
            }
            a.ensureRow(row);
            for (int k = 0; k < count; k++) {
                a.append(row, in.readDouble(), in.readDouble());
            }
        }
        a.lastRow = last;
        return a;
    }
}
