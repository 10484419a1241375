package io.tidewatch.testsupport.shareddata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class SharedCapturesTest {

    @Test
    void capturesAreFoundByNameAndPrefixAndAnAbsentOneSkips() throws Exception {
        List<Path> all = SharedCaptures.pcaps();
        assertTrue(all.stream().allMatch(Files::isRegularFile), all.toString());
        Path last = all.get(all.size() - 1);
        assertEquals(last, SharedCaptures.named(last.getFileName().toString()));
        assertEquals(last, SharedCaptures.pcap(last.getFileName().toString()));
        assertEquals(all.get(0), SharedCaptures.pcap("no-such-prefix"), "an unknown prefix falls back to the first");
        TestAbortedException e = assertThrows(TestAbortedException.class, () -> SharedCaptures.named("absent.pcap"));
        assertTrue(e.getMessage().contains("absent.pcap"), e.getMessage());
    }
}
