package io.tidewatch.probe.capture;

import java.nio.ByteBuffer;

/**
 * Receives raw captured frames, one call per frame, from a capture file reader or a live capture loop. The buffer
 * is only valid during the call and is reused afterwards (it is a view of a memory-mapped file or a reused copy
 * buffer): implementations read what they need and keep no reference, so capture allocates nothing per packet.
 */
@FunctionalInterface
public interface PacketListener {

    /**
     * @param linkType       the frame's link-layer header type (LINKTYPE_* number, as in pcap and pcapng)
     * @param timestampNs    capture time, Unix epoch nanoseconds
     * @param data           big-endian buffer holding the frame; read it with absolute gets only
     * @param offset         where the frame starts in {@code data}
     * @param capturedLength bytes of the frame present (at most the snap length)
     * @param wireLength     the frame's length on the wire (may exceed {@code capturedLength})
     */
    void onPacket(int linkType, long timestampNs, ByteBuffer data, int offset, int capturedLength, int wireLength);
}
