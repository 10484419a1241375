package io.tidewatch.probe.capture;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays at capture pace times a factor: each frame is handed on no earlier than its capture-time distance from
 * the first frame divided by {@code speed}. Speed 2 replays twice as fast as captured. Frames whose timestamps go
 * backwards are passed on at once.
 */
public final class PacedListener implements PacketListener {

    private final PacketListener next;
    private final double speed;
    private long firstTs = Long.MIN_VALUE;
    private long startNanos;

    public PacedListener(PacketListener next, double speed) {
        if (next == null) {
            throw new IllegalArgumentException("paced replay: a downstream listener is required, got null");
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("replay speed " + speed + ": expected a finite number above 0");
        }
        this.next = next;
        this.speed = speed;
    }

    @Override
    public void onPacket(int linkType, long timestampNs, ByteBuffer data, int offset, int capturedLength,
            int wireLength) {
        if (firstTs == Long.MIN_VALUE) {
            firstTs = timestampNs;
            startNanos = System.nanoTime();
        } else {
            long due = startNanos + (long) ((timestampNs - firstTs) / speed);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        next.onPacket(linkType, timestampNs, data, offset, capturedLength, wireLength);
    }
}
