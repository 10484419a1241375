package io.tidewatch.probe.decode;

/** Frames fed, decoded and skipped by reason; decoded plus every skip count equals fed. Single-threaded. */
public final class DecodeCounters {

    private static final SkipReason[] REASONS = SkipReason.values();

    private long fed;
    private long decoded;
    private final long[] skipped = new long[REASONS.length];

    /** Counts one frame's outcome: {@code reason} null means decoded. */
    public void count(SkipReason reason) {
        fed++;
        if (reason == null) {
            decoded++;
        } else {
            skipped[reason.ordinal()]++;
        }
    }

    public long fed() {
        return fed;
    }

    public long decoded() {
        return decoded;
    }

    public long skipped(SkipReason reason) {
        return skipped[reason.ordinal()];
    }

    public long skippedTotal() {
        long s = 0;
        for (long v : skipped) {
            s += v;
        }
        return s;
    }
}
