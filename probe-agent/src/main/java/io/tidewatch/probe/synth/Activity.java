package io.tidewatch.probe.synth;

/**
 * A behaviour that starts flows over time: a user browsing, an agent reporting, an attacker scanning. At its
 * {@link #time} it starts whatever flows it decides to and says when it acts next.
 */
abstract class Activity extends Scheduled {

    Activity(long firstNanos) {
        this.time = firstNanos;
    }

    /**
     * Acts at {@link #time}.
     *
     * @return the next time to act, or {@link Flow#NEVER} when done
     */
    abstract long fire(TrafficSynthesizer run);
}
