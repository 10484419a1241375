package io.tidewatch.learners.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Classifier;

/** Test-only checks every classifier of this package must pass. */
public final class ClassifierChecks {

    private ClassifierChecks() {
    }

    /**
     * Learns the first {@code split} examples, encodes and decodes through the registry, then checks that the copy
     * predicts exactly as the original and keeps learning identically on the rest, ending in the same bytes.
     */
    public static <T extends Classifier> void roundTrip(T model, Class<T> type, double[][] x, int[] y, int split) {
        for (int i = 0; i < split; i++) {
            model.predictProba(x[i]);
            model.learn(x[i], y[i]);
        }
        byte[] bytes = ModelCodec.encode(model);
        T copy = ModelCodec.decode(bytes, type);
        assertEquals(model.examplesSeen(), copy.examplesSeen());
        assertEquals(model.memoryBytes(), copy.memoryBytes());
        assertArrayEquals(bytes, ModelCodec.encode(copy), "re-encoding the decoded model changes its bytes");
        for (int i = split; i < x.length; i++) {
            assertArrayEquals(model.predictProba(x[i]), copy.predictProba(x[i]), 0.0, "prediction " + i);
            model.learn(x[i], y[i]);
            copy.learn(x[i], y[i]);
        }
        assertArrayEquals(ModelCodec.encode(model), ModelCodec.encode(copy), "states diverged after learning");
        assertTrue(model.memoryBytes() > 0);
    }

    /** Prequential accuracy over examples [from, to) of a run over the whole stream. */
    public static double accuracyBetween(Classifier model, double[][] x, int[] y, int from, int to) {
        int correct = 0;
        for (int i = 0; i < to; i++) {
            int p = model.predict(x[i]);
            if (i >= from && p == y[i]) {
                correct++;
            }
            model.learn(x[i], y[i]);
        }
        return (double) correct / (to - from);
    }
}
