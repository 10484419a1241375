package io.tidewatch.learners.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    private static final double[] SAYS_0 = {0.8, 0.2};
    private static final double[] SAYS_1 = {0.3, 0.7};

    @Test
    void cumulativeSlidingAndFadingAccuracy() {
        ClassificationMetrics cumulative = new ClassificationMetrics(2, Window.cumulative());
        ClassificationMetrics sliding = new ClassificationMetrics(2, Window.sliding(2));
        ClassificationMetrics fading = new ClassificationMetrics(2, Window.fading(0.5));
        // right, right, wrong, wrong
        int[] actual = {0, 1, 0, 1};
        double[][] proba = {SAYS_0, SAYS_1, SAYS_1, SAYS_0};
        for (int i = 0; i < 4; i++) {
            cumulative.observe(actual[i], proba[i]);
            sliding.observe(actual[i], proba[i]);
            fading.observe(actual[i], proba[i]);
        }
        assertEquals(0.5, cumulative.accuracy(), 1e-15);
        assertEquals(0.0, sliding.accuracy(), 1e-15);
        // weights 1/8, 1/4, 1/2, 1 on right, right, wrong, wrong: (1/8 + 1/4) / (15/8) = 0.2
        assertEquals(0.2, fading.accuracy(), 1e-15);
        assertEquals(4, sliding.seen());
        assertEquals(2, sliding.confusion().total(), 1e-15);
    }

    @Test
    void slidingWindowForgetsExactly() {
        ClassificationMetrics sliding = new ClassificationMetrics(2, Window.sliding(3));
        ClassificationMetrics fresh = new ClassificationMetrics(2, Window.cumulative());
        int[] actual = {1, 1, 0, 1, 0, 0, 1};
        int[] predicted = {0, 1, 0, 0, 0, 1, 1};
        for (int i = 0; i < actual.length; i++) {
            sliding.update(actual[i], predicted[i]);
            if (i >= actual.length - 3) {
                fresh.update(actual[i], predicted[i]);
            }
        }
        assertEquals(fresh.kappa(), sliding.kappa(), 1e-15);
        assertEquals(fresh.f1(1), sliding.f1(1), 1e-15);
        assertEquals(fresh.macroF1(), sliding.macroF1(), 1e-15);
    }

    @Test
    void tiesGoToTheLowestClass() {
        ClassificationMetrics m = new ClassificationMetrics(2, Window.cumulative());
        m.observe(0, new double[] {0.5, 0.5});
        assertEquals(1.0, m.accuracy());
    }
}
