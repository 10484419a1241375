package io.tidewatch.streams.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The host-context part of the flow feature sets, appended after the per-flow features. Version 1 ({@code
 * tw-flow-v1}): damped statistics of the source host and of the (source, destination) pair at several half-lives,
 * and distinct destination hosts and ports per source over recent windows. Version 2 ({@code tw-flow-v2}): the same,
 * then two indicators of the pair, {@value #BEACON} and {@value #SERVICE_REPEATS}. Their names start with {@code
 * pair.} (out of the flow view) and neither end with {@code .weight} nor hold {@code .distinct_} (out of the
 * activity view); the scoring indicators read them by name, and only a {@code -host} detector, which reads the
 * whole host context, sees them as inputs. Version 3 ({@code tw-flow-v3}): then the source's indicator {@value
 * #EMPTY_TCP}, kept out of the views the same way.
 */
public final class HostContextFeatures {

    /** Half-lives in seconds, from Kitsune's decay rates (lambda 5 .. 0.01, i.e. about 0.2 s .. 100 s). */
    public static final double[] HALF_LIVES_S = {0.2, 1, 5, 20, 100};
    /** Windows for distinct counts, milliseconds. */
    public static final long[] DISTINCT_WINDOWS_MS = {10_000, 60_000};

    /** The host-context versions: 1 without the indicators, 2 with the pair's, 3 also the source's (new records). */
    public static final int V1 = 1;
    public static final int V2 = 2;
    public static final int V3 = 3;
    public static final int CURRENT = V3;

    /**
     * RITA-style beacon score of the pair: regularity of the intervals between its last flow starts x regularity
     * of the originator bytes of those flows x destination rarity, for TCP flows, else 0.
     */
    public static final String BEACON = "pair.beacon";
    /**
     * The source's TCP flows to this destination and responder port that started within a minute before this one,
     * times the regularity of their responder bytes once there are three, for TCP flows, else 0.
     */
    public static final String SERVICE_REPEATS = "pair.service_repeats";

    /**
     * For an empty TCP connection (the originator sent a SYN, and no payload went either way: unanswered, refused,
     * or opened and reset, as scans and floods make them), the source's damped count of its empty TCP connections,
     * this one included; else 0.
     */
    public static final String EMPTY_TCP = "host.empty_tcp";
    /** Half-life of the empty-connection count: a minute, the span of a scan's burst rather than of one packet. */
    public static final double EMPTY_TCP_HALF_LIFE_S = 60;

    /** Flow starts a pair keeps for the beacon score. */
    static final int BEACON_KEEP = 20;
    /** Intervals between starts before the beacon score is other than 0. */
    static final int BEACON_MIN_INTERVALS = 2;
    /** Destination rarity counts the sources of the last hour (by flow end). */
    public static final long RARITY_WINDOW_NS = 3_600_000_000_000L;
    /** Sources a destination keeps; more only says "popular". */
    static final int RARITY_MAX_SOURCES = 32;
    /** The repeats count connections that started within a minute before the flow. */
    static final long REPEATS_WINDOW_NS = 60_000_000_000L;
    /** Recent TCP flows a pair keeps for the repeats count. */
    static final int REPEATS_MAX = 128;
    /** Connections to one service before their shape counts. */
    static final int REPEATS_MIN = 3;
    static final int TCP = 6;

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

    /** The names of the current version (new records). */
    public static List<String> names() {
        return names(CURRENT);
    }

    /** The names of host-context {@code version}, in vector order; a later version only appends. */
    public static List<String> names(int version) {
        checkVersion(version);
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
        if (version >= V2) {
            names.add(BEACON);
            names.add(SERVICE_REPEATS);
        }
        if (version >= V3) {
            names.add(EMPTY_TCP);
        }
        return names;
    }

    /** The size of the current version. */
    public static int size() {
        return size(CURRENT);
    }

    public static int size(int version) {
        checkVersion(version);
        int v1 = HALF_LIVES_S.length * (HOST_PER_RATE + PAIR_PER_RATE) + 2 * DISTINCT_WINDOWS_MS.length;
        return v1 + (version >= V2 ? 2 : 0) + (version >= V3 ? 1 : 0);
    }

    private static void checkVersion(int version) {
        if (version < V1 || version > CURRENT) {
            throw new IllegalArgumentException("host-context version " + version + ": expected " + V1 + ".." + CURRENT);
        }
    }
}
