package io.tidewatch.probe.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.testsupport.tshark.Tshark;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapWriterTest {

    @TempDir
    Path dir;

    @Test
    void headerAndRecordLayout() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        byte[] frame = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        try (PcapWriter w = new PcapWriter(sink, false, 100)) {
            w.writeZeroPadded(1_767_603_600_123_456_789L, frame, 10, 150);
            assertEquals(1, w.records());
        }
        ByteBuffer b = ByteBuffer.wrap(sink.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, b.getInt(0));
        assertEquals(2, b.getShort(4));
        assertEquals(4, b.getShort(6));
        assertEquals(100, b.getInt(16));
        assertEquals(1, b.getInt(20));
        assertEquals(1_767_603_600, b.getInt(24));
        assertEquals(123_456, b.getInt(28), "microseconds, truncated");
        assertEquals(100, b.getInt(32), "captured length cut at the snaplen");
        assertEquals(150, b.getInt(36), "original length kept");
        assertEquals(24 + 16 + 100, sink.size());
        assertEquals(10, sink.toByteArray()[40 + 9]);
        assertEquals(0, sink.toByteArray()[40 + 99], "payload beyond the headers is zeros");
    }

    @Test
    void nanosecondFilesReadByTshark() throws Exception {
        Tshark.assumeInstalled();
        Path file = dir.resolve("ns.pcap");
        byte[] frame = new byte[60];
        frame[12] = 0x08; // an Ethernet II frame with an (empty) IPv4 ethertype is enough for frame fields
        try (PcapWriter w = new PcapWriter(file, true, 64)) {
            w.writeZeroPadded(1_767_603_600_000_000_001L, frame, 60, 60);
            w.writeZeroPadded(1_767_603_600_500_000_123L, frame, 14, 1514);
        }
        String out = Tshark.run("-r", file.toString(), "-T", "fields", "-e", "frame.time_epoch", "-e",
                "frame.len", "-e", "frame.cap_len");
        String[] lines = out.strip().split("\n");
        assertEquals(2, lines.length, out);
        assertTrue(lines[0].startsWith("1767603600.000000001\t60\t60"), lines[0]);
        assertTrue(lines[1].startsWith("1767603600.500000123\t1514\t64"), lines[1]);
    }

    @Test
    void rejectsBadArguments() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PcapWriter(new ByteArrayOutputStream(), false, 0));
        assertTrue(e.getMessage().contains("snaplen 0"), e.getMessage());
        try (PcapWriter w = new PcapWriter(new ByteArrayOutputStream(), false, 128)) {
            e = assertThrows(IllegalArgumentException.class, () -> w.writeZeroPadded(-5, new byte[4], 4, 4));
            assertTrue(e.getMessage().contains("-5"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> w.writeZeroPadded(0, new byte[4], 8, 4));
        }
    }
}
