package io.tidewatch.streams.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@code pair.beacon} and {@code pair.service_repeats} against values computed by hand, and their encoding. */
class PairIndicatorsTest {

    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_700_000_000L * S;
    private static final byte[] A = {10, 0, 0, 1};
    private static final byte[] B = {10, 0, 0, 2};

    @Test
    void regularityIsOneLessMedianAbsoluteDeviationOverMedian() {
        assertEquals(1.0, Regularity.of(new double[] {60, 60, 60}, 3), 1e-12);
        // median 60, deviations 12, 0, 12: MAD 12, 1 - 12/60
        assertEquals(0.8, Regularity.of(new double[] {48, 72, 60}, 3), 1e-12);
        // median 10, deviations 9, 0, 90: MAD 9
        assertEquals(0.1, Regularity.of(new double[] {1, 10, 100}, 3), 1e-12);
        assertEquals(0.0, Regularity.of(new double[] {0, 0, 5}, 3), 1e-12);
        // even count: median 15, deviations 5, 5: 1 - 5/15
        assertEquals(2.0 / 3, Regularity.of(new double[] {10, 20}, 2), 1e-12);
    }

    /** Observes a TCP flow of {@code src} to c2 as the processor does; returns its beacon score. */
    private static double beaconFlow(PairState pair, DestinationState c2, byte[] src, double startS, long bytes) {
        long start = T0 + (long) (startS * S);
        pair.observe(start, bytes, 100, TCP, 443);
        double r = c2.observe(src, start + 1_000_000L);
        return pair.beacon(r, TCP);
    }

    @Test
    void beaconScoreIsIntervalTimesSizeRegularityTimesRarity() {
        PairState a = new PairState();
        PairState b = new PairState();
        DestinationState c2 = new DestinationState();
        // The implant: starts 0, 30, 66, 90 s (intervals 30, 36, 24), 700 originator bytes each.
        assertEquals(0.0, beaconFlow(a, c2, A, 0, 700), 1e-12);
        // Fewer than two intervals: no score.
        assertEquals(0.0, beaconFlow(a, c2, A, 30, 700), 1e-12);
        // Intervals 30, 36 (median 33, MAD 3): t = 1 - 3/33; sizes equal; one source.
        assertEquals(1 - 3.0 / 33, beaconFlow(a, c2, A, 66, 700), 1e-12);
        assertEquals(0.0, beaconFlow(b, c2, B, 80, 700), 1e-12);
        // Intervals 30, 36, 24 (median 30, MAD 6): t = 0.8; a second source reached c2: r = 0.5.
        assertEquals(0.4, beaconFlow(a, c2, A, 90, 700), 1e-12);
        // The same pair over UDP scores nothing, though its starts are kept.
        a.observe(T0 + 120 * S, 700, 100, UDP, 53);
        assertEquals(0.0, a.beacon(0.5, UDP), 1e-12);
        assertEquals(5, a.beaconStarts());
    }

    @Test
    void beaconStartsAreKeptInStartOrderOnePerStartTheLastTwenty() {
        PairState p = new PairState();
        // Closing out of order: 0, 20, 10 s are intervals 10, 10 once in place.
        p.observe(T0, 100, 0, TCP, 443);
        p.observe(T0 + 20 * S, 100, 0, TCP, 443);
        p.observe(T0 + 10 * S, 100, 0, TCP, 443);
        assertEquals(1.0, p.beacon(1, TCP), 1e-12);
        // A start seen again takes the newer bytes: sizes 100, 100, 200, 300 (median 150, MAD 50), t still 1.
        p.observe(T0 + 30 * S, 100, 0, TCP, 443);
        p.observe(T0 + 30 * S, 300, 0, TCP, 443);
        p.observe(T0 + 20 * S, 200, 0, TCP, 443);
        assertEquals(4, p.beaconStarts());
        assertEquals(1 - 50.0 / 150, p.beacon(1, TCP), 1e-12);

        // Twenty starts 10 s apart, the first ten of 100 bytes, the others 300: sizes median 200, MAD 100.
        PairState q = new PairState();
        for (int i = 0; i < 20; i++) {
            q.observe(T0 + i * 10 * S, i < 10 ? 100 : 300, 0, TCP, 443);
        }
        assertEquals(0.5 * 0.25, q.beacon(0.25, TCP), 1e-12);
        // One more of 100 bytes at 200 s: the earliest (0 s, 100 bytes) goes, ten and ten again. Kept, eleven of
        // 100 would make the median 100 and the MAD 0.
        q.observe(T0 + 200 * S, 100, 0, TCP, 443);
        assertEquals(HostContextFeatures.BEACON_KEEP, q.beaconStarts());
        assertEquals(0.5, q.beacon(1, TCP), 1e-12);
        // Earlier than all twenty kept: dropped at once (kept, it would break the 10 s rhythm and the sizes).
        q.observe(T0 - 7 * S, 300, 0, TCP, 443);
        assertEquals(0.5, q.beacon(1, TCP), 1e-12);
    }

