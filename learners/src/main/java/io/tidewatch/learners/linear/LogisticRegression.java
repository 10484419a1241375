package io.tidewatch.learners.linear;

import io.tidewatch.learners.codec.BodyArrays;
import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Classifier;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Online logistic regression trained by FTRL-Proximal (McMahan et al., 2013): per-coordinate adaptive learning
 * rates, with optional L1 (sparse weights) and L2. Two classes use one sigmoid weight vector; more classes use a
 * softmax with one weight vector per class. An intercept is always learned.
 *
 * <h2>Feature scaling</h2>
 * Gradient steps are proportional to feature values, so features on very different scales (bytes next to flags)
 * make a linear learner slow to converge or unstable. By default ({@code standardize = true}) every feature is
 * standardised on the fly with its running mean and standard deviation (Welford, updated on learn), so raw
 * network counters can be given as they are. Heavy-tailed counters (bytes, packets, durations) still profit
 * from a {@code log1p} first; turn {@code standardize} off only for features already on a unit scale
 * (one-hot, [0, 1]), which keeps zeros as zeros and the model sparse.
 */
public final class LogisticRegression implements Classifier {

    public static final String KIND = "logistic-regression";
    private static final int CODEC_VERSION = 1;

    private final int numFeatures;
    private final int numClasses;
    private final double alpha;
    private final double beta;
    private final double l1;
    private final double l2;
    private final boolean standardize;
    /** Weight vectors: one (binary) or numClasses of them, each numFeatures + 1 long, the intercept last. */
    private final int vectors;
    private final int stride;
    private final double[] z;
    private final double[] n;
    private final double[] w;
    /** Running per-feature moments for standardisation. */
    private final double[] featureMean;
    private final double[] featureM2;
    private final double[] featureCount;
    private long examplesSeen;

    /**
     * @param alpha FTRL learning-rate scale (&gt; 0); 0.1 to 1 suits standardised features
     * @param beta  FTRL learning-rate smoothing (&gt;= 0); 1 is the usual value
     * @param l1    L1 strength (&gt;= 0)
     * @param l2    L2 strength (&gt;= 0)
     * @param standardize scale each feature by its running mean and standard deviation
     */
    public LogisticRegression(int numFeatures, int numClasses, double alpha, double beta, double l1, double l2,
            boolean standardize) {
        if (numFeatures < 1) {
            throw new IllegalArgumentException("numFeatures " + numFeatures + ": expected at least 1");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses " + numClasses + ": expected at least 2");
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha " + alpha + ": expected a finite number > 0");
        }
        requireNonNegative("beta", beta);
        requireNonNegative("l1", l1);
        requireNonNegative("l2", l2);
        this.numFeatures = numFeatures;
        this.numClasses = numClasses;
        this.alpha = alpha;
        this.beta = beta;
        this.l1 = l1;
        this.l2 = l2;
        this.standardize = standardize;
        this.vectors = numClasses == 2 ? 1 : numClasses;
        this.stride = numFeatures + 1;
        this.z = new double[vectors * stride];
        this.n = new double[vectors * stride];
        this.w = new double[vectors * stride];
        this.featureMean = new double[numFeatures];
        this.featureM2 = new double[numFeatures];
        this.featureCount = new double[numFeatures];
    }

    /** Defaults: alpha 0.5, beta 1, no regularisation, standardised features. */
    public LogisticRegression(int numFeatures, int numClasses) {
        this(numFeatures, numClasses, 0.5, 1.0, 0.0, 0.0, true);
    }

