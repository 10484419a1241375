package io.tidewatch.cli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The periods during which an attack class was active, from the times of its ground-truth flows: a quiet gap
 * longer than {@code maxGapMs} ends one period and the next flow starts another. A campaign that comes back every
 * hour then shows as separate bands, not one band over the whole capture.
 */
final class AttackPeriods {

    /** A gap never shorter than this splits periods: slow attacks (beacons) are still one period. */
    static final long MIN_GAP_MS = 60_000;

    private AttackPeriods() {
    }

    /** The gap that splits periods in a capture spanning {@code spanMs}: a hundredth of it, at least a minute. */
    static long gapFor(long spanMs) {
        return Math.max(MIN_GAP_MS, spanMs / 100);
    }

    /** Periods as {start, end} pairs (end at least start + 1 ms), in time order; {@code sortedTimes} ascending. */
    static List<long[]> of(long[] sortedTimes, long maxGapMs) {
        if (maxGapMs <= 0) {
            throw new IllegalArgumentException("max gap " + maxGapMs + " ms: expected > 0");
        }
        List<long[]> periods = new ArrayList<>();
        if (sortedTimes.length == 0) {
            return periods;
        }
        long start = sortedTimes[0];
        long last = start;
        for (int i = 1; i < sortedTimes.length; i++) {
            long t = sortedTimes[i];
            if (t < last) {
                throw new IllegalArgumentException("time " + t + " after " + last + ": expected ascending times");
            }
            if (t - last > maxGapMs) {
                periods.add(new long[] {start, Math.max(last, start + 1)});
                start = t;
            }
            last = t;
        }
        periods.add(new long[] {start, Math.max(last, start + 1)});
        return periods;
    }
}
