package io.tidewatch.streams.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Feature values of a small, fully worked TCP flow against values computed by hand (the arithmetic is written out
 * in the expectations), plus the originator/responder swap and a state round trip.
 */
class FlowFeaturesTest {

    private static final long MS = 1_000_000L;
    private static final int SYN = 0x02, ACK = 0x10, PSH = 0x08, FIN = 0x01;

    /**
     * A to B is the originator. Times in ms: 0 SYN, 10 SYN/ACK, 20 ACK, 50 PSH/ACK 100 B, 80 PSH/ACK 500 B back,
     * then a 6010 ms pause (over the 5 s activity timeout), 6090 FIN/ACK, 6100 FIN/ACK back.
     */
    static FlowStats sample() {
        FlowStats s = new FlowStats(16, 5_000 * MS);
        long t0 = 1_700_000_000_000L * MS;
        s.add(t0, 0, 60, 0, SYN, 1000);
        s.add(t0 + 10 * MS, 1, 60, 0, SYN | ACK, 2000);
        s.add(t0 + 20 * MS, 0, 52, 0, ACK, 1000);
        s.add(t0 + 50 * MS, 0, 152, 100, PSH | ACK, 1000);
        s.add(t0 + 80 * MS, 1, 552, 500, PSH | ACK, 2000);
        s.add(t0 + 6090 * MS, 0, 52, 0, FIN | ACK, 1000);
        s.add(t0 + 6100 * MS, 1, 52, 0, FIN | ACK, 2000);
        return s;
    }

    private static double value(double[] v, String name) {
        List<String> names = FlowFeatures.names(16);
        int i = names.indexOf(name);
        if (i < 0) {
            throw new AssertionError("no feature " + name);
        }
        return v[i];
    }

    @Test
    void bothDirectionsMatchHandComputedValues() {
        double[] v = FlowFeatures.values(sample(), 0);
        assertEquals(7, value(v, "both.packets"));
        assertEquals(60 + 60 + 52 + 152 + 552 + 52 + 52, value(v, "both.ip_bytes"));
        assertEquals(600, value(v, "both.payload_bytes"));
        assertEquals(52, value(v, "both.size.min"));
        assertEquals(552, value(v, "both.size.max"));
        assertEquals(140, value(v, "both.size.mean"), 1e-9);
        // Squared deviations from 140: 2*80^2 + 3*88^2 + 12^2 + 412^2 = 205920, over n-1 = 6.
        assertEquals(Math.sqrt(205920.0 / 6), value(v, "both.size.std"), 1e-9);
        // Gaps 10, 10, 30, 30, 6010, 10 ms.
        assertEquals(10, value(v, "both.iat_ms.min"), 1e-9);
        assertEquals(6010, value(v, "both.iat_ms.max"), 1e-9);
        assertEquals(6100.0 / 6, value(v, "both.iat_ms.mean"), 1e-9);
        // Sum of squares 36122200; sample variance (36122200 - 6100^2/6) / 5.
        assertEquals(Math.sqrt((36122200 - 6100.0 * 6100 / 6) / 5), value(v, "both.iat_ms.std"), 1e-6);
        assertEquals(2, value(v, "both.flags.syn"));
        assertEquals(2, value(v, "both.flags.fin"));
        assertEquals(6, value(v, "both.flags.ack"));
        assertEquals(2, value(v, "both.flags.psh"));
        assertEquals(0, value(v, "both.flags.rst"));
        assertEquals(6100, value(v, "both.duration_ms"), 1e-9);
        assertEquals(7 / 6.1, value(v, "both.packets_per_s"), 1e-9);
        assertEquals(980 / 6.1, value(v, "both.bytes_per_s"), 1e-9);
        assertEquals(0.75, value(v, "down_up_ratio"), 1e-12);
    }

