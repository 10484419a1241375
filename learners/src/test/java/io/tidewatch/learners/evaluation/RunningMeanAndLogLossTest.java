package io.tidewatch.learners.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RunningMeanAndLogLossTest {

    @Test
    void meansOverEachWindow() {
        RunningMean cumulative = new RunningMean(Window.cumulative());
        RunningMean sliding = new RunningMean(Window.sliding(2));
        RunningMean fading = new RunningMean(Window.fading(0.5));
        for (double v : new double[] {4, 8, 2}) {
            cumulative.add(v);
            sliding.add(v);
            fading.add(v);
        }
        assertEquals(14 / 3.0, cumulative.mean(), 1e-15);
        assertEquals(5.0, sliding.mean(), 1e-15);
        // (4/4 + 8/2 + 2) / (1/4 + 1/2 + 1) = 7 / 1.75 = 4
        assertEquals(4.0, fading.mean(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> cumulative.add(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Window.fading(1.0));
        assertThrows(IllegalArgumentException.class, () -> Window.sliding(0));
    }

    @Test
    void logLossIsTheMeanNegativeLogOfTheTrueClassClipped() {
        LogLoss loss = new LogLoss(Window.cumulative());
        loss.observe(0, new double[] {0.8, 0.2});
        loss.observe(1, new double[] {0.4, 0.6});
        loss.observe(1, new double[] {1.0, 0.0});
        assertEquals((-Math.log(0.8) - Math.log(0.6) - Math.log(1e-15)) / 3, loss.value(), 1e-12);
    }
}
