package io.tidewatch.streams.host;

/**
 * The host-context indicators of one flow at the moment it closed, each 0 where it does not apply: the pair's
 * {@link HostContextFeatures#BEACON} and {@link HostContextFeatures#SERVICE_REPEATS} (version 2), the source's
 * {@link HostContextFeatures#EMPTY_TCP} (version 3).
 */
public record FlowIndicators(double beacon, double serviceRepeats, double emptyTcp) {

    /** Nothing indicated: a host or pair read without a flow. */
    public static final FlowIndicators NONE = new FlowIndicators(0, 0, 0);
}
