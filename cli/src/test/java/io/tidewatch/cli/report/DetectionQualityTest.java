package io.tidewatch.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.learners.evaluation.RankingMetrics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DetectionQualityTest {

    private static final DemoResults RESULTS = SeededDemoResults.build(11);

    @Test
    void exactFiguresMatchBruteForceAndTheRocCurveEnclosesTheAuc() {
        DetectionQuality q = DetectionQuality.of(RESULTS);
        assertEquals(List.of("c2-beacon", "port-scan", "ssh-bruteforce", "dns-tunnel"),
                q.perClass().stream().map(DetectionQuality.ClassQuality::attackClass).toList(),
                "classes in the order their first flow appeared");
        for (DetectionQuality.ClassQuality c : q.perClass()) {
            double auc = BruteForce.auc(RESULTS.flows(), BruteForce.ofClass(c.attackClass()));
            assertEquals(auc, c.rocAuc(), 1e-12, c.attackClass());
            assertEquals(auc, q.rocCurve(c.attackClass()).orElseThrow().area(), 1e-12, c.attackClass() + " curve");
            assertEquals(BruteForce.precision(RESULTS.flows(), BruteForce.ofClass(c.attackClass()), 0.9),
                    c.precision(), 1e-12);
            assertEquals(BruteForce.recall(RESULTS.flows(), BruteForce.ofClass(c.attackClass()), 0.9),
                    c.recall(), 1e-12);
        }
    }

    @Test
    void detectorFiguresMatchBruteForceOnEachDetectorsOwnScore() {
        DetectorQuality d = DetectorQuality.of(RESULTS, DetectionQuality.of(RESULTS));
        assertEquals(List.of("half-space trees", "random cut forest", "host context"), d.detectors());
        for (String c : d.classes()) {
            for (String detector : d.detectors()) {
                List<ObservedFlow> flows = RESULTS.flows().stream().map(f -> new ObservedFlow(f.timeMs(),
                        f.flowId(), f.communityId(), f.srcIp(), f.dstIp(), f.dstPort(), f.protocol(),
                        f.detectorScores().get(detector), Map.of(), f.burnIn(), f.truth(), f.reasons())).toList();
                assertEquals(BruteForce.auc(flows, BruteForce.ofClass(c)), d.auc(c, detector), 1e-12,
                        detector + " on " + c);
            }
        }
        assertTrue(d.auc("c2-beacon", "half-space trees") < d.auc("c2-beacon", "random cut forest"),
                "the seeded detectors differ by class");
    }

    @Test
    void attackPeriodsSplitAtLongQuietGapsOnly() {
        List<long[]> periods = AttackPeriods.of(new long[] {0, 10_000, 50_000, 200_000, 200_000, 230_000}, 60_000);
        assertEquals(2, periods.size());
        assertEquals(List.of(0L, 50_000L, 200_000L, 230_000L),
                List.of(periods.get(0)[0], periods.get(0)[1], periods.get(1)[0], periods.get(1)[1]));
        assertEquals(1, AttackPeriods.of(new long[] {5}, 60_000).get(0)[1] - 5, "a lone flow is 1 ms wide");
        assertEquals(60_000, AttackPeriods.gapFor(600_000));
        assertEquals(360_000, AttackPeriods.gapFor(36_000_000));
        assertThrows(IllegalArgumentException.class, () -> AttackPeriods.of(new long[] {2, 1}, 10));
    }

    @Test
    void rocCurveOfTiesIsOneDiagonalStepAndPlotPointsKeepTheEnds() {
        RocCurve tied = RocCurve.of(new double[] {0.5, 0.5, 0.5, 0.5}, new boolean[] {true, false, true, false});
        assertEquals(2, tied.size());
        assertEquals(0.5, tied.area(), 1e-15);
        double[] scores = new double[1000];
        boolean[] positive = new boolean[1000];
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < scores.length; i++) {
            positive[i] = rnd.nextBoolean();
            scores[i] = rnd.nextDouble() + (positive[i] ? 0.3 : 0);
        }
        RocCurve curve = RocCurve.of(scores, positive);
        double[][] xy = curve.plotPoints(50);
        assertTrue(xy[0].length <= 51, "thinned to " + xy[0].length);
        assertEquals(0, xy[0][0]);
        assertEquals(1, xy[0][xy[0].length - 1]);
        assertEquals(1, xy[1][xy[1].length - 1]);
        assertEquals(RankingMetrics.rocAuc(scores, positive), curve.area(), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> RocCurve.of(new double[] {0.1, 0.2}, new boolean[] {true, true}));
    }

    @Test
    void recordsRejectBadValuesNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ObservedFlow(1, "f1",
                "c", "a", "b", 80, "tcp", 1.5, Map.of(), false, Optional.empty(), List.of()));
        assertTrue(e.getMessage().contains("1.5") && e.getMessage().contains("[0, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ObservedFlow(1, "f1", "c", "a", "b", 70000,
                "tcp", 0.5, Map.of(), false, Optional.empty(), List.of()));
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GroundTruth(false, "port-scan"));
        assertTrue(e.getMessage().contains("port-scan"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Alert(5, "h", 0, 0.9, List.of(),
                Optional.empty()));
        assertTrue(e.getMessage().contains("count 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Throughput(1, 1, 0, List.of()));
        assertTrue(e.getMessage().contains("elapsed seconds 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LearningPoint(10, 0.5, 0.5, 0.5, 0.5, 0.5, -2, 1));
        assertTrue(e.getMessage().contains("-2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DemoResults("t", List.of(), List.of(), List.of(),
                List.of(), RESULTS.throughput(), 0, 0));
        assertTrue(e.getMessage().contains("alert threshold 0.0"), e.getMessage());
    }
}
