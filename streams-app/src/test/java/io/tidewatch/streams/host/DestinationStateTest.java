package io.tidewatch.streams.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Destination rarity: 1 / the sources that reached the destination within the hour, by flow end. */
class DestinationStateTest {

    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_700_000_000L * S;

    private static byte[] ip(int i) {
        return new byte[] {10, 0, (byte) (i >> 8), (byte) i};
    }

    @Test
    void rarityIsOneOverTheSourcesOfTheLastHour() {
        DestinationState d = new DestinationState();
        assertEquals(1.0, d.observe(ip(1), T0), 1e-12);
        assertEquals(1.0, d.observe(ip(1), T0 + 10 * S), 1e-12, "the same source counts once");
        assertEquals(0.5, d.observe(ip(2), T0 + 20 * S), 1e-12);
        assertEquals(1.0 / 3, d.observe(ip(3), T0 + 30 * S), 1e-12);
        // Exactly an hour after source 1's last flow (10 s) it still counts; a nanosecond later it does not.
        assertEquals(1.0 / 3, d.observe(ip(3), T0 + 3610 * S), 1e-12);
        assertEquals(0.5, d.observe(ip(3), T0 + 3610 * S + 1), 1e-12);
        assertEquals(1.0, d.observe(ip(3), T0 + 3621 * S), 1e-12, "source 2 (20 s) gone as well");
        // A flow sets its source's time to its own end, as the flows arrive.
        d.observe(ip(4), T0 + 3700 * S);
        d.observe(ip(4), T0 + 3650 * S);
        assertEquals(0.5, d.observe(ip(3), T0 + 7250 * S), 1e-12, "4 counted from 3650 s, until 7250 s");
        assertEquals(1.0, d.observe(ip(3), T0 + 7250 * S + 1), 1e-12);
    }

    @Test
    void moreThanThirtyTwoSourcesSayPopularAndTheLeastRecentlySeenGoes() {
        DestinationState d = new DestinationState();
        for (int i = 1; i <= 40; i++) {
            d.observe(ip(i), T0 + i * S);
        }
        assertEquals(HostContextFeatures.RARITY_MAX_SOURCES, d.sources());
        assertEquals(1.0 / 32, d.observe(ip(41), T0 + 41 * S), 1e-12);
        assertTrue(!d.counts(ip(9)) && d.counts(ip(10)) && d.counts(ip(41)), "10..41 kept");
        // A flow that ended before all of them: its source, just seen, stays; the least recent other (10) goes.
        d.observe(ip(42), T0);
        assertTrue(d.counts(ip(42)) && !d.counts(ip(10)) && d.counts(ip(11)));
        d.observe(ip(43), T0 + 61 * S);
        assertTrue(!d.counts(ip(42)) && d.counts(ip(11)) && d.counts(ip(43)), "now 42 is the least recent");
        assertEquals(32, d.sources());
    }

    @Test
    void roundTripsAndRefusesCorruptBytesNamingTheirSize() {
        DestinationState d = new DestinationState();
        d.observe(ip(1), T0);
        d.observe(new byte[16], T0 + S);
        byte[] bytes = d.encode();
        // Version byte, last update, count, then per source its address length, address and time.
        assertEquals(1 + 8 + 1 + (1 + 4 + 8) + (1 + 16 + 8), bytes.length);
        assertEquals(T0 + S, java.nio.ByteBuffer.wrap(bytes, 1, 8).getLong(), "last update where the sweep reads it");
        DestinationState e = DestinationState.decode(bytes);
        assertArrayEquals(bytes, e.encode());
        assertEquals(1.0 / 3, e.observe(ip(2), T0 + 2 * S), 1e-12);

        byte[] v7 = bytes.clone();
        v7[0] = 7;
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> DestinationState.decode(v7));
        assertTrue(x.getMessage().contains("version 7") && x.getMessage().contains(bytes.length + " bytes"),
                x.getMessage());
        x = assertThrows(IllegalArgumentException.class,
                () -> DestinationState.decode(Arrays.copyOf(bytes, bytes.length - 1)));
        assertTrue(x.getMessage().contains((bytes.length - 1) + " bytes is truncated"), x.getMessage());
        byte[] many = bytes.clone();
        many[9] = 40;
        x = assertThrows(IllegalArgumentException.class, () -> DestinationState.decode(many));
        assertTrue(x.getMessage().contains("40 sources: expected at most 32"), x.getMessage());
        x = assertThrows(IllegalArgumentException.class, () -> DestinationState.decode(new byte[4]));
        assertTrue(x.getMessage().contains("4 bytes"), x.getMessage());
    }
}
