package io.tidewatch.learners.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.learners.anomaly.HalfSpaceTrees;
import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Classifier;
import io.tidewatch.learners.model.Detector;
import io.tidewatch.learners.transform.Log1p;
import io.tidewatch.learners.transform.StandardScaler;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PipelineTest {

    /** A nearest-centroid classifier, enough to see that a pipeline feeds a classifier transformed records. */
    static final class NearestCentroid implements Classifier {
        static final String KIND = "test-nearest-centroid";
        final double[][] sum;
        final long[] count;

        NearestCentroid(int features) {
            sum = new double[2][features];
            count = new long[2];
        }

        @Override
        public double[] predictProba(double[] x) {
            double[] d = new double[2];
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < x.length; i++) {
                    double m = count[c] == 0 ? 0 : sum[c][i] / count[c];
                    d[c] += (x[i] - m) * (x[i] - m);
                }
            }
            double p0 = 1 / (1 + Math.exp(d[0] - d[1]));
            return new double[] {p0, 1 - p0};
        }

        @Override
        public void learn(double[] x, int y) {
            count[y]++;
            for (int i = 0; i < x.length; i++) {
                sum[y][i] += x[i];
            }
        }

        @Override
        public int numClasses() {
            return 2;
        }

        @Override
        public long memoryBytes() {
            return 100;
        }

        @Override
        public long examplesSeen() {
            return count[0] + count[1];
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public int codecVersion() {
            return 1;
        }

        @Override
        public void encodeBody(DataOutput out) throws IOException {
            out.writeInt(sum[0].length);
            for (int c = 0; c < 2; c++) {
                out.writeLong(count[c]);
                for (double v : sum[c]) {
                    out.writeDouble(v);
                }
            }
        }

        static NearestCentroid decode(int version, DataInput in) throws IOException {
            NearestCentroid n = new NearestCentroid(in.readInt());
            for (int c = 0; c < 2; c++) {
                n.count[c] = in.readLong();
                for (int i = 0; i < n.sum[c].length; i++) {
                    n.sum[c][i] = in.readDouble();
                }
            }
            return n;
        }
    }

    private static double[][] rows(int n, long seed) {
        Random rng = new Random(seed);
        double[][] x = new double[n][3];
        for (double[] r : x) {
            r[0] = Math.exp(3 + rng.nextGaussian());
            r[1] = rng.nextGaussian() * 1000;
            r[2] = rng.nextInt(5);
        }
        return x;
    }

    @Test
    void detectorPipelineLearnsTransformersOnTheWay() {
        double[][] x = rows(2000, 1);
        Detector p = Pipeline.detector(List.of(new Log1p(), new StandardScaler(3)),
                new HalfSpaceTrees(3, 10, 6, 100, 1));
        Log1p log = new Log1p();
        StandardScaler scaler = new StandardScaler(3);
        HalfSpaceTrees hst = new HalfSpaceTrees(3, 10, 6, 100, 1);
        for (double[] r : x) {
            double expected = hst.score(scaler.transform(log.transform(r)));
            assertEquals(expected, p.score(r), 0.0);
            p.learn(r);
            double[] v = log.transform(r);
            scaler.learn(v);
            hst.learn(scaler.transform(v));
        }
        assertEquals(2000, p.examplesSeen());
        assertTrue(p.memoryBytes() > hst.memoryBytes());
    }

    @Test
    void detectorPipelineRoundTripsItsParts() {
        double[][] x = rows(2000, 2);
        Pipeline.Detecting p = Pipeline.detector(List.of(new Log1p(), new StandardScaler(3)),
                new HalfSpaceTrees(3, 10, 6, 100, 1));
        for (int i = 0; i < 1000; i++) {
            p.learn(x[i]);
        }
        Detector copy = ModelCodec.decode(ModelCodec.encode(p), Detector.class);
        assertEquals(Pipeline.Detecting.KIND, copy.kind());
        assertEquals(1000, copy.examplesSeen());
        for (int i = 1000; i < 2000; i++) {
            assertEquals(p.scoreThenLearn(x[i]), copy.scoreThenLearn(x[i]), 0.0);
        }
    }

    @Test
    void classifierPipelineFeedsTransformedRecordsAndRoundTrips() {
        ModelCodec.register(NearestCentroid.KIND, NearestCentroid::decode);
        double[][] x = rows(3000, 3);
        Pipeline.Classifying p = Pipeline.classifier(List.of(new Log1p(), new StandardScaler(3)),
                new NearestCentroid(3));
        int correct = 0;
        for (int i = 0; i < 3000; i++) {
            int y = x[i][0] > Math.exp(3) ? 1 : 0;
            if (i >= 1000 && p.predict(x[i]) == y) {
                correct++;
            }
            p.learn(x[i], y);
        }
        // The class is a threshold on a log-normal feature: centroids separate it only after log and scaling.
        assertTrue(correct > 1500, correct + " of 2000");
        Classifier copy = ModelCodec.decode(ModelCodec.encode(p), Classifier.class);
        assertEquals(2, copy.numClasses());
        for (double[] r : rows(100, 4)) {
            assertArrayEquals(p.predictProba(r), copy.predictProba(r), 0.0);
        }
    }

    @Test
    void validatesParts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pipeline.detector(List.of(new Log1p()), null));
        assertTrue(e.getMessage().contains("detector"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pipeline.detector(null, new HalfSpaceTrees(3, 1, 2, 5, 1)));
        Detector p = Pipeline.detector(List.of(), new HalfSpaceTrees(3, 1, 2, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> p.score(null));
    }
}
