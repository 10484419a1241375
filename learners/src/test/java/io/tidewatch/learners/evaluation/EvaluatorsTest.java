package io.tidewatch.learners.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.learners.baseline.NoChange;
import org.junit.jupiter.api.Test;

class EvaluatorsTest {

    private static final double[] X = {0};

    @Test
    void prequentialPredictsBeforeLearning() {
        ClassificationMetrics m = new ClassificationMetrics(2, Window.cumulative());
        PrequentialEvaluator eval = new PrequentialEvaluator(new NoChange(2), m);
        // no-change on 1,1,0,0: uniform (tie -> 0, wrong), 1 right, 1 wrong, 0 right
        for (int y : new int[] {1, 1, 0, 0}) {
            eval.process(X, y);
        }
        assertEquals(0.5, m.accuracy(), 1e-15);
        assertEquals(4, eval.processed());
        assertEquals(4, eval.classifier().examplesSeen());
    }

    @Test
    void delayedLabelsScoreThePredictionMadeWhenFeaturesArrived() {
        ClassificationMetrics m = new ClassificationMetrics(2, Window.cumulative());
        NoChange model = new NoChange(2);
        DelayedLabelEvaluator<String> eval = new DelayedLabelEvaluator<>(model, 2, m);
        model.learn(X, 1);
        assertArrayEquals(new double[] {0, 1}, eval.features("a", X), 0);
        model.learn(X, 0);
        eval.features("b", X);
        // "a" was predicted 1 while the model said 1: right, although the model now says 0.
        assertTrue(eval.label("a", 1));
        assertEquals(1.0, m.accuracy());
        assertEquals(1, model.predict(X), "learned a's label on arrival");
        eval.features("c", X);
        eval.features("d", X);
        assertEquals(1, eval.expired(), "b dropped: capacity 2");
        assertFalse(eval.label("b", 0));
        assertFalse(eval.label("zzz", 0));
        assertEquals(2, eval.unmatched());
        assertEquals(2, eval.pendingCount());
        eval.features("c", X);
        assertEquals(1, eval.replaced());
        assertTrue(eval.label("c", 0));
        assertFalse(eval.label("c", 0), "a label is used once");
        assertEquals(5, eval.predicted());
        assertEquals(2, eval.matched());
    }
}