    /** Observes a TCP flow from x to ssh port {@code port}; returns its repeats value. */
    private static double sshFlow(PairState p, int port, double startS, long responderBytes) {
        p.observe(T0 + (long) (startS * S), 900, responderBytes, TCP, port);
        return p.serviceRepeats(TCP, port);
    }

    @Test
    void repeatsCountTheServiceWindowTimesResponderRegularity() {
        PairState p = new PairState();
        assertEquals(0.0, sshFlow(p, 22, 0, 2000), 1e-12);
        // Fewer than three flows: no shape yet.
        assertEquals(0.0, sshFlow(p, 22, 5, 2100), 1e-12);
        // Another port is another service.
        assertEquals(0.0, sshFlow(p, 80, 6, 99999), 1e-12);
        // Three flows, responder bytes 2000, 2100, 1900: median 2000, MAD 100, regularity 0.95.
        assertEquals(3 * 0.95, sshFlow(p, 22, 10, 1900), 1e-12);
        // At 70 s the window holds the flows from 10 s on: itself and the one at 10 s.
        assertEquals(0.0, sshFlow(p, 22, 70, 2000), 1e-12);

        PairState q = new PairState();
        double[] got = new double[6];
        for (int i = 0; i < 5; i++) {
            got[i] = sshFlow(q, 22, i * 10, 700);
        }
        // Identical responders: the count itself from the third flow on.
        assertArrayEquals(new double[] {0, 0, 3, 4, 5, 0}, got, 1e-12);
        // Exactly 60 s before 100 s stays (40 s); 0..30 s are dropped; a later start already present stays.
        assertEquals(0.0, sshFlow(q, 22, 100, 700), 1e-12);
        assertEquals(3.0, sshFlow(q, 22, 45, 700), 1e-12);
    }

    @Test
    void repeatsAreTcpOnlyAndSaturateAtTheBound() {
        PairState udp = new PairState();
        for (int i = 0; i < 10; i++) {
            udp.observe(T0 + i * S, 60, 120, UDP, 53);
        }
        assertEquals(0.0, udp.serviceRepeats(UDP, 53), 1e-12);
        assertEquals(0, udp.serviceEntries());

        // A SYN flood: 3,000 connections to port 80 in 30 s.
        PairState flood = new PairState();
        for (int i = 0; i < 3000; i++) {
            flood.observe(T0 + i * 10_000_000L, 44, 40, TCP, 80);
        }
        assertEquals(HostContextFeatures.REPEATS_MAX, flood.serviceEntries());
        assertEquals(128.0, flood.serviceRepeats(TCP, 80), 1e-12);
        // The encoding stays bounded too: 14 bytes an entry.
        PairState decoded = PairState.decode(flood.encode());
        assertEquals(128.0, decoded.serviceRepeats(TCP, 80), 1e-12);
    }

