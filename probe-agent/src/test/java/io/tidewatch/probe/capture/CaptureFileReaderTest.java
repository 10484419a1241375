package io.tidewatch.probe.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureFileReaderTest {

    @TempDir
    Path dir;

    record Seen(int linkType, long ts, byte[] frame, int wire) {
    }

    private static List<Seen> readAll(Path file, int window) {
        List<Seen> seen = new ArrayList<>();
        try (CaptureFileReader r = CaptureFiles.open(file, window)) {
            long n = r.readAll((lt, ts, data, off, cap, wire) -> {
                byte[] f = new byte[cap];
                data.get(off, f, 0, cap);
                seen.add(new Seen(lt, ts, f, wire));
            });
            assertEquals(seen.size(), n);
        }
        return seen;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static byte[] frame(int n, int fill) {
        byte[] f = new byte[n];
        Arrays.fill(f, (byte) fill);
        return f;
    }

    @Test
    void pcapInBothResolutionsAndByteOrders() throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            for (boolean nanos : new boolean[] {false, true}) {
                CaptureBytes c = CaptureBytes.pcap(order, nanos, 1);
                for (int i = 0; i < 50; i++) {
                    c.record(1_600_000_000L + i, nanos ? 123_456_789 : 123_456, frame(60 + i, i), 1500);
                }
                Path p = write("t-" + order + nanos + ".pcap", c.bytes());
                // A 64-byte window forces a remap for nearly every record.
                for (int window : new int[] {64, 1 << 20}) {
                    List<Seen> seen = readAll(p, window);
                    assertEquals(50, seen.size());
                    for (int i = 0; i < 50; i++) {
                        Seen s = seen.get(i);
                        assertEquals(1, s.linkType());
                        assertEquals((1_600_000_000L + i) * 1_000_000_000L + 123_456_789 - (nanos ? 0 : 789), s.ts());
                        assertEquals(60 + i, s.frame().length);
                        assertEquals((byte) i, s.frame()[59]);
                        assertEquals(1500, s.wire());
                    }
                }
            }
        }
    }

    @Test
    void pcapngSectionsInterfacesResolutionsAndSkippedBlocks() throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            CaptureBytes c = CaptureBytes.pcapng(order)
                    .interfaceBlock(1, 0, -1)            // Ethernet, microseconds
                    .interfaceBlock(113, 0, 9)           // SLL, nanoseconds
                    .interfaceBlock(101, 0, 0x80 | 10)   // raw, 2^-10 s
                    .unknownBlock(5, 12)                 // interface statistics: skipped
                    .enhanced(0, 1_600_000_000_000_001L, frame(61, 1), 61)
                    .enhanced(1, 1_600_000_000_000_000_002L, frame(63, 2), 99)
                    .enhanced(2, (5L << 10) | 512, frame(20, 3), 20)
                    .unknownBlock(0x40000BAD, 7)          // custom block: skipped
                    .simple(frame(33, 4));
            CaptureBytes d = new CaptureBytes(order);
            // A second section in the other byte order, with its own interface table.
            ByteOrder other = order == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            CaptureBytes second = CaptureBytes.pcapng(other).interfaceBlock(228, 0, 3)
                    .enhanced(0, 7_000, frame(40, 5), 40);
            byte[] all = concat(c.bytes(), d.bytes(), second.bytes());
            Path p = write("t-" + order + ".pcapng", all);
            for (int window : new int[] {64, 1 << 20}) {
                List<Seen> seen = readAll(p, window);
                assertEquals(5, seen.size(), "window " + window);
                assertEquals(1, seen.get(0).linkType());
                assertEquals(1_600_000_000_000_001_000L, seen.get(0).ts());
                assertEquals(113, seen.get(1).linkType());
                assertEquals(1_600_000_000_000_000_002L, seen.get(1).ts());
                assertEquals(99, seen.get(1).wire());
                assertEquals(101, seen.get(2).linkType());
                assertEquals(5_500_000_000L, seen.get(2).ts());
                assertEquals(1, seen.get(3).linkType()); // simple packet block: interface 0
                assertEquals(33, seen.get(3).frame().length);
                assertEquals(228, seen.get(4).linkType());
                assertEquals(7_000_000_000L, seen.get(4).ts()); // milliseconds
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Test
    void cutShortFileDeliversEverythingBeforeAndNamesTheOffset() throws IOException {
        CaptureBytes c = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1);
        for (int i = 0; i < 3; i++) {
            c.record(1, 0, frame(100, i), 100);
        }
        byte[] whole = c.bytes();
        Path p = write("cut.pcap", Arrays.copyOf(whole, whole.length - 10));
        List<Seen> seen = new ArrayList<>();
        CaptureFileException e = assertThrows(CaptureFileException.class, () -> {
            try (CaptureFileReader r = CaptureFiles.open(p)) {
                r.readAll((lt, ts, data, off, cap, wire) -> seen.add(null));
            }
        });
        assertEquals(2, seen.size());
        long third = 24 + 2 * (16 + 100);
        assertEquals(third, e.offset());
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("offset " + third)
                && e.getMessage().contains("cut short"), e.getMessage());

        CaptureBytes ng = CaptureBytes.pcapng(ByteOrder.BIG_ENDIAN).interfaceBlock(1, 0, -1)
                .enhanced(0, 1, frame(60, 1), 60).enhanced(0, 2, frame(60, 2), 60);
        byte[] ngBytes = ng.bytes();
        Path q = write("cut.pcapng", Arrays.copyOf(ngBytes, ngBytes.length - 3));
        List<Seen> seenNg = new ArrayList<>();
        CaptureFileException e2 = assertThrows(CaptureFileException.class, () -> {
            try (CaptureFileReader r = CaptureFiles.open(q)) {
                r.readAll((lt, ts, data, off, cap, wire) -> seenNg.add(null));
            }
        });
        assertEquals(1, seenNg.size());
        assertTrue(e2.getMessage().contains("cut short"), e2.getMessage());
    }

    @Test
    void wrongMagicIsOneClearError() throws IOException {
        Path p = write("notes.pcap", "hello, this is not a capture".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        CaptureFileException e = assertThrows(CaptureFileException.class, () -> CaptureFiles.open(p));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("notes.pcap") && e.getMessage().contains("magic"), e.getMessage());
        CaptureFileException missing = assertThrows(CaptureFileException.class,
                () -> CaptureFiles.open(dir.resolve("absent.pcap")));
        assertTrue(missing.getMessage().contains("absent.pcap"), missing.getMessage());
    }

    @Test
    void impossibleRecordLengthStopsWithOffset() throws IOException {
        CaptureBytes c = CaptureBytes.pcap(ByteOrder.BIG_ENDIAN, false, 1).record(1, 0, frame(60, 1), 60);
        c.u32(2).u32(0).u32(0x7FFF_FFFF).u32(60);
        Path p = write("huge.pcap", c.bytes());
        CaptureFileException e = assertThrows(CaptureFileException.class, () -> readAll(p, 1 << 20));
        assertEquals(24 + 16 + 60, e.offset());
    }
}
