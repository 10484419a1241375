package io.tidewatch.streams.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostContextTest {

    @Test
    void dampedStatHalvesPerHalfLife() {
        DampedStat s = new DampedStat();
        s.insert(10);
        s.decay(2.0, 2.0);
        s.insert(20);
        // w = 0.5 + 1, ls = 5 + 20, ss = 50 + 400.
        assertEquals(1.5, s.weight(), 1e-12);
        assertEquals(25 / 1.5, s.mean(), 1e-12);
        assertEquals(450 / 1.5 - (25 / 1.5) * (25 / 1.5), s.variance(), 1e-9);
    }

    @Test
    void dampedPairStatWithoutDecay() {
        DampedPairStat p = new DampedPairStat();
        p.insert(1, 10);
        p.insert(2, 20);
        p.insert(3, 30);
        // a: mean 2, population variance 2/3; b = 10 a: mean 20, variance 200/3; cov 20/3; correlation 1.
        assertEquals(3, p.weight(), 1e-12);
        assertEquals(2, p.meanA(), 1e-12);
        assertEquals(20.0 / 3, p.covariance(), 1e-9);
        assertEquals(1, p.correlation(), 1e-9);
        assertEquals(Math.sqrt(4 + 400), p.magnitude(), 1e-9);
        assertEquals(Math.sqrt(2.0 / 3 + 200.0 / 3), p.radius(), 1e-9);
    }

    @Test
    void distinctWindowCountsRecentValuesAndForgetsOldOnes() {
        DistinctWindow w = new DistinctWindow(10_000);
        for (int port = 1; port <= 200; port++) {
            w.update(1_000 + port, port);
        }
        assertEquals(200, w.estimate(2_000), 200 * 0.03);
        // Two windows later nothing recent is left.
        assertEquals(0, w.estimate(40_000), 1e-9);
    }

    @Test
    void aPortScanRaisesDistinctPortsWhileOneConversationDoesNot() {
        SourceHostState scanner = new SourceHostState();
        PairState scanPair = new PairState();
        SourceHostState client = new SourceHostState();
        PairState clientPair = new PairState();
        long t0 = 1_700_000_000_000_000_000L;
        byte[] target = {10, 0, 0, 2};
        for (int i = 0; i < 500; i++) {
            long t = t0 + i * 1_000_000L; // one probe per ms
            scanner.observe(t, 44, target, 1 + i, true);
            scanPair.observe(t, 44, 40, 6, 1 + i);
            client.observe(t0 + i * 100_000_000L, 900, target, 443, false);
            clientPair.observe(t0 + i * 100_000_000L, 900, 20_000, 6, 443);
        }
        List<String> names = HostContextFeatures.names();
        double[] s = HostContext.values(HostContextFeatures.V1, scanner, scanPair, FlowIndicators.NONE);
        double[] c = HostContext.values(HostContextFeatures.V1, client, clientPair, FlowIndicators.NONE);
        int ports = names.indexOf("host.distinct_dst_ports.10s");
        int hosts = names.indexOf("host.distinct_dst_hosts.10s");
        assertTrue(s[ports] > 400, "scanner distinct ports " + s[ports]);
        assertEquals(1, c[ports], 0.01);
        assertEquals(1, s[hosts], 0.01);
        int rate = names.indexOf("host.hl1s.weight");
        assertTrue(s[rate] > 10 * c[rate], "scanner flow rate " + s[rate] + " vs client " + c[rate]);
    }

    @Test
    void statesSurviveEncoding() {
        SourceHostState h = new SourceHostState();
        PairState p = new PairState();
        long t = 1_700_000_000_000_000_000L;
        for (int i = 0; i < 50; i++) {
            h.observe(t + i * 7_000_000L, 100 + i, new byte[] {10, 0, 0, (byte) i}, 80 + i % 3, i % 4 == 0);
            p.observe(t + i * 7_000_000L, 100 + i, 1000 - i, 6, 80 + i % 3);
        }
        double[] before = HostContext.values(HostContextFeatures.V3, h, p,
                new FlowIndicators(p.beacon(0.5, 6), p.serviceRepeats(6, 81), h.emptyTcp()));
        PairState q = PairState.decode(p.encode());
        SourceHostState g = SourceHostState.decode(h.encode());
        double[] after = HostContext.values(HostContextFeatures.V3, g, q,
                new FlowIndicators(q.beacon(0.5, 6), q.serviceRepeats(6, 81), g.emptyTcp()));
        assertArrayEquals(before, after, 1e-12);
    }
}
