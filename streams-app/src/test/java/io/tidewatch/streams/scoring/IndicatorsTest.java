package io.tidewatch.streams.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.config.Settings;
import io.tidewatch.proto.v1.Contribution;
import io.tidewatch.proto.v1.DetectorScore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndicatorsTest {

    private static final List<String> NAMES = List.of("fwd.packets", "pair.beacon", "pair.service_repeats");

    private static ScoringConfig config(Map<String, String> values) {
        return ScoringConfig.from(Settings.of(values));
    }

    /** 1000 values taught: 950 zeros and 1, 2, .. 50 for the beacon; zeros for the repeats. */
    private static Indicators taught(ScoringConfig c) {
        Indicators ind = Indicators.create(NAMES, c);
        for (int i = 0; i < 1000; i++) {
            ind.learn(new double[] {7, i < 950 ? 0 : i - 949, 0});
        }
        return ind;
    }

    @Test
    void fisherCombinesHandComputedProbabilities() {
        // s = -ln 0.05 = 2.99573; survival with 6 degrees of freedom = 0.05 * (1 + s + s^2 / 2).
        assertEquals(0.05 * (1 + 2.995732 + 2.995732 * 2.995732 / 2), Indicators.fisher(0.05, new double[] {1, 1}),
                1e-6);
        // s = ln 2 + ln 100 = 5.298317; 4 degrees of freedom: e^-s (1 + s) = 0.005 * 6.298317.
        assertEquals(0.005 * 6.298317, Indicators.fisher(0.5, new double[] {0.01}), 1e-7);
        assertEquals(0.3, Indicators.fisher(0.3, new double[0]), 1e-12);
        // Where no indicator fires, the combination keeps the detectors' order.
        assertTrue(Indicators.fisher(0.01, new double[] {1, 1}) < Indicators.fisher(0.02, new double[] {1, 1}));
    }

    @Test
    void anIndicatorIsEvidenceOnlyInItsTopShare() {
        ScoringConfig c = config(Map.of());
        Indicators ind = taught(c);
        // Zero, the usual value: no evidence. 48 of 1000 values at or above 50 - 2: a tail of about 4.75%, just
        // inside the top 5%. Above everything: 1 in 1001, divided by the 5% share.
        double[] p = ind.probabilities(new double[] {7, 0, 0}, 32);
        assertArrayEquals(new double[] {1, 1}, p, 0.0);
        assertEquals(0.0475 / 0.05, ind.probabilities(new double[] {7, 3, 0}, 32)[0], 0.05);
        assertEquals(1.0 / 1001 / 0.05, ind.probabilities(new double[] {7, 500, 0}, 32)[0], 1e-12);
        // Not yet the minimum of values learned: no basis, no claim.
        assertEquals(1, ind.probabilities(new double[] {7, 500, 0}, 2000)[0], 0.0);
    }

    @Test
    void onlyTheConfiguredIndicatorsTheFeatureSetHasAreRead() {
        Indicators ind = Indicators.create(List.of("fwd.packets", "pair.beacon"),
                config(Map.of("scoring.indicators", "pair.beacon,pair.service_repeats")));
        assertEquals(1, ind.size());
        assertEquals(0, Indicators.create(NAMES, config(Map.of("scoring.indicators", ""))).size());
    }

    @Test
    void aFiredIndicatorIsNamedFirstAndScoredAsADetector() {
        ScoringConfig c = config(Map.of());
        Indicators ind = taught(c);
        double[] x = {7, 500, 0};
        double[] p = ind.probabilities(x, 32);
        List<DetectorScore> scores = new ArrayList<>();
        ind.addScores(x, p, scores);
        assertEquals(List.of("beacon", "service-repeats"), scores.stream().map(DetectorScore::getDetector).toList());
        assertEquals(500, scores.get(0).getRaw(), 0.0);
        assertEquals(1 - p[0], scores.get(0).getCalibrated(), 0.0);
        assertEquals(0, scores.get(1).getCalibrated(), 0.0);

        List<Contribution> detectors = List.of(
                Contribution.newBuilder().setFeature("fwd.packets").setWeight(1).setText("packets").build(),
                Contribution.newBuilder().setFeature("pair.beacon").setWeight(0).setText("again").build());
        List<Contribution> reasons = ind.explain(x, p, 0.5, detectors, 3);
        // The beacon carries most of the statistic here (p = 0.02 against the detectors' 0.5): named first.
        assertEquals(List.of("pair.beacon", "fwd.packets"), reasons.stream().map(Contribution::getFeature).toList());
        assertTrue(reasons.get(0).getText().endsWith(": 500, top 0.10% of flows"), reasons.get(0).getText());
        double beacon = -2 * Math.log(p[0]);
        assertEquals(beacon / (beacon - 2 * Math.log(0.5)), reasons.get(0).getWeight(), 1e-12);
        assertEquals(1 - reasons.get(0).getWeight(), reasons.get(1).getWeight(), 1e-12);
        // Detectors that are sure (p = 1e-6) carry most of it: their reason comes first, the beacon after.
        List<Contribution> sure = ind.explain(x, p, 1e-6, detectors, 3);
        assertEquals(List.of("fwd.packets", "pair.beacon"), sure.stream().map(Contribution::getFeature).toList());
        // Nothing fired: the detectors' reasons as they were.
        assertEquals(detectors, ind.explain(new double[] {7, 0, 0}, new double[] {1, 1}, 0.5, detectors, 3));
    }

    @Test
    void writtenIndicatorsReadBackTheSameAndAnotherListStartsFresh() throws IOException {
        ScoringConfig c = config(Map.of());
        Indicators ind = taught(c);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ind.write(new DataOutputStream(bytes));
        Indicators back = Indicators.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), NAMES, c);
        for (double v : new double[] {0, 1, 3, 40, 500}) {
            assertArrayEquals(ind.probabilities(new double[] {7, v, v}, 32),
                    back.probabilities(new double[] {7, v, v}, 32), 1e-12);
        }
        Indicators other = Indicators.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), NAMES,
                config(Map.of("scoring.indicators", "pair.beacon")));
        assertEquals(1, other.size());
        assertEquals(1, other.probabilities(new double[] {7, 500, 0}, 32)[0], 0.0);

        byte[] corrupt = {0, 0, 0, 99};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Indicators.read(new DataInputStream(new ByteArrayInputStream(corrupt)), NAMES, c));
        assertTrue(e.getMessage().contains("99 indicators"), e.getMessage());
    }

    @Test
    void badSettingsNameTheKeyAndWhatIsExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("scoring.indicators.top", "0")));
        assertTrue(e.getMessage().contains("scoring.indicators.top=0.0") && e.getMessage().contains("(0, 1]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("scoring.indicators", "pair.beacon,pair.beacon")));
        assertTrue(e.getMessage().contains("each once"), e.getMessage());
    }
}
