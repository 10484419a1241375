package io.tidewatch.streams.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The host-context part of feature set {@code tw-flow-v1}, appended after the per-flow features: damped
 * statistics of the source host and of the (source, destination) pair at several half-lives, and distinct
 * destination hosts and ports per source over recent windows.
 */
public final class HostContextFeatures {

    /** Half-lives in seconds, from Kitsune's decay rates (lambda 5 .. 0.01, i.e. about 0.2 s .. 100 s). */
    public static final double[] HALF_LIVES_S = {0.2, 1, 5, 20, 100};
    /** Windows for distinct counts, milliseconds. */
    public static final long[] DISTINCT_WINDOWS_MS = {10_000, 60_000};

    static final int HOST_PER_RATE = 5;
    static final int PAIR_PER_RATE = 7;

    private HostContextFeatures() {
    }

    static String label(double halfLifeS) {
        if (halfLifeS < 1) {
            return "hl" + Math.round(halfLifeS * 1000) + "ms";
        }
        return String.format(Locale.ROOT, "hl%ds", Math.round(halfLifeS));
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (double hl : HALF_LIVES_S) {
            String p = "host." + label(hl) + ".";
            // Flows the source started, their originator bytes, and the gaps between them (seconds).
            names.add(p + "weight");
            names.add(p + "size_mean");
            names.add(p + "size_std");
            names.add(p + "jitter_mean");
            names.add(p + "jitter_std");
        }
        for (double hl : HALF_LIVES_S) {
            String p = "pair." + label(hl) + ".";
            names.add(p + "weight");
            names.add(p + "size_mean");
            names.add(p + "size_std");
            names.add(p + "magnitude");
            names.add(p + "radius");
            names.add(p + "covariance");
            names.add(p + "correlation");
        }
        for (long w : DISTINCT_WINDOWS_MS) {
            names.add("host.distinct_dst_hosts." + (w / 1000) + "s");
        }
        for (long w : DISTINCT_WINDOWS_MS) {
            names.add("host.distinct_dst_ports." + (w / 1000) + "s");
        }
        return names;
    }

    public static int size() {
        return HALF_LIVES_S.length * (HOST_PER_RATE + PAIR_PER_RATE) + 2 * DISTINCT_WINDOWS_MS.length;
    }
}
