package io.tidewatch.testsupport.tshark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.testsupport.shareddata.SharedCaptures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsharkTest {

    @TempDir
    Path dir;

    @Test
    void fieldsGiveOneRowAPacketWithEmptyValuesForAbsentFields() throws Exception {
        Path pcap = SharedCaptures.pcap("test7");
        Tshark.assumeInstalled();
        List<String[]> all = Tshark.fields(pcap, null, List.of("frame.number", "tcp.srcport"));
        String count = Tshark.run("-n", "-r", pcap.toString(), "-q", "-z", "io,stat,0");
        assertTrue(count.matches("(?s).*\\|\\s+" + all.size() + "\\s+\\|.*"),
                "io,stat counts " + all.size() + " frames:\n" + count);
        for (int i = 0; i < all.size(); i++) {
            assertEquals(String.valueOf(i + 1), all.get(i)[0]);
        }
        List<String[]> tcp = Tshark.fields(pcap, "tcp", List.of("tcp.srcport", "udp.srcport"));
        assertTrue(!tcp.isEmpty() && tcp.size() < all.size(), tcp.size() + " of " + all.size());
        assertTrue(tcp.stream().allMatch(r -> r.length == 2 && r[0].matches("\\d+") && r[1].isEmpty()));
        assertEquals(List.of(), Tshark.fields(pcap, "frame.number == 0", List.of("frame.number")));
    }

    @Test
    void aFailingRunNamesTheCommandAndTsharksError() throws Exception {
        Tshark.assumeInstalled();
        Path missing = dir.resolve("missing.pcap");
        AssertionError e = assertThrows(AssertionError.class, () -> Tshark.run("-r", missing.toString()));
        assertTrue(e.getMessage().startsWith("tshark exit ") && e.getMessage().contains(missing.toString()),
                e.getMessage());
    }

    @Test
    void editcapWritesTheSameFramesAsPcapng() throws Exception {
        Path pcap = SharedCaptures.pcap("test7");
        Tshark.assumeInstalled();
        Editcap.assumeInstalled();
        Path ng = dir.resolve("test7.pcapng");
        Editcap.toPcapng(pcap, ng);
        assertTrue(Files.size(ng) > 0);
        assertEquals(Tshark.run("-n", "-r", pcap.toString(), "-T", "fields", "-e", "frame.len"),
                Tshark.run("-n", "-r", ng.toString(), "-T", "fields", "-e", "frame.len"));
    }
}
