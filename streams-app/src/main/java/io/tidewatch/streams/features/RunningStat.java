package io.tidewatch.streams.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Count, min, max, mean and standard deviation of a series in one pass (Welford's update), so a flow's statistics
 * need neither its packets nor a second pass. The standard deviation is the sample one (n - 1), as CICFlowMeter
 * (commons-math SummaryStatistics) and NFStream report it; it is 0 below two values.
 */
public final class RunningStat {

    private long n;
    private double mean;
    private double m2;
    private double min;
    private double max;

    public void add(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("value " + x + ": expected a finite number");
        }
        n++;
        if (n == 1) {
            min = x;
            max = x;
        } else {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double delta = x - mean;
        mean += delta / n;
        m2 += delta * (x - mean);
    }

    public long count() {
        return n;
    }

    public double min() {
        return n == 0 ? 0 : min;
    }

    public double max() {
        return n == 0 ? 0 : max;
    }

    public double mean() {
        return n == 0 ? 0 : mean;
    }

    public double std() {
        return n < 2 ? 0 : Math.sqrt(Math.max(0, m2 / (n - 1)));
    }

    public RunningStat copy() {
        RunningStat c = new RunningStat();
        c.n = n;
        c.mean = mean;
        c.m2 = m2;
        c.min = min;
        c.max = max;
        return c;
    }

    public void reset() {
        n = 0;
        mean = 0;
        m2 = 0;
        min = 0;
        max = 0;
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(n);
        if (n > 0) {
            out.writeDouble(mean);
            out.writeDouble(m2);
            out.writeDouble(min);
            out.writeDouble(max);
        }
    }

    void read(DataInput in) throws IOException {
        n = in.readLong();
        if (n < 0) {
            throw new IOException("running stat count " + n + ": expected >= 0");
        }
        if (n > 0) {
            mean = in.readDouble();
            m2 = in.readDouble();
            min = in.readDouble();
            max = in.readDouble();
        } else {
            mean = m2 = min = max = 0;
        }
    }
}
