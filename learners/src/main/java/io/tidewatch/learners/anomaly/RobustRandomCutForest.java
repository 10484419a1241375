package io.tidewatch.learners.anomaly;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.state.RandomCutForestMapper;
import com.amazon.randomcutforest.state.RandomCutForestState;
import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Detector;
import io.tidewatch.learners.model.InputChecks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Robust Random Cut Forest (Guha et al., 2016) through AWS randomcutforest-core: {@code trees} trees, each over a
 * time-decayed reservoir sample of {@code sampleSize} points; the score is the forest's anomaly score
 * (displacement-based, around 1 for typical points and larger for outliers), 0 until the forest has seen
 * {@code sampleSize / 4} records.
 *
 * <p>The whole forest (point store, samplers with their random seeds, and trees) is saved through the library's
 * state mapper and written field by field by our codec, so a decoded forest scores and keeps learning exactly as the
 * original. Not mergeable: the samplers' reservoirs are not additive.
 */
public final class RobustRandomCutForest implements Detector {

    public static final String KIND = "rrcf";
    private static final int VERSION = 1;

    private final int numFeatures;
    private final int trees;
    private final int sampleSize;
    private final long seed;
    private final RandomCutForest forest;
    private long examples;

    public RobustRandomCutForest(int numFeatures, int trees, int sampleSize, long seed) {
        this.numFeatures = InputChecks.requirePositive(KIND, "numFeatures", numFeatures);
        this.trees = InputChecks.requirePositive(KIND, "trees", trees);
        if (sampleSize < 4) {
            throw new IllegalArgumentException(KIND + ": sample-size=" + sampleSize + ", expected >= 4");
        }
        this.sampleSize = sampleSize;
        this.seed = seed;
        this.forest = RandomCutForest.builder()
                .dimensions(numFeatures)
                .numberOfTrees(trees)
                .sampleSize(sampleSize)
                .randomSeed(seed)
                .parallelExecutionEnabled(false)
                .build();
    }

    private RobustRandomCutForest(int numFeatures, int trees, int sampleSize, long seed, RandomCutForest forest) {
        this.numFeatures = numFeatures;
        this.trees = trees;
        this.sampleSize = sampleSize;
        this.seed = seed;
        this.forest = forest;
    }

    @Override
    public double score(double[] x) {
        InputChecks.requireVector(KIND, x, numFeatures);
        return forest.getAnomalyScore(toFloats(x));
    }

    @Override
    public void learn(double[] x) {
        InputChecks.requireVector(KIND, x, numFeatures);
        forest.update(toFloats(x));
        examples++;
    }

    /** The forest stores points in single precision; converting here is what its double[] overloads do. */
    private static float[] toFloats(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    /**
     * Estimated from the forest's shape rather than measured: the point store holds up to {@code trees * sampleSize}
     * float points, and each tree keeps about {@code 2 * sampleSize} nodes of a few ints, a cut value and a cached box.
     */
    @Override
    public long memoryBytes() {
        long points = (long) trees * sampleSize;
        long pointStore = points * (4L * numFeatures + 12);
        long nodes = (long) trees * 2 * sampleSize * (24 + 8L * numFeatures);
        long samplers = points * 16;
        return 256 + pointStore + nodes + samplers;
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
        out.writeInt(trees);
        out.writeInt(sampleSize);
        out.writeLong(seed);
        out.writeLong(examples);
        ForestStateCodec.write(out, mapper().toState(forest));
    }

    public static RobustRandomCutForest decode(int version, DataInput in) throws IOException {
        ModelCodec.requireVersion(KIND, version, VERSION);
        int numFeatures = in.readInt();
        int trees = in.readInt();
        int sampleSize = in.readInt();
        long seed = in.readLong();
        long examples = in.readLong();
        RandomCutForestState state = ForestStateCodec.read(in);
        if (state.getDimensions() != numFeatures || state.getNumberOfTrees() != trees) {
            throw new IllegalArgumentException(KIND + ": forest state of " + state.getDimensions() + " dimensions and "
                    + state.getNumberOfTrees() + " trees, expected " + numFeatures + " and " + trees);
        }
        RobustRandomCutForest r = new RobustRandomCutForest(numFeatures, trees, sampleSize, seed,
                mapper().toModel(state));
        r.examples = examples;
        return r;
    }

    private static RandomCutForestMapper mapper() {
        RandomCutForestMapper m = new RandomCutForestMapper();
        m.setSaveExecutorContextEnabled(true);
        m.setSaveTreeStateEnabled(true);
        m.setSaveSamplerStateEnabled(true);
        m.setCompressionEnabled(true);
        return m;
    }
}
