package io.tidewatch.learners.bayes;

import io.tidewatch.learners.codec.BodyArrays;
import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Classifier;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Gaussian Naive Bayes over numeric features: per class a prior, and per class and feature a weighted running
 * mean and variance (Welford). It follows MOA's {@code NaiveBayes} with Gaussian numeric observers: sample
 * variance ({@code n - 1}), a zero-variance estimator giving density 1 at its mean and 0 elsewhere, missing values
 * ({@code NaN}) skipped in learning and prediction, ties to the lowest class.
 *
 * <p>Scores are kept as log densities, which is cheaper than MOA's product of {@code exp} terms (no
 * {@code exp} per feature; the per-class log normalisers are cached and only the learned class's are refreshed)
 * and does not underflow. That is the one difference from MOA: where MOA's product underflows to 0 for every
 * class it falls back to class 0, while here the classes are still ranked (on elec, 11 of 45,312 predictions;
 * every other prediction is MOA's). Not mergeable: a merge of Welford moments is possible but not needed yet.
 */
public final class GaussianNaiveBayes implements Classifier {

    public static final String KIND = "gaussian-naive-bayes";
    private static final int CODEC_VERSION = 1;
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private final int numFeatures;
    private final int numClasses;
    private final double[] classWeight;
    /** Per (class, feature), index {@code c * numFeatures + f}: weight, mean, sum of squared deviations. */
    private final double[] weight;
    private final double[] mean;
    private final double[] m2;
    private double totalWeight;
    private long examplesSeen;

    /**
     * Cached per class, refreshed lazily after the class learns: {@code log(weight) + sum of log normalisers}
     * (one log of a product, not one log per feature), per feature {@code 1 / (2 var)} (NaN where var = 0), and
     * how many features have zero variance (those classes take the exact slow path).
     */
    private final double[] classConstant;
    private final double[] halfPrecision;
    private final int[] pointMasses;
    private final boolean[] stale;

    public GaussianNaiveBayes(int numFeatures, int numClasses) {
        if (numFeatures < 1) {
            throw new IllegalArgumentException("numFeatures " + numFeatures + ": expected at least 1");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses " + numClasses + ": expected at least 2");
        }
        this.numFeatures = numFeatures;
        this.numClasses = numClasses;
        int cells = numFeatures * numClasses;
        this.classWeight = new double[numClasses];
        this.weight = new double[cells];
        this.mean = new double[cells];
        this.m2 = new double[cells];
        this.classConstant = new double[numClasses];
        this.halfPrecision = new double[cells];
        this.pointMasses = new int[numClasses];
        this.stale = new boolean[numClasses];
        Arrays.fill(stale, true);
    }

    @Override
    public double[] predictProba(double[] x) {
        double[] scores = logJoint(x);
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            // No class explains x (nothing learned, or every density is 0): MOA's votes are all 0 here.
            Arrays.fill(scores, 1.0 / numClasses);
            return scores;
        }
        double sum = 0;
        for (int c = 0; c < numClasses; c++) {
            // exp(0) is 1: the most probable class costs no exp (with two classes, one exp per prediction).
            scores[c] = scores[c] == max ? 1.0 : Math.exp(scores[c] - max);
            sum += scores[c];
        }
        for (int c = 0; c < numClasses; c++) {
            scores[c] /= sum;
        }
        return scores;
    }

    @Override
    public int predict(double[] x) {
        double[] scores = logJoint(x);
        int best = 0;
        for (int c = 1; c < numClasses; c++) {
            if (scores[c] > scores[best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * log P(c) + sum over features of log p(x_f | c), up to a constant shared by all classes (log of the total
     * weight); negative infinity where MOA's product would be 0.
     */
    private double[] logJoint(double[] x) {
        checkFeatures(x);
        double[] scores = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            if (classWeight[c] <= 0) {
                scores[c] = Double.NEGATIVE_INFINITY;
                continue;
            }
            if (stale[c]) {
                refresh(c);
            }
            double s = Double.NaN;
            if (pointMasses[c] == 0) {
                s = classConstant[c];
                int base = c * numFeatures;
                for (int f = 0; f < numFeatures; f++) {
                    double d = x[f] - mean[base + f];
                    s -= d * d * halfPrecision[base + f];
                }
            }
            // NaN: a missing value in x, or a zero-variance feature in c; both need the per-feature path.
            scores[c] = s == s ? s : exactLogJoint(c, x);
        }
        return scores;
    }

    private double exactLogJoint(int c, double[] x) {
        double s = Math.log(classWeight[c]);
        int base = c * numFeatures;
        for (int f = 0; f < numFeatures; f++) {
            double v = x[f];
            if (Double.isNaN(v)) {
                continue;
            }
            int i = base + f;
            double hp = halfPrecision[i];
            if (hp == hp) {
                double d = v - mean[i];
                s += -LOG_SQRT_2PI + 0.5 * Math.log(2 * hp) - d * d * hp;
            } else if (weight[i] <= 0 || v != mean[i]) {
                return Double.NEGATIVE_INFINITY;
            }
        }
        return s;
    }

    private void refresh(int c) {
        int base = c * numFeatures;
        int masses = 0;
        // Product of the precisions 1/var: one division per feature and one log per class, not a log each.
        double product = 1;
        double logProduct = 0;
        for (int i = base; i < base + numFeatures; i++) {
            double w = weight[i];
            // var = m2 / (w - 1) as MOA; m2 >= 0 by construction, so var > 0 exactly when both are positive.
            if (w > 1.0 && m2[i] > 0) {
                double precision = (w - 1.0) / m2[i];
                halfPrecision[i] = 0.5 * precision;
                product *= precision;
                if (product < 1e-150 || product > 1e150) {
                    logProduct += Math.log(product);
                    product = 1;
                }
            } else {
                halfPrecision[i] = Double.NaN;
                masses++;
            }
        }
        pointMasses[c] = masses;
        classConstant[c] = Math.log(classWeight[c]) - (numFeatures - masses) * LOG_SQRT_2PI
                + 0.5 * (logProduct + Math.log(product));
        stale[c] = false;
    }

    @Override
    public void learn(double[] x, int y) {
        learn(x, y, 1.0);
    }

    @Override
    public void learn(double[] x, int y, double w) {
        checkFeatures(x);
        if (y < 0 || y >= numClasses) {
            throw new IllegalArgumentException("class " + y + ": expected 0.." + (numClasses - 1));
        }
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException("weight " + w + ": expected a finite number >= 0");
        }
        examplesSeen++;
        if (w == 0) {
            return;
        }
        classWeight[y] += w;
        totalWeight += w;
        int base = y * numFeatures;
        for (int f = 0; f < numFeatures; f++) {
            double v = x[f];
            if (Double.isNaN(v)) {
                continue;
            }
            int i = base + f;
            // Weighted Welford, in MOA's GaussianEstimator's order of operations so the figures agree exactly.
            if (weight[i] > 0) {
                weight[i] += w;
                double last = mean[i];
                mean[i] += w * (v - last) / weight[i];
                m2[i] += w * (v - last) * (v - mean[i]);
            } else {
                mean[i] = v;
                weight[i] = w;
            }
        }
        stale[y] = true;
    }

    private void checkFeatures(double[] x) {
        if (x == null || x.length != numFeatures) {
            throw new IllegalArgumentException("features: expected " + numFeatures + " values, got "
                    + (x == null ? "null" : x.length));
        }
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    public int numFeatures() {
        return numFeatures;
    }

    @Override
    public long memoryBytes() {
        long cells = (long) numFeatures * numClasses;
        return 96 + 7 * 16 + cells * (4 * 8) + numClasses * 21L;
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
        out.writeLong(examplesSeen);
        out.writeDouble(totalWeight);
        BodyArrays.writeValues(out, classWeight);
        BodyArrays.writeRows(out, weight, mean, m2);
    }

    /** The {@link io.tidewatch.learners.codec.BodyDecoder} of this kind. */
    public static GaussianNaiveBayes decode(int version, DataInput in) throws IOException {
        ModelCodec.requireVersion(KIND, version, CODEC_VERSION);
        int features = in.readInt();
        int classes = in.readInt();
        if (features < 1 || classes < 2 || (long) features * classes > 100_000_000L) {
            throw new IllegalArgumentException(KIND + ": corrupt shape " + features + " features x " + classes
                    + " classes");
        }
        GaussianNaiveBayes nb = new GaussianNaiveBayes(features, classes);
        nb.examplesSeen = in.readLong();
        nb.totalWeight = in.readDouble();
        BodyArrays.readValues(in, nb.classWeight);
        BodyArrays.readRows(in, nb.weight, nb.mean, nb.m2);
        return nb;
    }
}
