package io.tidewatch.learners.pipeline;

import io.tidewatch.learners.codec.BodyArrays;
import io.tidewatch.learners.codec.Encodable;
import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Classifier;
import io.tidewatch.learners.model.Detector;
import io.tidewatch.learners.model.Learner;
import io.tidewatch.learners.model.Transformer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Transformers followed by a final model, in the manner of River's pipelines: predicting runs the record through
 * the transformers as they are; learning updates each transformer with the record, transforms it with the updated
 * statistics, and passes it on, ending with the final model's own learning. Two shapes: {@link Detecting} (ends in a
 * {@link Detector}) and {@link Classifying} (ends in a {@link Classifier}).
 *
 * <p>The codec writes each part as its own nested model frame, so any registered transformer or model can take part.
 */
public abstract class Pipeline implements Learner {

    private static final int VERSION = 1;
    /** A nested model frame larger than this is a corrupt length, not a model. */
    private static final int MAX_PART_BYTES = 1 << 30;

    final Transformer[] steps;
    private long count;

    Pipeline(List<? extends Transformer> steps) {
        if (steps == null) {
            throw new IllegalArgumentException("pipeline: expected a list of transformers (possibly empty), got null");
        }
        this.steps = steps.toArray(new Transformer[0]);
        for (int i = 0; i < this.steps.length; i++) {
            if (this.steps[i] == null) {
                throw new IllegalArgumentException("pipeline: transformer " + i + " is null");
            }
        }
    }

    /** Transformers then a detector. */
    public static Detecting detector(List<? extends Transformer> steps, Detector detector) {
        return new Detecting(steps, detector);
    }

    /** Transformers then a classifier. */
    public static Classifying classifier(List<? extends Transformer> steps, Classifier classifier) {
        return new Classifying(steps, classifier);
    }

    /** The transformers, in order (live objects, not copies). */
    public List<Transformer> steps() {
        return List.of(steps);
    }

    final double[] transform(double[] x) {
        requireVector(x);
        double[] v = x;
        for (Transformer t : steps) {
            v = t.transform(v);
        }
        return v;
    }

    final double[] learnTransform(double[] x) {
        requireVector(x);
        count++;
        double[] v = x;
        for (Transformer t : steps) {
            t.learn(v);
            v = t.transform(v);
        }
        return v;
    }

    private static void requireVector(double[] x) {
        if (x == null) {
            throw new IllegalArgumentException("pipeline: expected a feature vector, got null");
        }
    }

    abstract Learner last();

    @Override
    public long memoryBytes() {
        long bytes = 48L + last().memoryBytes();
        for (Transformer t : steps) {
            bytes += t.memoryBytes();
        }
        return bytes;
    }

    @Override
    public long examplesSeen() {
        return count;
    }

    @Override
    public int codecVersion() {
        return VERSION;
    }

    @Override
    public void encodeBody(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeInt(steps.length);
        for (Transformer t : steps) {
            writePart(out, t);
        }
        writePart(out, last());
    }

    private static void writePart(DataOutput out, Encodable part) throws IOException {
        BodyArrays.writeBytes(out, ModelCodec.encode(part));
    }

    private static <T> T readPart(DataInput in, String kind, String part, Class<T> type) throws IOException {
        return ModelCodec.decode(BodyArrays.readBlob(in, kind, part, MAX_PART_BYTES), type);
    }

    private static List<Transformer> readSteps(String kind, int version, DataInput in, long[] countOut)
            throws IOException {
        ModelCodec.requireVersion(kind, version, VERSION);
        countOut[0] = in.readLong();
        int n = in.readInt();
        if (n < 0 || n > 1024) {
            throw new IllegalArgumentException(kind + ": " + n + " transformers is not plausible");
        }
        List<Transformer> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            steps.add(readPart(in, kind, "step " + i, Transformer.class));
        }
        return steps;
    }

    /** Transformers then a {@link Detector}; itself a detector. */
    public static final class Detecting extends Pipeline implements Detector {

        public static final String KIND = "pipeline-detector";
        private final Detector detector;

        Detecting(List<? extends Transformer> steps, Detector detector) {
            super(steps);
            if (detector == null) {
                throw new IllegalArgumentException("pipeline: expected a detector at the end, got null");
            }
            this.detector = detector;
        }

        public Detector detector() {
            return detector;
        }

        @Override
        public double score(double[] x) {
            return detector.score(transform(x));
        }

        @Override
        public void learn(double[] x) {
            detector.learn(learnTransform(x));
        }

        @Override
        Learner last() {
            return detector;
        }

        @Override
        public String kind() {
            return KIND;
        }

        public static Detecting decode(int version, DataInput in) throws IOException {
            long[] count = new long[1];
            List<Transformer> steps = readSteps(KIND, version, in, count);
            Detecting p = new Detecting(steps, readPart(in, KIND, "detector", Detector.class));
            ((Pipeline) p).count = count[0];
            return p;
        }
    }

    /** Transformers then a {@link Classifier}; itself a classifier. */
    public static final class Classifying extends Pipeline implements Classifier {

        public static final String KIND = "pipeline-classifier";
        private final Classifier classifier;

        Classifying(List<? extends Transformer> steps, Classifier classifier) {
            super(steps);
            if (classifier == null) {
                throw new IllegalArgumentException("pipeline: expected a classifier at the end, got null");
            }
            this.classifier = classifier;
        }

        public Classifier classifier() {
            return classifier;
        }

        @Override
        public double[] predictProba(double[] x) {
            return classifier.predictProba(transform(x));
        }

        @Override
        public void learn(double[] x, int y) {
            classifier.learn(learnTransform(x), y);
        }

        @Override
        public void learn(double[] x, int y, double weight) {
            classifier.learn(learnTransform(x), y, weight);
        }

        @Override
        public int numClasses() {
            return classifier.numClasses();
        }

        @Override
        Learner last() {
            return classifier;
        }

        @Override
        public String kind() {
            return KIND;
        }

        public static Classifying decode(int version, DataInput in) throws IOException {
            long[] count = new long[1];
            List<Transformer> steps = readSteps(KIND, version, in, count);
            Classifying p = new Classifying(steps, readPart(in, KIND, "classifier", Classifier.class));
            ((Pipeline) p).count = count[0];
            return p;
        }
    }
}