    private static void requireNonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " " + v + ": expected a finite number >= 0");
        }
    }

    @Override
    public double[] predictProba(double[] x) {
        double[] xs = scaled(x);
        double[] p = new double[numClasses];
        if (vectors == 1) {
            double s = sigmoid(dot(0, xs));
            p[0] = 1 - s;
            p[1] = s;
            return p;
        }
        softmax(xs, p);
        return p;
    }

    private void softmax(double[] xs, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < numClasses; k++) {
            p[k] = dot(k, xs);
            max = Math.max(max, p[k]);
        }
        double sum = 0;
        for (int k = 0; k < numClasses; k++) {
            p[k] = Math.exp(p[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < numClasses; k++) {
            p[k] /= sum;
        }
    }

    private double dot(int k, double[] xs) {
        int base = k * stride;
        double s = w[base + numFeatures];
        for (int f = 0; f < numFeatures; f++) {
            s += w[base + f] * xs[f];
        }
        return s;
    }

    private static double sigmoid(double s) {
        return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
    }

    /** x standardised with the moments learned so far; missing values (NaN) become 0, the running mean. */
    private double[] scaled(double[] x) {
        if (x == null || x.length != numFeatures) {
            throw new IllegalArgumentException("features: expected " + numFeatures + " values, got "
                    + (x == null ? "null" : x.length));
        }
        double[] xs = new double[numFeatures];
        for (int f = 0; f < numFeatures; f++) {
            double v = x[f];
            if (Double.isNaN(v)) {
                continue;
            }
            if (standardize) {
                double var = featureCount[f] > 1 ? featureM2[f] / (featureCount[f] - 1) : 0;
                xs[f] = var > 0 ? (v - featureMean[f]) / Math.sqrt(var) : 0;
            } else {
                xs[f] = v;
            }
        }
        return xs;
    }

    @Override
    public void learn(double[] x, int y) {
        learn(x, y, 1.0);
    }

    @Override
    public void learn(double[] x, int y, double weight) {
        if (y < 0 || y >= numClasses) {
            throw new IllegalArgumentException("class " + y + ": expected 0.." + (numClasses - 1));
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight " + weight + ": expected a finite number >= 0");
        }
        double[] xs = scaled(x);
        if (standardize) {
            // Moments move after scaling so the step uses the same view of x that the prediction used.
            for (int f = 0; f < numFeatures; f++) {
                double v = x[f];
                if (Double.isNaN(v)) {
                    continue;
                }
                double d = v - featureMean[f];
                featureMean[f] += d / ++featureCount[f];
                featureM2[f] += d * (v - featureMean[f]);
            }
        }
        examplesSeen++;
        if (weight == 0) {
            return;
        }
        if (vectors == 1) {
            double g = (sigmoid(dot(0, xs)) - y) * weight;
            step(0, xs, g);
        } else {
            double[] p = new double[numClasses];
            softmax(xs, p);
            for (int k = 0; k < numClasses; k++) {
                step(k, xs, (p[k] - (k == y ? 1 : 0)) * weight);
            }
        }
    }

    private void step(int k, double[] xs, double g) {
        int base = k * stride;
        for (int f = 0; f <= numFeatures; f++) {
            double xv = f == numFeatures ? 1.0 : xs[f];
            if (xv == 0) {
                continue;
            }
            int i = base + f;
            double gi = g * xv;
            double nNew = n[i] + gi * gi;
            double sigma = (Math.sqrt(nNew) - Math.sqrt(n[i])) / alpha;
            z[i] += gi - sigma * w[i];
            n[i] = nNew;
            double zi = z[i];
            w[i] = Math.abs(zi) <= l1 ? 0.0
                    : -(zi - Math.signum(zi) * l1) / ((beta + Math.sqrt(nNew)) / alpha + l2);
        }
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    /** Weight of feature {@code f} (or the intercept at {@code f = numFeatures}) for class vector {@code k}. */
    public double weight(int k, int f) {
        return w[k * stride + f];
    }

    @Override
    public long memoryBytes() {
        return 128 + 5 * 16 + 8L * (3L * z.length + 3L * numFeatures);
    }

    @Override
    public long examplesSeen() {
        return examplesSeen;
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
        out.writeInt(numFeatures);
        out.writeInt(numClasses);
        out.writeDouble(alpha);
        out.writeDouble(beta);
        out.writeDouble(l1);
        out.writeDouble(l2);
        out.writeBoolean(standardize);
        out.writeLong(examplesSeen);
        BodyArrays.writeRows(out, z, n, w);
        BodyArrays.writeRows(out, featureMean, featureM2, featureCount);
    }

    /** The {@link io.tidewatch.learners.codec.BodyDecoder} of this kind. */
    public static LogisticRegression decode(int version, DataInput in) throws IOException {
        ModelCodec.requireVersion(KIND, version, CODEC_VERSION);
        int features = in.readInt();
        int classes = in.readInt();
        if (features < 1 || classes < 2 || (long) (features + 1) * classes > 100_000_000L) {
            throw new IllegalArgumentException(KIND + ": corrupt shape " + features + " features x " + classes
                    + " classes");
        }
        LogisticRegression lr = new LogisticRegression(features, classes, in.readDouble(), in.readDouble(),
                in.readDouble(), in.readDouble(), in.readBoolean());
        lr.examplesSeen = in.readLong();
        BodyArrays.readRows(in, lr.z, lr.n, lr.w);
        BodyArrays.readRows(in, lr.featureMean, lr.featureM2, lr.featureCount);
        return lr;
    }
}
