package io.tidewatch.probe.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pcap beyond 2 GiB (more than one mapping can address) streams to its last record. The file is sparse: only
 * the record headers and the final frame are written, so the test costs a few kilobytes of disk.
 */
class LargeCaptureFileTest {

    private static final int RECORD = 8 << 20;
    private static final int RECORDS = 300; // 300 x 8 MiB = 2.34 GiB

    @TempDir
    Path dir;

    @Test
    void fileLargerThanTwoGibibytesIsReadToTheEnd() throws IOException {
        Path file = dir.resolve("large.pcap");
        long pos;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(header(ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                    .putInt(RECORD).putInt(1)));
            pos = 24;
            for (int i = 0; i < RECORDS; i++) {
                raf.seek(pos);
                raf.write(header(record(i, RECORD)));
                pos += 16 + RECORD;
            }
            raf.seek(pos);
            raf.write(header(record(RECORDS, 4)));
            raf.write(new byte[] {1, 2, 3, 4});
        }
        long lastOffset = pos;
        assertTrue(lastOffset > (2L << 30), "the last record lies beyond 2 GiB");
        long[] seen = new long[3];
        try (CaptureFileReader r = CaptureFiles.open(file)) {
            long n = r.readAll((lt, ts, data, off, cap, wire) -> {
                seen[0]++;
                seen[1] = ts;
                if (cap == 4) {
                    seen[2] = data.getInt(off);
                }
            });
            assertEquals(RECORDS + 1, n);
        }
        assertEquals(RECORDS + 1, seen[0]);
        assertEquals(RECORDS * 1_000_000_000L, seen[1]);
        assertEquals(0x01020304, seen[2]);
    }

    private static ByteBuffer record(int i, int length) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(i).putInt(0).putInt(length)
                .putInt(length);
    }

    private static byte[] header(ByteBuffer b) {
        return b.array();
    }
}
