package io.tidewatch.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A replay keeps the label join in memory only when a capture's flows fit well within the heap. */
class LabelStoresChoiceTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    void inMemoryWhileASixteenthOfTheCaptureFitsInAQuarterOfTheHeap() {
        // A 2 GiB heap: a quarter is 512 MiB, which holds a sixteenth of captures up to 8 GiB.
        assertEquals("in-memory", Replay.labelStoresFor(0, 2 * GIB));
        assertEquals("in-memory", Replay.labelStoresFor(1186 * MIB, 2 * GIB), "the 1.3M-packet benchmark capture");
        assertEquals("in-memory", Replay.labelStoresFor(8 * GIB, 2 * GIB), "at the limit");
        assertEquals("rocksdb", Replay.labelStoresFor(8 * GIB + 16, 2 * GIB), "past it");
        assertEquals("rocksdb", Replay.labelStoresFor(40 * GIB, 6 * GIB));
    }

    @Test
    void impossibleSizesAreRefusedNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Replay.labelStoresFor(-1, GIB));
        assertTrue(e.getMessage().contains("-1 bytes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Replay.labelStoresFor(MIB, 0));
        assertTrue(e.getMessage().contains("heap of 0 bytes"), e.getMessage());
    }
}
