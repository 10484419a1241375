package io.tidewatch.probe.kafka;

import java.util.concurrent.atomic.AtomicLongArray;

/** Dropped batches by {@link DropReason}; safe to count from the capture, sender and producer I/O threads at once. */
public final class DropCounters {

    private static final DropReason[] REASONS = DropReason.values();
    private final AtomicLongArray counts = new AtomicLongArray(REASONS.length);

    /** Counts one dropped batch and returns the new count for that reason. */
    public long count(DropReason reason) {
        return counts.incrementAndGet(reason.ordinal());
    }

    public long get(DropReason reason) {
        return counts.get(reason.ordinal());
    }

    public long total() {
        long sum = 0;
        for (int i = 0; i < REASONS.length; i++) {
            sum += counts.get(i);
        }
        return sum;
    }
}
