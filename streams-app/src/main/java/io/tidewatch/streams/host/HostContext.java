package io.tidewatch.streams.host;

/** Reads the host-context feature vector ({@link HostContextFeatures#names()} order) off the two states. */
public final class HostContext {

    private HostContext() {
    }

    public static double[] values(SourceHostState host, PairState pair) {
        double[] out = new double[HostContextFeatures.size()];
        int rates = HostContextFeatures.HALF_LIVES_S.length;
        int pairOffset = rates * HostContextFeatures.HOST_PER_RATE;
        int distinctOffset = pairOffset + rates * HostContextFeatures.PAIR_PER_RATE;
        host.values(out, 0, distinctOffset);
        pair.values(out, pairOffset);
        return out;
    }
}
