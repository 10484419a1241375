package io.tidewatch.streams.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SourceHostStateTest {

    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long S = 1_000_000_000L;
    private static final byte[] B = {10, 0, 0, 2};

    @Test
    void emptyConnectionsAreCountedAndHalvedEveryMinute() {
        SourceHostState h = new SourceHostState();
        h.observe(T0, 60, B, 445, true);
        assertEquals(1, h.emptyTcp(), 1e-12);
        h.observe(T0 + 60 * S, 60, B, 445, true);
        assertEquals(1.5, h.emptyTcp(), 1e-12);
        // A connection with payload only lets the count decay: 1.5 / 2 a minute later.
        h.observe(T0 + 120 * S, 900, B, 443, false);
        assertEquals(0.75, h.emptyTcp(), 1e-12);
        // A flow that started before the last one (they close out of order) adds without decay.
        h.observe(T0 + 90 * S, 60, B, 445, true);
        assertEquals(1.75, h.emptyTcp(), 1e-12);
    }

    @Test
    void roundTripsAndVersionOneBytesDecodeWithNoEmptyConnections() {
        SourceHostState h = new SourceHostState();
        for (int i = 0; i < 20; i++) {
            h.observe(T0 + i * S / 10, 60 + i, new byte[] {10, 0, 0, (byte) i}, 445, i % 2 == 0);
        }
        byte[] bytes = h.encode();
        assertEquals(2, bytes[0]);
        SourceHostState back = SourceHostState.decode(bytes);
        assertArrayEquals(bytes, back.encode());
        assertEquals(h.emptyTcp(), back.emptyTcp(), 0);
        assertTrue(h.emptyTcp() > 9, "ten empty connections in two seconds: " + h.emptyTcp());

        // Version 1 was version 2 without the count at the end.
        byte[] v1 = Arrays.copyOf(bytes, bytes.length - Double.BYTES);
        v1[0] = 1;
        SourceHostState old = SourceHostState.decode(v1);
        assertEquals(0, old.emptyTcp(), 0);
        assertArrayEquals(HostContext.values(HostContextFeatures.V1, h, new PairState(), FlowIndicators.NONE),
                HostContext.values(HostContextFeatures.V1, old, new PairState(), FlowIndicators.NONE), 0);
    }

    @Test
    void corruptStateIsRefusedNamingTheVersions() {
        byte[] bytes = new SourceHostState().encode();
        bytes[0] = 7;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SourceHostState.decode(bytes));
        assertTrue(e.getMessage().contains("version 7") && e.getMessage().contains("1 or 2"), e.getMessage());
        byte[] cut = Arrays.copyOf(new SourceHostState().encode(), 20);
        e = assertThrows(IllegalArgumentException.class, () -> SourceHostState.decode(cut));
        assertTrue(e.getMessage().contains("20 bytes"), e.getMessage());
    }

    @Test
    void hostContextV3AppendsTheSourceIndicatorAfterV2() {
        SourceHostState h = new SourceHostState();
        PairState p = new PairState();
        h.observe(T0, 60, B, 445, true);
        p.observe(T0, 60, 40, HostContextFeatures.TCP, 445);
        FlowIndicators ind = new FlowIndicators(0.25, 3.0, 7.0);
        double[] v2 = HostContext.values(HostContextFeatures.V2, h, p, ind);
        double[] v3 = HostContext.values(HostContextFeatures.V3, h, p, ind);
        assertEquals(v2.length + 1, v3.length);
        assertArrayEquals(v2, Arrays.copyOf(v3, v2.length), 0);
        assertEquals(7.0, v3[HostContextFeatures.names().indexOf(HostContextFeatures.EMPTY_TCP)]);
    }
}
