package io.tidewatch.streams.scoring;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readable wording of the flow feature set names ({@code tw-flow-v1} .. {@code tw-flow-v3}) for explanations:
 * {@code host.distinct_dst_ports.10s} reads "distinct destination ports from source in 10 s". Names without a rule
 * read as themselves.
 */
public final class FeatureWording {

    private static final Map<String, String> DIRECTION = Map.of(
            "both", "in the flow", "fwd", "from the originator", "bwd", "from the responder");
    private static final Map<String, String> FLOW_STAT = Map.ofEntries(
            Map.entry("packets", "packets"),
            Map.entry("ip_bytes", "bytes"),
            Map.entry("payload_bytes", "payload bytes"),
            Map.entry("size.min", "smallest packet (bytes)"),
            Map.entry("size.max", "largest packet (bytes)"),
            Map.entry("size.mean", "mean packet size (bytes)"),
            Map.entry("size.std", "packet size spread (bytes)"),
            Map.entry("iat_ms.min", "shortest gap between packets (ms)"),
            Map.entry("iat_ms.max", "longest gap between packets (ms)"),
            Map.entry("iat_ms.mean", "mean gap between packets (ms)"),
            Map.entry("iat_ms.std", "gap spread (ms)"),
            Map.entry("duration_ms", "duration (ms)"),
            Map.entry("packets_per_s", "packets per second"),
            Map.entry("bytes_per_s", "bytes per second"));
    private static final Map<String, String> HOST_STAT = Map.of(
            "weight", "flows started by the source",
            "size_mean", "mean bytes per flow from the source",
            "size_std", "spread of bytes per flow from the source",
            "jitter_mean", "mean gap between the source's flows (s)",
            "jitter_std", "spread of the gap between the source's flows (s)");
    private static final Map<String, String> PAIR_STAT = Map.of(
            "weight", "flows between these two hosts",
            "size_mean", "mean bytes per flow between these hosts",
            "size_std", "spread of bytes per flow between these hosts",
            "magnitude", "traffic magnitude between these hosts",
            "radius", "traffic radius between these hosts",
            "covariance", "sent/received covariance between these hosts",
            "correlation", "sent/received correlation between these hosts");
    private static final Pattern FLOW = Pattern.compile("(both|fwd|bwd)\\.(.+)");
    private static final Pattern DECAYED = Pattern.compile("(host|pair)\\.hl(\\d+)(ms|s)\\.(\\w+)");
    private static final Pattern DISTINCT = Pattern.compile("host\\.distinct_dst_(hosts|ports)\\.(\\d+)s");
    private static final Pattern SPLT = Pattern.compile("splt\\.(\\d+)\\.(size|iat_ms|dir)");

    private FeatureWording() {
    }

    /** The wording of feature {@code name}. */
    public static String describe(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("feature name: expected a name, got '" + name + "'");
        }
        Matcher m = DISTINCT.matcher(name);
        if (m.matches()) {
            return "distinct destination " + m.group(1) + " from source in " + m.group(2) + " s";
        }
        m = DECAYED.matcher(name);
        if (m.matches()) {
            String stat = (m.group(1).equals("host") ? HOST_STAT : PAIR_STAT).get(m.group(4));
            if (stat != null) {
                return stat + " (recent " + m.group(2) + " " + m.group(3) + ")";
            }
        }
        m = SPLT.matcher(name);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1)) + 1;
            return switch (m.group(2)) {
                case "size" -> "size of packet " + n + " (bytes)";
                case "iat_ms" -> "gap before packet " + n + " (ms)";
                default -> "direction of packet " + n;
            };
        }
        m = FLOW.matcher(name);
        if (m.matches()) {
            String stat = m.group(2);
            String dir = DIRECTION.get(m.group(1));
            if (stat.startsWith("flags.")) {
                return stat.substring(6).toUpperCase(Locale.ROOT) + " flags " + dir;
            }
            String s = FLOW_STAT.get(stat);
            if (s != null) {
                return s + " " + dir;
            }
        }
        return switch (name) {
            case "fwd.init_window" -> "originator's initial TCP window";
            case "bwd.init_window" -> "responder's initial TCP window";
            case "down_up_ratio" -> "download/upload ratio";
            case "pair.beacon" -> "beacon regularity to a rarely used destination";
            case "pair.service_repeats" -> "repeated TCP connections of one shape to this service in 60 s";
            case "host.empty_tcp" -> "empty TCP connections from source (damped, 60 s half-life)";
            default -> name.replace('_', ' ');
        };
    }
}
