package io.tidewatch.probe.synth;

/**
 * Something with a next moment in synthetic time: a flow's next packet or an activity's next decision. Ties in
 * time are broken by creation order so that runs are reproducible.
 */
abstract class Scheduled {
    /** Epoch nanoseconds of the next thing this does. */
    long time;
    /** Creation order, the tie-breaker. */
    long order;
    /** Position in the {@link EventQueue}, maintained by it. */
    int heapIndex = -1;

    final boolean before(Scheduled other) {
        return time < other.time || (time == other.time && order < other.order);
    }
}
