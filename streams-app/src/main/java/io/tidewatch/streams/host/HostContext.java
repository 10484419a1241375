package io.tidewatch.streams.host;

/** Reads the host-context feature vector ({@link HostContextFeatures#names(int)} order) off the states. */
public final class HostContext {

    private HostContext() {
    }

    /**
     * Host-context {@code version}: version 1's values, then from version 2 the pair's {@code beacon} and {@code
     * serviceRepeats} for the flow just observed.
     */
    public static double[] values(int version, SourceHostState host, PairState pair, double beacon,
            double serviceRepeats) {
        double[] out = new double[HostContextFeatures.size(version)];
        int rates = HostContextFeatures.HALF_LIVES_S.length;
        int pairOffset = rates * HostContextFeatures.HOST_PER_RATE;
        int distinctOffset = pairOffset + rates * HostContextFeatures.PAIR_PER_RATE;
        host.values(out, 0, distinctOffset);
        pair.values(out, pairOffset);
        if (version >= HostContextFeatures.V2) {
            int at = HostContextFeatures.size(HostContextFeatures.V1);
            out[at] = beacon;
            out[at + 1] = serviceRepeats;
        }
        return out;
    }
}