    @Test
    void hostContextV2AppendsTheTwoIndicatorsAfterV1() {
        SourceHostState h = new SourceHostState();
        PairState p = new PairState();
        h.observe(T0, 700, B, 443, false);
        p.observe(T0, 700, 100, TCP, 443);
        double[] v1 = HostContext.values(HostContextFeatures.V1, h, p, FlowIndicators.NONE);
        double[] v2 = HostContext.values(HostContextFeatures.V2, h, p, new FlowIndicators(0.25, 3.0, 7.0));
        assertEquals(HostContextFeatures.size(1), v1.length);
        assertEquals(v1.length + 2, v2.length);
        assertArrayEquals(v1, Arrays.copyOf(v2, v1.length), 0);
        assertEquals(0.25, v2[HostContextFeatures.names().indexOf(HostContextFeatures.BEACON)]);
        assertEquals(3.0, v2[HostContextFeatures.names().indexOf(HostContextFeatures.SERVICE_REPEATS)]);
    }

    @Test
    void pairStateRoundTripsAndVersionOneBytesDecodeWithEmptyRings() {
        PairState p = new PairState();
        for (int i = 0; i < 8; i++) {
            p.observe(T0 + i * 30 * S + (i % 2) * S, 700 + i, 2000 + 10 * i, TCP, 22);
        }
        byte[] bytes = p.encode();
        PairState q = PairState.decode(bytes);
        assertArrayEquals(bytes, q.encode());
        assertEquals(p.beacon(0.5, TCP), q.beacon(0.5, TCP), 0);
        assertEquals(p.serviceRepeats(TCP, 22), q.serviceRepeats(TCP, 22), 0);
        assertTrue(p.beacon(0.5, TCP) > 0, "a regular pair scores");

        // Version 1 was version byte, last update, damped statistics: version 2 with empty rings less the two
        // zero counts at the end and with another version byte.
        PairState stats = new PairState();
        stats.observe(T0, 700.0, 100.0);
        stats.observe(T0 + S, 800.0, 120.0);
        byte[] v2 = stats.encode();
        assertEquals(2, v2[0]);
        assertEquals(0, v2[v2.length - 1]);
        assertEquals(0, v2[v2.length - 2]);
        byte[] v1 = Arrays.copyOf(v2, v2.length - 2);
        v1[0] = 1;
        PairState old = PairState.decode(v1);
        assertArrayEquals(HostContext.values(HostContextFeatures.V1, new SourceHostState(), stats, FlowIndicators.NONE),
                HostContext.values(HostContextFeatures.V1, new SourceHostState(), old, FlowIndicators.NONE), 0);
        assertEquals(0, old.beaconStarts());
        assertEquals(0, old.serviceEntries());
        assertArrayEquals(v2, old.encode(), "rewritten as version 2");
    }

    @Test
    void corruptPairStateIsRefusedNamingItsSizeAndVersion() {
        PairState p = new PairState();
        p.observe(T0, 700, 100, TCP, 22);
        byte[] good = p.encode();
        byte[] v9 = good.clone();
        v9[0] = 9;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PairState.decode(v9));
        assertTrue(e.getMessage().contains("version 9") && e.getMessage().contains(good.length + " bytes"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PairState.decode(Arrays.copyOf(good, good.length - 3)));
        assertTrue(e.getMessage().contains((good.length - 3) + " bytes is truncated"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PairState.decode(Arrays.copyOf(good, good.length + 4)));
        assertTrue(e.getMessage().contains("4 bytes after its end"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PairState.decode(new byte[] {2, 0, 0}));
        assertTrue(e.getMessage().contains("3 bytes") && e.getMessage().contains("at least 9"), e.getMessage());
        // The starts count (the byte after the damped statistics) says 200.
        PairState stats = new PairState();
        stats.observe(T0, 700.0, 100.0);
        byte[] many = stats.encode();
        many[many.length - 2] = (byte) 200;
        e = assertThrows(IllegalArgumentException.class, () -> PairState.decode(many));
        assertTrue(e.getMessage().contains("beacon starts count 200: expected at most 20"), e.getMessage());
    }
}
