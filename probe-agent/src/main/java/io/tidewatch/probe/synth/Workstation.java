package io.tidewatch.probe.synth;

import java.util.HashMap;
import java.util.Map;

/**
 * A user's machine and its habits: how much it browses and which sites it prefers, whether its user works over
 * SSH, how its clock is kept, whether it is on Wi-Fi (longer, noisier round trips) and dual-stack.
 */
final class Workstation {
    final int index;
    final Endpoint v4;
    /** Null for IPv4-only hosts. */
    final Endpoint v6;
    final TcpStack os;
    /** Mean page loads per active minute. */
    final double pagesPerMinute;
    /** Mean lengths of active and idle periods, seconds. */
    final double activeSeconds;
    final double idleSeconds;
    /** Site indexes ordered by this user's preference; rank r is drawn from a Zipf law. */
    final int[] favourites;
    final boolean developer;
    /** Downloads per hour. */
    final double downloadsPerHour;
    final boolean runsBackup;
    /** Windows time service talks 123 to 123; chrony and timesyncd use an ephemeral port. */
    final boolean ntpFromPort123;
    final long ntpPollNanos;
    /** Name to expiry (epoch nanos) of this host's stub resolver cache. */
    final Map<Site, Long> dnsCache = new HashMap<>();

    Workstation(int index, Endpoint v4, Endpoint v6, TcpStack os, double pagesPerMinute, double activeSeconds,
            double idleSeconds, int[] favourites, boolean developer, double downloadsPerHour, boolean runsBackup,
            boolean ntpFromPort123, long ntpPollNanos) {
        this.index = index;
        this.v4 = v4;
        this.v6 = v6;
        this.os = os;
        this.pagesPerMinute = pagesPerMinute;
        this.activeSeconds = activeSeconds;
        this.idleSeconds = idleSeconds;
        this.favourites = favourites;
        this.developer = developer;
        this.downloadsPerHour = downloadsPerHour;
        this.runsBackup = runsBackup;
        this.ntpFromPort123 = ntpFromPort123;
        this.ntpPollNanos = ntpPollNanos;
    }
}