    @Test
    void perDirectionValuesMatchHandComputedValues() {
        double[] v = FlowFeatures.values(sample(), 0);
        assertEquals(4, value(v, "fwd.packets"));
        assertEquals(316, value(v, "fwd.ip_bytes"));
        assertEquals(100, value(v, "fwd.payload_bytes"));
        assertEquals(79, value(v, "fwd.size.mean"), 1e-9);
        // Deviations from 79: -19, -27, 73, -27 -> 7148 over 3.
        assertEquals(Math.sqrt(7148.0 / 3), value(v, "fwd.size.std"), 1e-9);
        // Forward gaps 20, 30, 6040: mean 2030, variance (2010^2 + 2000^2 + 4010^2) / 2.
        assertEquals(20, value(v, "fwd.iat_ms.min"), 1e-9);
        assertEquals(6040, value(v, "fwd.iat_ms.max"), 1e-9);
        assertEquals(2030, value(v, "fwd.iat_ms.mean"), 1e-9);
        assertEquals(Math.sqrt(12060100), value(v, "fwd.iat_ms.std"), 1e-6);
        assertEquals(1000, value(v, "fwd.init_window"));
        assertEquals(6090, value(v, "fwd.duration_ms"), 1e-9);
        assertEquals(3, value(v, "fwd.flags.ack"));

        assertEquals(3, value(v, "bwd.packets"));
        assertEquals(664, value(v, "bwd.ip_bytes"));
        assertEquals(500, value(v, "bwd.payload_bytes"));
        assertEquals(664.0 / 3, value(v, "bwd.size.mean"), 1e-9);
        // Backward gaps 70 and 6020: mean 3045, sample std 2975 * sqrt(2).
        assertEquals(3045, value(v, "bwd.iat_ms.mean"), 1e-9);
        assertEquals(2975 * Math.sqrt(2), value(v, "bwd.iat_ms.std"), 1e-6);
        assertEquals(2000, value(v, "bwd.init_window"));
        assertEquals(3 / 6.1, value(v, "bwd.packets_per_s"), 1e-9);
    }

    @Test
    void activeAndIdlePeriods() {
        double[] v = FlowFeatures.values(sample(), 0);
        // Active 0..80 ms, idle 6010 ms, active 6090..6100 ms.
        assertEquals(10, value(v, "active_ms.min"), 1e-9);
        assertEquals(80, value(v, "active_ms.max"), 1e-9);
        assertEquals(45, value(v, "active_ms.mean"), 1e-9);
        assertEquals(35 * Math.sqrt(2), value(v, "active_ms.std"), 1e-9);
        assertEquals(6010, value(v, "idle_ms.min"), 1e-9);
        assertEquals(6010, value(v, "idle_ms.mean"), 1e-9);
        assertEquals(0, value(v, "idle_ms.std"), 1e-9);
    }

    @Test
    void spltKeepsTheFirstPacketsAndPadsWithZeros() {
        double[] v = FlowFeatures.values(sample(), 0);
        int[] sizes = {60, 60, 52, 152, 552, 52, 52};
        double[] gaps = {0, 10, 10, 30, 30, 6010, 10};
        int[] dirs = {1, -1, 1, 1, -1, 1, -1};
        for (int i = 0; i < 7; i++) {
            assertEquals(sizes[i], value(v, "splt." + i + ".size"));
            assertEquals(gaps[i], value(v, "splt." + i + ".iat_ms"), 1e-9);
            assertEquals(dirs[i], value(v, "splt." + i + ".dir"));
        }
        for (int i = 7; i < 16; i++) {
            assertEquals(0, value(v, "splt." + i + ".size"));
            assertEquals(0, value(v, "splt." + i + ".dir"));
        }
    }

    @Test
    void responderOriginatedFlowSwapsDirections() {
        double[] v = FlowFeatures.values(sample(), 1);
        assertEquals(3, value(v, "fwd.packets"));
        assertEquals(4, value(v, "bwd.packets"));
        assertEquals(4.0 / 3, value(v, "down_up_ratio"), 1e-12);
        assertEquals(-1, value(v, "splt.0.dir"));
        assertEquals(2000, value(v, "fwd.init_window"));
    }

    @Test
    void encodedStateGivesTheSameFeatures() throws IOException {
        FlowStats s = sample();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.write(new DataOutputStream(bytes));
        FlowStats back = new FlowStats(16, 5_000 * MS);
        back.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertArrayEquals(FlowFeatures.values(s, 0), FlowFeatures.values(back, 0));
    }

    @Test
    void packetsOutOfOrderAreRefused() {
        FlowStats s = new FlowStats(4, 5_000 * MS);
        s.add(2 * MS, 0, 60, 0, 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.add(MS, 0, 60, 0, 0, 0));
        assertEquals(true, e.getMessage().contains("time order"));
    }

    @Test
    void runningStatMatchesTwoPassValues() {
        RunningStat r = new RunningStat();
        double[] xs = {2, 4, 4, 4, 5, 5, 7, 9};
        for (double x : xs) {
            r.add(x);
        }
        // Mean 5, squared deviations 32, sample variance 32/7.
        assertEquals(5, r.mean(), 1e-12);
        assertEquals(Math.sqrt(32.0 / 7), r.std(), 1e-12);
        assertEquals(2, r.min());
        assertEquals(9, r.max());
        assertThrows(IllegalArgumentException.class, () -> r.add(Double.NaN));
    }
}
