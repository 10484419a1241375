package io.tidewatch.probe.capture;

import java.nio.file.Path;

/**
 * A capture file that cannot be read on: wrong magic, a record cut short, an impossible length. Thrown only after
 * every packet before {@link #offset()} was delivered. The message is one line naming the file and byte offset.
 */
public final class CaptureFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    public CaptureFileException(Path file, long offset, String problem) {
        super(file + ": at byte offset " + offset + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    public CaptureFileException(Path file, long offset, String problem, Throwable cause) {
        super(file + ": at byte offset " + offset + ": " + problem, cause);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
