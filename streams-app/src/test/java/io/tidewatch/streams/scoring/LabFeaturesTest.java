package io.tidewatch.streams.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidewatch.streams.features.FeatureSets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lab's beacon and repeated-connection indicators against values computed by hand. */
class LabFeaturesTest {

    private static final List<String> NAMES = FeatureSets.names(FeatureSets.FLOW_V1);
    private static final int FWD_BYTES = NAMES.indexOf("fwd.ip_bytes");
    private static final int BWD_BYTES = NAMES.indexOf("bwd.ip_bytes");

    private static ScoringLab.Flow flow(String src, String dst, int port, double startS, double fwd, double bwd) {
        double[] x = new double[NAMES.size()];
        x[FWD_BYTES] = fwd;
        x[BWD_BYTES] = bwd;
        long start = (long) (startS * 1e9);
        return new ScoringLab.Flow("", src, start, start + 1_000_000L, x, dst, 6, port);
    }

    private static double last(ScoringLab.Flow f) {
        return f.x()[f.x().length - 1];
    }

    @Test
    void regularityIsOneLessMedianAbsoluteDeviationOverMedian() {
        assertEquals(1.0, LabFeatures.regularity(new double[] {60, 60, 60}, 3), 1e-12);
        // median 60, deviations 12, 0, 12: MAD 12, 1 - 12/60
        assertEquals(0.8, LabFeatures.regularity(new double[] {48, 72, 60}, 3), 1e-12);
        // median 10, deviations 9, 0, 90: MAD 9
        assertEquals(0.1, LabFeatures.regularity(new double[] {1, 10, 100}, 3), 1e-12);
        assertEquals(0.0, LabFeatures.regularity(new double[] {0, 0, 5}, 3), 1e-12);
    }

    @Test
    void beaconScoreIsIntervalTimesSizeRegularityTimesRarity() {
        List<ScoringLab.Flow> in = new ArrayList<>();
        // The implant: starts 0, 30, 66, 90 s (intervals 30, 36, 24), 700 originator bytes each.
        in.add(flow("a", "c2", 443, 0, 700, 100));
        in.add(flow("a", "c2", 443, 30, 700, 100));
        in.add(flow("a", "c2", 443, 66, 700, 100));
        in.add(flow("b", "c2", 443, 80, 700, 100));
        in.add(flow("a", "c2", 443, 90, 700, 100));
        List<ScoringLab.Flow> out = LabFeatures.withBeaconing(in, NAMES, 20, 3600_000_000_000L, "btdr", 1, 2, true);
        int base = NAMES.size();
        // First two flows: fewer than two intervals, no score.
        assertEquals(0.0, out.get(0).x()[base], 1e-12);
        assertEquals(0.0, out.get(1).x()[base], 1e-12);
        // Third: intervals 30, 36 (median 33, MAD 3): t = 1 - 3/33; sizes equal, one source.
        assertEquals(1 - 3.0 / 33, out.get(2).x()[base], 1e-12);
        // Fifth: intervals 30, 36, 24 (median 30, MAD 6): t = 0.8; a second source reached c2: r = 0.5.
        ScoringLab.Flow fifth = out.get(4);
        assertEquals(0.8, fifth.x()[base + 1], 1e-12);
        assertEquals(1.0, fifth.x()[base + 2], 1e-12);
        assertEquals(0.5, fifth.x()[base + 3], 1e-12);
        assertEquals(0.4, fifth.x()[base], 1e-12);
    }

    @Test
    void repeatsCountTheServiceWindowTimesResponderRegularity() {
        List<ScoringLab.Flow> in = new ArrayList<>();
        in.add(flow("x", "ssh", 22, 0, 900, 2000));
        in.add(flow("x", "ssh", 22, 5, 900, 2100));
        in.add(flow("x", "ssh", 80, 6, 900, 99999));
        in.add(flow("x", "ssh", 22, 10, 900, 1900));
        in.add(flow("x", "ssh", 22, 70, 900, 2000));
        List<ScoringLab.Flow> plain = LabFeatures.withRepeats(in, NAMES, 60_000_000_000L, "", true);
        assertEquals(1.0, last(plain.get(0)), 1e-12);
        assertEquals(2.0, last(plain.get(1)), 1e-12);
        assertEquals(1.0, last(plain.get(2)), 1e-12);
        assertEquals(3.0, last(plain.get(3)), 1e-12);
        // At 70 s the window holds the flows from 10 s on: itself and the one at 10 s.
        assertEquals(2.0, last(plain.get(4)), 1e-12);
        List<ScoringLab.Flow> shaped = LabFeatures.withRepeats(in, NAMES, 60_000_000_000L, "bwd.ip_bytes", true);
        // Three flows, responder bytes 2000, 2100, 1900: median 2000, MAD 100, regularity 0.95.
        assertEquals(3 * 0.95, last(shaped.get(3)), 1e-12);
        // Fewer than three flows: no shape yet.
        assertEquals(0.0, last(shaped.get(1)), 1e-12);
    }
}
