package io.tidewatch.probe.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A sliding memory-mapped view of a file: one window (by default 256 MiB) mapped at a time and moved forward when
 * a record crosses its end, so files of any size (beyond the 2 GiB a single mapping can address) stream through a
 * bounded amount of address space. The window is exposed in both byte orders over the same pages: file headers
 * may be little-endian while the frames inside are read in network order.
 */
final class MappedWindow {

    static final int DEFAULT_WINDOW = 256 << 20;

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final int windowSize;
    private long start;
    private long end;
    private ByteBuffer big;
    private ByteBuffer little;

    MappedWindow(Path path, FileChannel channel, int windowSize) throws IOException {
        if (windowSize < 64) {
            throw new IllegalArgumentException("mapping window " + windowSize + " bytes: expected at least 64");
        }
        this.path = path;
        this.channel = channel;
        this.size = channel.size();
        this.windowSize = windowSize;
        this.start = 0;
        this.end = 0;
    }

    long size() {
        return size;
    }

    /** Maps so that [pos, pos + len) is in the window; the caller has checked that it lies inside the file. */
    void ensure(long pos, int len) {
        if (pos >= start && pos + len <= end) {
            return;
        }
        long length = Math.min(Math.max(windowSize, (long) len), size - pos);
        try {
            MappedByteBuffer m = channel.map(FileChannel.MapMode.READ_ONLY, pos, length);
            big = m.order(ByteOrder.BIG_ENDIAN);
            little = m.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new CaptureFileException(path, pos, "cannot map " + length + " bytes: " + e.getMessage(), e);
        }
        start = pos;
        end = pos + length;
    }

    /** The offset of file position {@code pos} inside the window's buffers. */
    int offset(long pos) {
        return (int) (pos - start);
    }

    ByteBuffer bigEndian() {
        return big;
    }

    ByteBuffer inOrder(boolean bigEndian) {
        return bigEndian ? big : little;
    }
}
