package io.tidewatch.streams.features;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-flow part of the flow feature sets ({@code tw-flow-v1} .. {@code tw-flow-v3}): the CICFlowMeter/NFStream
 * statistics per direction and for both, then the first-N packet dynamics (SPLT). {@code fwd} is originator to
 * responder, {@code bwd} the reverse, {@code both} the whole flow. Sizes are IP lengths in bytes, times are
 * milliseconds, rates are per second of flow duration (0 for a single-instant flow, where a rate is undefined).
 */
public final class FlowFeatures {

    public static final int DEFAULT_SPLT_LENGTH = 16;
    private static final String[] DIRS = {"both", "fwd", "bwd"};

    private FlowFeatures() {
    }

    private static final java.util.Map<Integer, List<String>> NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    /** Feature names in vector order for a SPLT of {@code spltLength} packets (an unmodifiable list). */
    public static List<String> names(int spltLength) {
        return NAMES.computeIfAbsent(spltLength, FlowFeatures::buildNames);
    }

    private static List<String> buildNames(int spltLength) {
        List<String> names = new ArrayList<>();
        for (String d : DIRS) {
            names.add(d + ".packets");
            names.add(d + ".ip_bytes");
            names.add(d + ".payload_bytes");
            names.add(d + ".size.min");
            names.add(d + ".size.max");
            names.add(d + ".size.mean");
            names.add(d + ".size.std");
            names.add(d + ".iat_ms.min");
            names.add(d + ".iat_ms.max");
            names.add(d + ".iat_ms.mean");
            names.add(d + ".iat_ms.std");
            for (String f : FlowStats.FLAG_NAMES) {
                names.add(d + ".flags." + f);
            }
            names.add(d + ".duration_ms");
            names.add(d + ".packets_per_s");
            names.add(d + ".bytes_per_s");
        }
        names.add("fwd.init_window");
        names.add("bwd.init_window");
        names.add("down_up_ratio");
        for (String p : new String[] {"active_ms", "idle_ms"}) {
            names.add(p + ".min");
            names.add(p + ".max");
            names.add(p + ".mean");
            names.add(p + ".std");
        }
        for (int i = 0; i < spltLength; i++) {
            names.add("splt." + i + ".size");
            names.add("splt." + i + ".iat_ms");
            // +1 originator to responder, -1 the reverse, 0 no such packet.
            names.add("splt." + i + ".dir");
        }
        return List.copyOf(names);
    }

    /**
     * The feature values of {@code stats}, in {@link #names} order.
     *
     * @param originatorDirection the canonical direction ({@link FlowStats#A_TO_B} or {@link FlowStats#B_TO_A})
     *        in which the originator sends
     */
    public static double[] values(FlowStats stats, int originatorDirection) {
        if (originatorDirection != FlowStats.A_TO_B && originatorDirection != FlowStats.B_TO_A) {
            throw new IllegalArgumentException("originator direction " + originatorDirection + ": expected 0 or 1");
        }
        int n = names(stats.spltLength()).size();
        double[] v = new double[n];
        int i = 0;
        FlowStats.Side fwd = stats.side(originatorDirection);
        FlowStats.Side bwd = stats.side(1 - originatorDirection);
        double durationMs = stats.isEmpty() ? 0 : (stats.lastNs() - stats.firstNs()) / 1e6;
        double durationS = durationMs / 1000.0;

        // both
        long packets = stats.packets();
        long ipBytes = fwd.ipBytes() + bwd.ipBytes();
        v[i++] = packets;
        v[i++] = ipBytes;
        v[i++] = fwd.payloadBytes() + bwd.payloadBytes();
        i = putStat(v, i, stats.size());
        i = putStat(v, i, stats.iatMs());
        for (int bit = 0; bit < FlowStats.FLAG_NAMES.length; bit++) {
            v[i++] = fwd.flagCount(bit) + bwd.flagCount(bit);
        }
        v[i++] = durationMs;
        v[i++] = durationS > 0 ? packets / durationS : 0;
        v[i++] = durationS > 0 ? ipBytes / durationS : 0;

        for (FlowStats.Side s : new FlowStats.Side[] {fwd, bwd}) {
            v[i++] = s.packets();
            v[i++] = s.ipBytes();
            v[i++] = s.payloadBytes();
            i = putStat(v, i, s.size());
            i = putStat(v, i, s.iatMs());
            for (int bit = 0; bit < FlowStats.FLAG_NAMES.length; bit++) {
                v[i++] = s.flagCount(bit);
            }
            v[i++] = s.packets() == 0 ? 0 : (s.lastNs() - s.firstNs()) / 1e6;
            v[i++] = durationS > 0 ? s.packets() / durationS : 0;
            v[i++] = durationS > 0 ? s.ipBytes() / durationS : 0;
        }
        v[i++] = Math.max(0, fwd.initWindow());
        v[i++] = Math.max(0, bwd.initWindow());
        v[i++] = fwd.packets() == 0 ? 0 : (double) bwd.packets() / fwd.packets();
        i = putStat(v, i, stats.activeMs());
        i = putStat(v, i, stats.idleMs());
        for (int p = 0; p < stats.spltLength(); p++) {
            if (p < stats.spltCount()) {
                v[i++] = stats.spltSize(p);
                v[i++] = stats.spltIatMs(p);
                v[i++] = stats.spltDirection(p) == originatorDirection ? 1 : -1;
            } else {
                i += 3;
            }
        }
        if (i != n) {
            throw new IllegalStateException("filled " + i + " feature values for " + n + " names");
        }
        return v;
    }

    private static int putStat(double[] v, int i, RunningStat s) {
        v[i++] = s.min();
        v[i++] = s.max();
        v[i++] = s.mean();
        v[i++] = s.std();
        return i;
    }
}
