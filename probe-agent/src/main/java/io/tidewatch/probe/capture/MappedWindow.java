package io.tidewatch.probe.capture;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
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
 *
 * <p>A window that is left behind is unmapped at once (through {@code sun.misc.Unsafe.invokeCleaner}, the
 * supported-for-now way to do it before Java 19) rather than whenever the garbage collector finds its buffer: the
 * replay allocates so little that without it every window of a multi-gigabyte file stayed mapped, and resident,
 * until the end. This is safe because listeners may only use a frame's buffer during their call; where the JDK
 * does not offer the method, windows are released by the collector as before.
 */
final class MappedWindow {

    static final int DEFAULT_WINDOW = 256 << 20;

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final int windowSize;
    private long start;
    private long end;
    /** The mapping itself (cleaner-able: not a duplicate); {@code big} is the same buffer. */
    private MappedByteBuffer mapped;
    private ByteBuffer big;
    private ByteBuffer little;

    private static final MethodHandle INVOKE_CLEANER = invokeCleaner();

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
            release();
            mapped = m;
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

    /** Unmaps the current window now; no buffer handed out before may be used afterwards. */
    void release() {
        MappedByteBuffer m = mapped;
        mapped = null;
        big = null;
        little = null;
        start = 0;
        end = 0;
        if (m != null && INVOKE_CLEANER != null) {
            try {
                INVOKE_CLEANER.invoke(m);
            } catch (Throwable e) {
                // Not unmapped now: the collector will do it, as it would without this method.
            }
        }
    }

    private static MethodHandle invokeCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field f = unsafeClass.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(f.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
