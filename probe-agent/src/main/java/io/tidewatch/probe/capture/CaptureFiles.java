package io.tidewatch.probe.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens a capture file as pcap or pcapng, chosen by its magic number, not its name. */
public final class CaptureFiles {

    private CaptureFiles() {
    }

    public static CaptureFileReader open(Path file) {
        return open(file, MappedWindow.DEFAULT_WINDOW);
    }

    /** As {@link #open(Path)} with a chosen mapping window (tests use tiny windows to cross window edges). */
    public static CaptureFileReader open(Path file, int windowBytes) {
        if (file == null) {
            throw new IllegalArgumentException("capture file: a path is required, got null");
        }
        if (!Files.isRegularFile(file)) {
            throw new CaptureFileException(file, 0, "not found or not a regular file");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new CaptureFileException(file, 0, "cannot open: " + e.getMessage(), e);
        }
        try {
            long size = ch.size();
            if (size < 4) {
                throw new CaptureFileException(file, 0, "file is " + size + " bytes, too short for a capture file magic number");
            }
            ByteBuffer magic = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN);
            while (magic.hasRemaining() && ch.read(magic, magic.position()) > 0) {
                // read the 4 magic bytes
            }
            int m = magic.getInt(0);
            MappedWindow w = new MappedWindow(file, ch, windowBytes);
            if (PcapFileReader.recognizes(m)) {
                return new PcapFileReader(file, ch, w);
            }
            if (m == PcapNgFileReader.SECTION_HEADER) {
                return new PcapNgFileReader(file, ch, w);
            }
            throw new CaptureFileException(file, 0, String.format(
                    "unknown magic number 0x%08x: expected pcap (a1b2c3d4, a1b23c4d, either byte order) or pcapng (0a0d0d0a)", m));
        } catch (IOException e) {
            closeQuietly(ch);
            throw new CaptureFileException(file, 0, "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing left to do with a channel we are abandoning
        }
    }
}
