package io.tidewatch.streams.host;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A damped incremental statistic (Kitsune's AfterImage "incStat"): weight, linear sum and squared sum that decay
 * by half every {@code halfLifeS} seconds, so mean and standard deviation describe the recent past at that time
 * scale. Decay is applied lazily at the next insert or read, with the elapsed time since the last update.
 */
public final class DampedStat {

    private double w;
    private double ls;
    private double ss;

    /** Multiplies the sums by the decay over {@code elapsedS} seconds at half-life {@code halfLifeS}. */
    public void decay(double elapsedS, double halfLifeS) {
        if (elapsedS > 0) {
            double f = Math.pow(2, -elapsedS / halfLifeS);
            w *= f;
            ls *= f;
            ss *= f;
        }
    }

    public void insert(double x) {
        w += 1;
        ls += x;
        ss += x * x;
    }

    public double weight() {
        return w;
    }

    public double mean() {
        return w > 0 ? ls / w : 0;
    }

    public double variance() {
        if (w <= 0) {
            return 0;
        }
        double m = ls / w;
        return Math.abs(ss / w - m * m);
    }

    public double std() {
        return Math.sqrt(variance());
    }

    void write(DataOutput out) throws IOException {
        out.writeDouble(w);
        out.writeDouble(ls);
        out.writeDouble(ss);
    }

    void read(DataInput in) throws IOException {
        w = in.readDouble();
        ls = in.readDouble();
        ss = in.readDouble();
    }
}
