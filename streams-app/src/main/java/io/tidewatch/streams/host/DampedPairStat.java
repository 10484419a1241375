package io.tidewatch.streams.host;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A damped two-dimensional statistic of a (source, destination) pair, as Kitsune's 2-D incStat: stream a is what
 * the source sent per flow, stream b what the destination answered. Magnitude {@code sqrt(mean_a^2 + mean_b^2)},
 * radius {@code sqrt(var_a + var_b)}, and the damped covariance and correlation of a and b. Both streams are
 * updated together (one flow gives one a and one b), so a single weight serves both.
 */
public final class DampedPairStat {

    private double w;
    private double sa;
    private double saa;
    private double sb;
    private double sbb;
    private double sab;

    public void decay(double elapsedS, double halfLifeS) {
        if (elapsedS > 0) {
            double f = Math.pow(2, -elapsedS / halfLifeS);
            w *= f;
            sa *= f;
            saa *= f;
            sb *= f;
            sbb *= f;
            sab *= f;
        }
    }

    public void insert(double a, double b) {
        w += 1;
        sa += a;
        saa += a * a;
        sb += b;
        sbb += b * b;
        sab += a * b;
    }

    public double weight() {
        return w;
    }

    public double meanA() {
        return w > 0 ? sa / w : 0;
    }

    public double meanB() {
        return w > 0 ? sb / w : 0;
    }

    public double varianceA() {
        return w > 0 ? Math.abs(saa / w - meanA() * meanA()) : 0;
    }

    public double varianceB() {
        return w > 0 ? Math.abs(sbb / w - meanB() * meanB()) : 0;
    }

    public double magnitude() {
        return Math.sqrt(meanA() * meanA() + meanB() * meanB());
    }

    public double radius() {
        return Math.sqrt(varianceA() + varianceB());
    }

    public double covariance() {
        return w > 0 ? sab / w - meanA() * meanB() : 0;
    }

    /** Pearson correlation of a and b; 0 while either has no spread. */
    public double correlation() {
        double d = Math.sqrt(varianceA() * varianceB());
        if (d <= 1e-12) {
            return 0;
        }
        return Math.max(-1, Math.min(1, covariance() / d));
    }

    void write(DataOutput out) throws IOException {
        out.writeDouble(w);
        out.writeDouble(sa);
        out.writeDouble(saa);
        out.writeDouble(sb);
        out.writeDouble(sbb);
        out.writeDouble(sab);
    }

    void read(DataInput in) throws IOException {
        w = in.readDouble();
        sa = in.readDouble();
        saa = in.readDouble();
        sb = in.readDouble();
        sbb = in.readDouble();
        sab = in.readDouble();
    }
}
