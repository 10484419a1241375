package io.tidewatch.streams.host;

/** Reads the host-context feature vector ({@link HostContextFeatures#names(int)} order) off the states. */
public final class HostContext {

    private HostContext() {
    }

    /**
     * Host-context {@code version}: version 1's values, then from version 2 the pair's beacon and service repeats,
     * from version 3 the source's empty TCP connections, as {@code indicators} gives them for the flow just observed.
     */
    public static double[] values(int version, SourceHostState host, PairState pair, FlowIndicators indicators) {
        double[] out = new double[HostContextFeatures.size(version)];
        int rates = HostContextFeatures.HALF_LIVES_S.length;
        int pairOffset = rates * HostContextFeatures.HOST_PER_RATE;
        int distinctOffset = pairOffset + rates * HostContextFeatures.PAIR_PER_RATE;
        host.values(out, 0, distinctOffset);
        pair.values(out, pairOffset);
        if (version >= HostContextFeatures.V2) {
            int at = HostContextFeatures.size(HostContextFeatures.V1);
            out[at] = indicators.beacon();
            out[at + 1] = indicators.serviceRepeats();
        }
        if (version >= HostContextFeatures.V3) {
            out[HostContextFeatures.size(HostContextFeatures.V2)] = indicators.emptyTcp();
        }
        return out;
    }
}
