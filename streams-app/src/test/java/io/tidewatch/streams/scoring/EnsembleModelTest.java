package io.tidewatch.streams.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.config.Settings;
import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.proto.v1.Contribution;
import io.tidewatch.streams.features.FeatureSets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The task model outside Kafka: codec round trip, shared seeds, learning gate, configuration checks. */
class EnsembleModelTest {

    private static final List<String> NAMES = FeatureSets.names(FeatureSets.FLOW_V1);

    private static ScoringConfig config(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(extra);
        return ScoringConfig.from(Settings.of(m));
    }

    private static double[] flow(SplittableRandom rnd, double scale) {
        double[] x = new double[NAMES.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = scale * (1 + rnd.nextDouble() * 10);
        }
        return x;
    }

    private static double[] scores(EnsembleModel m, ScoringConfig c, long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = m.scoreThenLearn(flow(rnd, 1), c).score();
        }
        return out;
    }

    @Test
    void aDecodedModelScoresExactlyAsTheOriginalWouldHave() {
        for (String detectors : new String[] {"hst,loda,kitnet", "deviation,deviation-host,loda-host,hst-host"}) {
            ScoringConfig c = config(Map.of("scoring.detectors", detectors));
            EnsembleModel a = EnsembleModel.create(FeatureSets.FLOW_V1, NAMES, c);
            scores(a, c, 1, 150);
            a.nextVersion();
            byte[] bytes = a.encode();
            EnsembleModel b = EnsembleModel.decode(bytes, NAMES, c);
            assertEquals(1, b.version());
            assertEquals(150, b.flows());
            // Quantile sketches are exact below their first compaction, so the continuations agree exactly.
            assertArrayEquals(scores(a, c, 2, 50), scores(b, c, 2, 50), 1e-12, detectors);
        }
    }

    @Test
    void everyInstanceDrawsTheSameRandomStructure() {
        ScoringConfig c = config(Map.of());
        EnsembleModel a = EnsembleModel.create(FeatureSets.FLOW_V1, NAMES, c);
        EnsembleModel b = EnsembleModel.create(FeatureSets.FLOW_V1, NAMES, c);
        assertArrayEquals(scores(a, c, 3, 120), scores(b, c, 3, 120), 0.0);
    }

    @Test
    void anotherDetectorSetStartsAFreshModel() {
        ScoringConfig c = config(Map.of());
        EnsembleModel a = EnsembleModel.create(FeatureSets.FLOW_V1, NAMES, c);
        scores(a, c, 4, 10);
        assertNull(EnsembleModel.decode(a.encode(), NAMES, config(Map.of("scoring.detectors", "hst,loda"))));
        assertThrows(IllegalArgumentException.class, () -> EnsembleModel.decode(a.encode(), NAMES.subList(0, 10), c));
    }

    @Test
    void explanationsNameTheDeviantFeatureWithItsUsualValue() {
        ScoringConfig c = config(Map.of());
        EnsembleModel m = EnsembleModel.create(FeatureSets.FLOW_V1, NAMES, c);
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            m.scoreThenLearn(flow(rnd, 1), c);
        }
        double[] x = flow(rnd, 1);
        int ports = NAMES.indexOf("host.distinct_dst_ports.10s");
        x[ports] = 950;
        List<Contribution> reasons = m.scoreThenLearn(x, c).reasons();
        assertTrue(reasons.size() >= 3 && reasons.size() <= 5, reasons.toString());
        Contribution top = reasons.get(0);
        assertEquals("host.distinct_dst_ports.10s", top.getFeature());
        assertTrue(top.getText().startsWith("distinct destination ports from source in 10 s: 950, usual ~"), top.getText());
        assertTrue(top.getTypical() > 1 && top.getTypical() < 11, "usual " + top.getTypical());
    }

    @Test
    void badSettingsNameTheKeyAndWhatIsExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("scoring.detectors", "hst,nope")));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("expected one of"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> config(Map.of("scoring.combine", "median")));
        assertTrue(e.getMessage().contains("scoring.combine"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> config(Map.of("scoring.burn-in.flows", "-1")));
        assertTrue(e.getMessage().contains("scoring.burn-in.flows"), e.getMessage());
    }

    @Test
    void everyScoringAndAlertKeyIsKnownAndRead() {
        for (String key : ScoringConfig.KEYS) {
            assertTrue(io.tidewatch.streams.app.StreamsAppConfig.knownKeys().contains(key), key);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> config(Map.of(key, "bogus")), key);
            assertTrue(e.getMessage().contains(key) || e.getMessage().contains("bogus"), e.getMessage());
        }
        for (String key : io.tidewatch.streams.alerts.AlertConfig.KEYS) {
            assertTrue(io.tidewatch.streams.app.StreamsAppConfig.knownKeys().contains(key), key);
            assertThrows(IllegalArgumentException.class,
                    () -> io.tidewatch.streams.alerts.AlertConfig.from(Settings.of(Map.of(key, "bogus"))), key);
        }
    }

    @Test
    void combinersAndBlendStayInTheUnitInterval() {
        assertEquals(0.5, Combiner.MEAN.combine(new double[] {0, 1, 0.5}), 1e-12);
        assertEquals(1.0, Combiner.MAX.combine(new double[] {0, 1, 0.5}), 1e-12);
        assertEquals(0.8, Combiner.blend(0.8, 0.1, 0.5), 1e-12, "a benign verdict never lowers the score");
        assertEquals(0.6, Combiner.blend(0.2, 1.0, 0.5), 1e-12);
    }

    @Test
    void deviationDetectorIsTheMeanOfTheLargestDeviations() {
        DeviationDetector d = new DeviationDetector(3);
        assertEquals((9 + 5 + 4) / 3.0, d.score(new double[] {1, -9, 4, 0, 5, Double.NaN}), 1e-12);
        d.learn(new double[] {1});
        DeviationDetector back = ModelCodec.decode(ModelCodec.encode(d), DeviationDetector.class);
        assertEquals(1, back.examplesSeen());
        List<String> wording = new ArrayList<>();
        for (String n : NAMES) {
            wording.add(FeatureWording.describe(n));
        }
        assertEquals(NAMES.size(), wording.stream().distinct().count(), "every feature reads differently");
    }

    @Test
    void mergeFoldsInWhatTheDetectorsShareAndLeavesTheRest() {
        ScoringConfig c = config(Map.of());
        EnsembleModel a = EnsembleModel.create(FeatureSets.FLOW_V1, NAMES, c);
        // Past the first window: ranges and histogram geometry are learned, then the two diverge on their own flows.
        scores(a, c, 1, 100);
        EnsembleModel b = a.copy(c);
        scores(a, c, 2, 200);
        scores(b, c, 3, 300);
        byte[] before = a.encode();
        EnsembleModel.MergeResult r = a.merge(b);
        assertEquals(List.of("hst", "loda"), r.merged(), r.toString());
        assertEquals(1, r.skipped().size(), "kitnet does not merge: " + r.skipped());
        assertTrue(r.skipped().get(0).startsWith("kitnet"), r.skipped().toString());
        assertTrue(!java.util.Arrays.equals(before, a.encode()), "the merge changed the model");
        assertEquals(300, a.flows(), "the counts stay the model's own");

        // Ranges learned from other first windows: the trees and histograms do not line up, nothing is merged.
        EnsembleModel other = EnsembleModel.create(FeatureSets.FLOW_V1, NAMES, c);
        SplittableRandom rnd = new SplittableRandom(9);
        for (int i = 0; i < 100; i++) {
            other.scoreThenLearn(flow(rnd, 50), c);
        }
        EnsembleModel.MergeResult none = a.merge(other);
        assertEquals(List.of(), none.merged(), none.toString());
        assertEquals(3, none.skipped().size(), none.toString());
        assertThrows(IllegalArgumentException.class, () -> a.merge(null));
    }

    @Test
    void restartedCalibrationRanksAgainstNewScoresOnly() {
        ScoringConfig c = config(Map.of());
        EnsembleModel m = EnsembleModel.create(FeatureSets.FLOW_V1, NAMES, c);
        scores(m, c, 1, 400);
        m.restartCalibration(c);
        // A calibrator that has seen nothing answers 0.5 for every detector.
        var first = m.scoreThenLearn(flow(new SplittableRandom(5), 1), c);
        first.detectors().forEach(d -> assertEquals(0.5, d.getCalibrated(), 1e-12, d.toString()));
    }
}
