package io.tidewatch.streams.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.config.Settings;
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
        for (String detectors : new String[] {"hst,loda,kitnet", "surge-activity,surge-flow",
                "deviation,deviation-host,loda-host,hst-host"}) {
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
        assertEquals(0.75, Combiner.NOISY_OR.combine(new double[] {0.5, 0.5}), 1e-12);
        assertEquals(Combiner.NOISY_OR, Combiner.parse("noisy-or"));
        assertEquals(0.8, Combiner.blend(0.8, 0.1, 0.5), 1e-12, "a benign verdict never lowers the score");
        assertEquals(0.6, Combiner.blend(0.2, 1.0, 0.5), 1e-12);
    }

    @Test
    void featureWordingNamesEveryFeatureDifferently() {
        List<String> wording = new ArrayList<>();
        for (String n : NAMES) {
            wording.add(FeatureWording.describe(n));
        }
        assertEquals(NAMES.size(), wording.stream().distinct().count(), "every feature reads differently");
    }

    @Test
    void viewsReadTheirOwnFeatures() {
        int[] flow = EnsembleFactory.inputs("surge-flow", NAMES);
        int[] host = EnsembleFactory.inputs("surge-host", NAMES);
        int[] activity = EnsembleFactory.inputs("surge-activity", NAMES);
        assertEquals(NAMES.size(), flow.length + host.length);
        for (int i : activity) {
            String n = NAMES.get(i);
            assertTrue(n.endsWith(".weight") || n.contains("distinct_"), n);
        }
        // Source and pair weights at five half-lives, distinct hosts and ports over two windows.
        assertEquals(14, activity.length);
        for (int i : flow) {
            assertTrue(!NAMES.get(i).startsWith("host.") && !NAMES.get(i).startsWith("pair."), NAMES.get(i));
        }
    }

    @Test
    void aNewModelClaimsNoAnomalyBeforeItHasABasis() {
        ScoringConfig c = config(Map.of());
        EnsembleModel m = EnsembleModel.create(FeatureSets.FLOW_V1, NAMES, c);
        SplittableRandom rnd = new SplittableRandom(5);
        // The detectors learn a window, then their calibrators a window: until then every flow is "undecided".
        for (int i = 0; i < 2 * c.window(); i++) {
            EnsembleModel.Scored s = m.scoreThenLearn(flow(rnd, i == 5 ? 1000 : 1), c);
            assertEquals(EnsembleModel.NO_BASIS, s.score(), 1e-12, "flow " + i);
        }
        assertTrue(m.scoreThenLearn(flow(rnd, 1000), c).score() > 0.95);
    }

    @Test
    void aSourceFloodingTheModelTeachesOnlyItsShare() {
        ScoringConfig c = config(Map.of("scoring.learn.gate", "1"));
        EnsembleModel fair = EnsembleModel.create(FeatureSets.FLOW_V1, NAMES, c);
        EnsembleModel unfair = EnsembleModel.create(FeatureSets.FLOW_V1, NAMES, c);
        SplittableRandom rnd = new SplittableRandom(8);
        long t = 1_700_000_000_000_000_000L;
        // Twenty ordinary hosts, one flow each every 20 s, for 10 minutes.
        for (int k = 0; k < 600; k++) {
            double[] x = flow(rnd, 1);
            fair.scoreThenLearn(x, "host" + (k % 20), t, c);
            unfair.scoreThenLearn(x, null, t, c);
            t += 1_000_000_000L;
        }
        // Then one source starts 100 flows a second, 50 times larger, for 10 s.
        double firstFair = 0;
        double lastFair = 0;
        double lastUnfair = 0;
        for (int k = 0; k < 1000; k++) {
            double[] x = flow(rnd, 50);
            double a = fair.scoreThenLearn(x, "flooder", t, c).score();
            double b = unfair.scoreThenLearn(x, null, t, c).score();
            firstFair = k == 0 ? a : firstFair;
            lastFair = a;
            lastUnfair = b;
            t += 10_000_000L;
        }
        assertTrue(firstFair > 0.95, "first flood flow " + firstFair);
        assertTrue(lastFair > 0.95, "with fair share the flood stays anomalous: " + lastFair);
        assertTrue(lastUnfair < 0.9, "without it the flood became normal: " + lastUnfair);
    }

    @Test
    void learningShareIsATokenBucketInEventTimeAndSurvivesTheCodec() {
        ScoringConfig c = config(Map.of("scoring.learn.share.rate", "1", "scoring.learn.share.burst", "3",
                "scoring.learn.share.sources", "2"));
        LearningShare share = new LearningShare(c.shareRate(), c.shareBurst(), c.shareSources());
        long t = 5_000_000_000L;
        assertTrue(share.take("a", t), "a newcomer has one token");
        assertTrue(!share.take("a", t), "and earns the next by time");
        assertTrue(share.take("a", t + 1_000_000_000L));
        // Quiet for a minute: at most the burst is saved up.
        long later = t + 61_000_000_000L;
        assertTrue(share.take("a", later) && share.take("a", later) && share.take("a", later));
        assertTrue(!share.take("a", later));
        assertTrue(!share.take("a", later - 10_000_000_000L), "an older flow refills nothing");
        share.take("b", later);
        share.take("c", later);
        assertEquals(2, share.sources(), "bounded: the least recently active source is forgotten");
        EnsembleModel m = EnsembleModel.create(FeatureSets.FLOW_V1, NAMES, c);
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 10; i++) {
            m.scoreThenLearn(flow(rnd, 1), "x", t, c);
        }
        EnsembleModel back = EnsembleModel.decode(m.encode(), NAMES, c);
        // "x" used its one token at t; restored, it still has none at t.
        assertEquals(10, back.flows());
        assertEquals(m.encode().length, back.encode().length);
        assertArrayEquals(m.encode(), back.encode());
    }

    @Test
    void mergeFoldsInWhatTheDetectorsShareAndLeavesTheRest() {
        // The mergeable detectors (Half-Space Trees, Loda) beside one that is not (the autoencoders).
        ScoringConfig c = config(Map.of("scoring.detectors", "hst,loda,kitnet"));
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
    void restartedCalibrationKeepsRankingUntilTheNewOneTakesOverOnNewScoresOnly() {
        ScoringConfig c = config(Map.of());
        EnsembleModel m = EnsembleModel.create(FeatureSets.FLOW_V1, NAMES, c);
        EnsembleModel twin = EnsembleModel.create(FeatureSets.FLOW_V1, NAMES, c);
        scores(m, c, 1, 150);
        scores(twin, c, 1, 150);
        m.restartCalibration(c, 40);
        assertTrue(m.recalibrating());
        // Until the new calibration takes over the model ranks exactly as it would have without the restart: no
        // blind spot. (Few enough scores that the quantile sketches are still exact.)
        SplittableRandom a = new SplittableRandom(2);
        SplittableRandom b = new SplittableRandom(2);
        for (int i = 0; i < 39; i++) {
            assertEquals(twin.scoreThenLearn(flow(a, 30), c).score(), m.scoreThenLearn(flow(b, 30), c).score(), 0.0);
        }
        assertTrue(m.recalibrating());
        twin.scoreThenLearn(flow(a, 30), c);
        m.scoreThenLearn(flow(b, 30), c);
        assertTrue(!m.recalibrating(), "the new calibration took over after 40 scores");
        // Now ranks are read against the 40 scores of the new, thirty times larger traffic only, where the twin
        // still ranks it against a window of mostly the old traffic.
        double[] x = flow(a, 30);
        double taken = m.scoreThenLearn(x.clone(), c).detectorsScore();
        double kept = twin.scoreThenLearn(x.clone(), c).detectorsScore();
        assertTrue(taken < kept - 0.1, "new calibration " + taken + ", old " + kept);
    }

    private static double[] raws(EnsembleModel m, ScoringConfig c, double[] x) {
        return m.scoreThenLearn(x, c).detectors().stream().mapToDouble(d -> d.getRaw()).toArray();
    }

    @Test
    void foldingPeersScoresWithTheirLearningAndStoresOnlyOwn() {
        ScoringConfig c = config(Map.of());
        EnsembleModel a = EnsembleModel.create(FeatureSets.FLOW_V1, NAMES, c);
        EnsembleModel b = EnsembleModel.create(FeatureSets.FLOW_V1, NAMES, c);
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 300; i++) {
            a.scoreThenLearn(flow(rnd, 1), c);
            b.scoreThenLearn(flow(rnd, 40), c);
        }
        double[] likeB = flow(new SplittableRandom(12), 40);
        double[] alone = raws(a.copy(c), c, likeB);
        byte[] stored = a.encode();

        EnsembleModel.MergeResult r = a.foldPeers(List.of(b));
        assertEquals(List.of("surge-activity", "surge-flow"), r.merged(), r.toString());
        assertArrayEquals(stored, a.encode(), "what a task stores and publishes stays its own learning");
        EnsembleModel twice = a.copy(c);
        twice.foldPeers(List.of(b));
        twice.foldPeers(List.of(b));
        double[] folded = raws(a, c, likeB);
        assertArrayEquals(folded, raws(twice, c, likeB), 1e-12, "a fold replaces the last one, it does not add to it");
        for (int i = 0; i < folded.length; i++) {
            assertTrue(folded[i] < alone[i] / 2, "the peer's traffic is usual once folded in: " + alone[i] + " -> "
                    + folded[i]);
        }

        // A seed scores with its peers' learning while its own detectors start from nothing.
        EnsembleModel seed = b.copy(c);
        seed.restartOwnLearning(c);
        assertArrayEquals(new long[] {0, 0}, seed.ownExamples());
        assertArrayEquals(raws(b.copy(c), c, likeB), raws(seed, c, likeB), 1e-12);
        // Detectors that cannot start over and take the seed in again (Half-Space Trees' ranges) keep the seed.
        ScoringConfig trees = config(Map.of("scoring.detectors", "hst,surge"));
        EnsembleModel t = EnsembleModel.create(FeatureSets.FLOW_V1, NAMES, trees);
        scores(t, trees, 3, 100);
        t.restartOwnLearning(trees);
        assertTrue(t.ownExamples()[0] > 0 && t.ownExamples()[1] == 0, java.util.Arrays.toString(t.ownExamples()));
    }

    @Test
    void calibratorsRankAgainstTheTrafficTheShareAdmitsNotOnlyWhatTheGateLetThrough() {
        double[] last = new double[2];
        for (int mode = 0; mode < 2; mode++) {
            ScoringConfig c = config(Map.of("scoring.calibration.gated", mode == 0 ? "true" : "false"));
            EnsembleModel m = EnsembleModel.create(FeatureSets.FLOW_V1, NAMES, c);
            scores(m, c, 1, 400);
            // A lasting change: the gate lets the detectors learn one of these in sixteen.
            SplittableRandom rnd = new SplittableRandom(2);
            for (int i = 0; i < 300; i++) {
                m.scoreThenLearn(flow(rnd, 30), c);
            }
            last[mode] = m.scoreThenLearn(flow(rnd, 30), c).score();
        }
        assertTrue(last[0] > 0.9, "gated calibration: still ranked above nearly all it calibrated on: " + last[0]);
        assertTrue(last[1] < last[0] - 0.1, "ungated: ranked among the 300 like it: " + last[1] + " vs " + last[0]);
    }

    @Test
    void aFiringIndicatorRaisesTheScoreAndIsNamedFirst() {
        List<String> names = FeatureSets.names(FeatureSets.FLOW);
        int beacon = names.indexOf("pair.beacon");
        ScoringConfig c = config(Map.of());
        EnsembleModel m = EnsembleModel.create(FeatureSets.FLOW, names, c);
        SplittableRandom rnd = new SplittableRandom(9);
        for (int i = 0; i < 400; i++) {
            double[] x = flow(rnd, 1, names.size());
            // A beacon score on one flow in ten, never above 0.5.
            x[beacon] = i % 10 == 0 ? 0.05 * (i % 11) : 0;
            m.scoreThenLearn(x, "10.0.0." + (i % 40), i * 1_000_000_000L, c);
        }
        double[] x = flow(rnd, 1, names.size());
        x[beacon] = 0;
        EnsembleModel quiet = m.copy(c);
        EnsembleModel.Scored without = quiet.scoreThenLearn(x.clone(), "10.0.0.1", 401_000_000_000L, c);
        x[beacon] = 0.9;
        EnsembleModel.Scored with = m.scoreThenLearn(x, "10.0.0.1", 401_000_000_000L, c);
        assertTrue(with.score() > without.score() + 0.3, without.score() + " -> " + with.score());
        assertEquals("pair.beacon", with.reasons().get(0).getFeature());
        assertTrue(with.reasons().get(0).getText().startsWith("beacon"), with.reasons().get(0).getText());
        assertEquals("beacon", with.detectors().get(2).getDetector());
    }

    @Test
    void aModelStoredBeforeIndicatorsReadsBackWithFreshOnes() {
        List<String> names = FeatureSets.names(FeatureSets.FLOW);
        ScoringConfig none = config(Map.of("scoring.indicators", ""));
        EnsembleModel m = EnsembleModel.create(FeatureSets.FLOW, names, none);
        scoresOf(m, none, names, 60);
        byte[] bytes = m.encode();
        // Format 2 was format 3 without the indicator section, an empty one being a single int 0.
        byte[] format2 = java.util.Arrays.copyOf(bytes, bytes.length - 4);
        format2[3] = 2;
        EnsembleModel back = EnsembleModel.decode(format2, names, config(Map.of()));
        assertEquals(60, back.flows());
        assertEquals(2 + ScoringConfig.DEFAULT_INDICATORS.size(), back.scoreThenLearn(flow(new SplittableRandom(1), 1,
                names.size()), config(Map.of())).detectors().size(), "two detectors and the default indicators, fresh");
        byte[] future = bytes.clone();
        future[3] = 4;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnsembleModel.decode(future, names, none));
        assertTrue(e.getMessage().contains("format 4, expected 1..3"), e.getMessage());
    }

    private static double[] flow(SplittableRandom rnd, double scale, int n) {
        double[] x = new double[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = scale * (1 + rnd.nextDouble() * 10);
        }
        return x;
    }

    private static void scoresOf(EnsembleModel m, ScoringConfig c, List<String> names, int n) {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            m.scoreThenLearn(flow(rnd, 1, names.size()), c);
        }
    }
}
