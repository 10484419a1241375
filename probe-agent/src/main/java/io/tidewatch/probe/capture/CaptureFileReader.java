package io.tidewatch.probe.capture;

import java.io.Closeable;

/** A capture file streamed frame by frame into a {@link PacketListener}. */
public interface CaptureFileReader extends Closeable {

    /**
     * Delivers every frame of the file in order and returns how many were delivered. A damaged file ends with a
     * {@link CaptureFileException} after all frames before the damage were delivered.
     */
    long readAll(PacketListener listener);

    /** The format name ("pcap", "pcapng") for messages and figures. */
    String format();

    @Override
    void close();
}
