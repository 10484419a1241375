package io.tidewatch.learners.anomaly;

import io.tidewatch.learners.codec.BodyArrays;
import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Detector;
import io.tidewatch.learners.model.HeapBytes;
import io.tidewatch.learners.model.InputChecks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Random;

/**
 * An online autoencoder ensemble in the manner of KitNET (Mirsky et al., NDSS 2018). For the first {@code grace}
 * records it only learns the features' incremental correlation structure; it then clusters the features
 * (single linkage on correlation distance, at most {@code maxCluster} per cluster), builds one small autoencoder per
 * cluster and an output autoencoder over their reconstruction RMSEs, and from then on trains all of them by one SGD
 * step per record. The score is the output autoencoder's RMSE (0 during the grace period).
 *
 * <p>Unlike KitNET there is no separate training-only phase: in Tidewatch every record is scored, then learned.
 * Weights are drawn from {@code Random(seed)} when the ensemble is built, so a seed fixes the whole model.
 */
public final class AutoencoderEnsemble implements Detector {

    public static final String KIND = "autoencoder-ensemble";
    private static final int VERSION = 1;

    private final int numFeatures;
    private final int maxCluster;
    private final int grace;
    private final double learningRate;
    private final double hiddenRatio;
    private final long seed;
    private CorrelationClusters mapper;
    private int[][] clusters;
    private Autoencoder[] ensemble;
    private Autoencoder output;
    private double[] errors;
    private long examples;

    public AutoencoderEnsemble(int numFeatures, int maxCluster, int grace, double learningRate, double hiddenRatio,
            long seed) {
        this.numFeatures = InputChecks.requirePositive(KIND, "numFeatures", numFeatures);
        this.maxCluster = InputChecks.requirePositive(KIND, "max-cluster", maxCluster);
        this.grace = InputChecks.requirePositive(KIND, "grace", grace);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(KIND + ": learning-rate=" + learningRate + ", expected > 0");
        }
        if (!(hiddenRatio > 0 && hiddenRatio <= 1)) {
            throw new IllegalArgumentException(KIND + ": hidden-ratio=" + hiddenRatio + ", expected in (0, 1]");
        }
        this.learningRate = learningRate;
        this.hiddenRatio = hiddenRatio;
        this.seed = seed;
        this.mapper = new CorrelationClusters(numFeatures);
    }

    @Override
    public double score(double[] x) {
        InputChecks.requireVector(KIND, x, numFeatures);
        if (ensemble == null) {
            return 0.0;
        }
        for (int i = 0; i < ensemble.length; i++) {
            errors[i] = ensemble[i].execute(x, clusters[i]);
        }
        return output.execute(errors, null);
    }

    @Override
    public void learn(double[] x) {
        InputChecks.requireVector(KIND, x, numFeatures);
        examples++;
        if (ensemble == null) {
            mapper.update(x);
            if (examples >= grace) {
                build(mapper.clusters(maxCluster));
                mapper = null;
            }
            return;
        }
        for (int i = 0; i < ensemble.length; i++) {
            errors[i] = ensemble[i].train(x, clusters[i]);
        }
        output.train(errors, null);
    }

    private void build(List<int[]> found) {
        Random rng = new Random(seed);
        clusters = found.toArray(new int[0][]);
        ensemble = new Autoencoder[clusters.length];
        for (int i = 0; i < clusters.length; i++) {
            ensemble[i] = new Autoencoder(clusters[i].length, hiddenRatio, learningRate, rng);
        }
        output = new Autoencoder(clusters.length, hiddenRatio, learningRate, rng);
        errors = new double[clusters.length];
    }

    /** The feature clusters found at the end of the grace period (copies), or an empty array before. */
    public int[][] featureClusters() {
        if (clusters == null) {
            return new int[0][];
        }
        int[][] copy = new int[clusters.length][];
        for (int i = 0; i < clusters.length; i++) {
            copy[i] = clusters[i].clone();
        }
        return copy;
    }

    @Override
    public long memoryBytes() {
        long bytes = 96;
        if (mapper != null) {
            bytes += mapper.memoryBytes();
        }
        if (ensemble != null) {
            for (int i = 0; i < ensemble.length; i++) {
                bytes += ensemble[i].memoryBytes() + HeapBytes.of(clusters[i]);
            }
            bytes += output.memoryBytes() + HeapBytes.of(errors);
        }
        return bytes;
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
        out.writeInt(numFeatures);
        out.writeInt(maxCluster);
        out.writeInt(grace);
        out.writeDouble(learningRate);
        out.writeDouble(hiddenRatio);
        out.writeLong(seed);
        out.writeLong(examples);
        out.writeBoolean(ensemble != null);
        if (ensemble == null) {
            mapper.write(out);
            return;
        }
        out.writeInt(clusters.length);
        for (int i = 0; i < clusters.length; i++) {
            BodyArrays.writeInts(out, clusters[i]);
            ensemble[i].write(out);
        }
        output.write(out);
    }

    public static AutoencoderEnsemble decode(int version, DataInput in) throws IOException {
        ModelCodec.requireVersion(KIND, version, VERSION);
        AutoencoderEnsemble a = new AutoencoderEnsemble(in.readInt(), in.readInt(), in.readInt(), in.readDouble(),
                in.readDouble(), in.readLong());
        a.examples = in.readLong();
        if (!in.readBoolean()) {
            a.mapper = CorrelationClusters.read(a.numFeatures, in);
            return a;
        }
        a.mapper = null;
        int k = in.readInt();
        if (k <= 0 || k > a.numFeatures) {
            throw new IllegalArgumentException(KIND + ": " + k + " clusters for " + a.numFeatures + " features");
        }
        a.clusters = new int[k][];
        a.ensemble = new Autoencoder[k];
        for (int i = 0; i < k; i++) {
            a.clusters[i] = BodyArrays.readInts(in, KIND, "cluster " + i);
            a.ensemble[i] = Autoencoder.read(in);
            if (a.clusters[i] == null || a.clusters[i].length != a.ensemble[i].visible()) {
                throw new IllegalArgumentException(KIND + ": cluster " + i + " does not match its autoencoder");
            }
            for (int f : a.clusters[i]) {
                if (f < 0 || f >= a.numFeatures) {
                    throw new IllegalArgumentException(KIND + ": cluster " + i + " names feature " + f);
                }
            }
        }
        a.output = Autoencoder.read(in);
        a.errors = new double[k];
        return a;
    }
}
