package io.tidewatch.streams.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Features {@link ScoringLab} appends to the dumped flows to measure them before they are built into the host
 * context: each adds its names (which put them in a view: {@code host.*.weight} is activity, others per-flow) and
 * its values in scoring order.
 */
final class LabFeatures {

    private LabFeatures() {
    }

    /** The flows with the features the {@code lab.*} options ask for, and {@code names} extended with theirs. */
    static List<ScoringLab.Flow> apply(List<ScoringLab.Flow> flows, Map<String, String> lab, List<String> names) {
        List<String> base = List.copyOf(names);
        List<ScoringLab.Flow> out = flows;
        if (lab.containsKey("lab.fanin")) {
            names.add("dst.rarity");
            out = withFanIn(out, Long.parseLong(lab.get("lab.fanin")) * 1_000_000_000L);
        }
        if (lab.containsKey("lab.unanswered")) {
            double[] halfLives = Arrays.stream(lab.get("lab.unanswered").split(",")).mapToDouble(Double::parseDouble)
                    .toArray();
            boolean activity = !"host".equals(lab.get("lab.unanswered.view"));
            for (double hl : halfLives) {
                names.add("host.hl" + hl + "s.unanswered" + (activity ? ".weight" : ""));
            }
            out = withUnanswered(out, base, halfLives);
        }
        if (lab.containsKey("lab.beaconing")) {
            String[] p = lab.get("lab.beaconing").split(",");
            String view = lab.getOrDefault("lab.beaconing.view", "flow");
            String parts = lab.getOrDefault("lab.beaconing.features", "b");
            for (char c : parts.toCharArray()) {
                names.add(viewName(view, "beacon." + c));
            }
            out = withBeaconing(out, base, Integer.parseInt(p[0]), Long.parseLong(p.length > 1 ? p[1] : "3600")
                    * 1_000_000_000L, parts, Double.parseDouble(lab.getOrDefault("lab.beaconing.scale", "1")),
                    Integer.parseInt(lab.getOrDefault("lab.beaconing.min", "3")),
                    "true".equals(lab.get("lab.beaconing.tcp")));
        }
        if (lab.containsKey("lab.repeats")) {
            String view = lab.getOrDefault("lab.repeats.view", "flow");
            names.add(viewName(view, "service.repeats"));
            out = withRepeats(out, base, Long.parseLong(lab.get("lab.repeats")) * 1_000_000_000L,
                    lab.getOrDefault("lab.repeats.shape", ""), "true".equals(lab.get("lab.repeats.tcp")));
        }
        return out;
    }

    /** A feature name that puts it in {@code view}: activity, host (context, not activity) or flow. */
    private static String viewName(String view, String name) {
        return switch (view) {
            case "activity" -> "pair." + name + ".weight";
            case "host" -> "pair." + name;
            case "flow" -> name;
            default -> throw new IllegalArgumentException("view " + view + ": expected activity, host or flow");
        };
    }

    /** Median of the first {@code n} values of {@code v} (sorted in place). */
    static double median(double[] v, int n) {
        Arrays.sort(v, 0, n);
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    /** 1 - median absolute deviation / median, clipped to [0, 1]: 1 for identical values. */
    static double regularity(double[] v, int n) {
        double m = median(v, n);
        if (m <= 0) {
            return 0;
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = Math.abs(v[i] - m);
        }
        return Math.max(0, 1 - median(d, n) / m);
    }

    /**
     * Beacon indicators of each flow's (source, destination) pair from its last {@code keep} flow starts, as RITA
     * scores beacons: t = regularity of the intervals between starts (1 - MAD / median), d = regularity of the
     * originator's bytes, r = destination rarity (1 / distinct sources that reached it within the window), n =
     * intervals seen; b = t * d * r once {@code minIntervals} intervals are known (0 before, and 0 for anything but
     * TCP with {@code tcpOnly}), times {@code scale}; m = min(t, d) * r the same way (a beacon must be regular in
     * both timing and size: the weaker of the two decides), q = t * d without the rarity.
     */
    static List<ScoringLab.Flow> withBeaconing(List<ScoringLab.Flow> flows, List<String> names, int keep,
            long rarityWindowNs, String parts, double scale, int minIntervals, boolean tcpOnly) {
        int fwdBytes = names.indexOf("fwd.ip_bytes");
        FanIn fanIn = new FanIn(rarityWindowNs);
        Map<String, TreeMap<Long, Double>> pairs = new HashMap<>();
        List<ScoringLab.Flow> out = new ArrayList<>(flows.size());
        for (ScoringLab.Flow fl : flows) {
            double r = fanIn.rarity(fl);
            TreeMap<Long, Double> starts = pairs.computeIfAbsent(fl.source() + ">" + fl.destination(),
                    k -> new TreeMap<>());
            starts.put(fl.startNs(), fl.x()[fwdBytes]);
            while (starts.size() > keep) {
                starts.pollFirstEntry();
            }
            int n = starts.size() - 1;
            double t = 0;
            double d = 0;
            if (n >= minIntervals) {
                double[] gaps = new double[n];
                double[] sizes = new double[n + 1];
                int i = 0;
                long prev = Long.MIN_VALUE;
                for (var e : starts.entrySet()) {
                    if (prev != Long.MIN_VALUE) {
                        gaps[i - 1] = (e.getKey() - prev) / 1e9;
                    }
                    sizes[i++] = e.getValue();
                    prev = e.getKey();
                }
                t = regularity(gaps, n);
                d = regularity(sizes, n + 1);
            }
            double[] x = Arrays.copyOf(fl.x(), fl.x().length + parts.length());
            for (int j = 0; j < parts.length(); j++) {
                x[fl.x().length + j] = switch (parts.charAt(j)) {
                    case 'b' -> n >= minIntervals && (!tcpOnly || fl.protocol() == 6) ? scale * t * d * r : 0;
                    case 'm' -> n >= minIntervals && (!tcpOnly || fl.protocol() == 6) ? scale * Math.min(t, d) * r : 0;
                    case 'q' -> n >= minIntervals && (!tcpOnly || fl.protocol() == 6) ? scale * t * d : 0;
                    case 't' -> t;
                    case 'd' -> d;
                    case 'r' -> r;
                    case 'n' -> n;
                    default -> throw new IllegalArgumentException("lab.beaconing.features: " + parts.charAt(j)
                            + ", expected b, m, q, t, d, r or n");
                };
            }
            out.add(fl.with(x));
        }
        return out;
    }

    /**
     * Each flow with the flows its source started to the same service (destination, protocol, port) in the window,
     * times the regularity (1 - MAD / median) of each feature named in {@code shape} (comma-separated, e.g.
     * {@code bwd.ip_bytes}) over those flows: repeated connections of one shape, as a password guesser makes
     * ({@code tcpOnly}: 0 for anything but TCP, whose connections are sessions, where a datagram is one question).
     */
    static List<ScoringLab.Flow> withRepeats(List<ScoringLab.Flow> flows, List<String> names, long windowNs,
            String shape, boolean tcpOnly) {
        int[] shapeAt = shape.isEmpty() ? new int[0]
                : Arrays.stream(shape.split(",")).mapToInt(n -> {
                    if (names.indexOf(n) < 0) {
                        throw new IllegalArgumentException("lab.repeats.shape: no feature " + n);
                    }
                    return names.indexOf(n);
                }).toArray();
        Map<String, TreeMap<Long, double[]>> starts = new HashMap<>();
        List<ScoringLab.Flow> out = new ArrayList<>(flows.size());
        for (ScoringLab.Flow fl : flows) {
            TreeMap<Long, double[]> s = starts.computeIfAbsent(fl.source() + ">" + fl.destination() + "/"
                    + fl.protocol() + "/" + fl.port(), k -> new TreeMap<>());
            double[] v = new double[shapeAt.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = fl.x()[shapeAt[i]];
            }
            s.put(fl.startNs(), v);
            s.headMap(fl.startNs() - windowNs).clear();
            double value = s.size();
            for (int i = 0; i < shapeAt.length; i++) {
                double[] col = new double[s.size()];
                int j = 0;
                for (double[] row : s.values()) {
                    col[j++] = row[i];
                }
                value *= s.size() < 3 ? 0 : regularity(col, col.length);
            }
            double[] x = Arrays.copyOf(fl.x(), fl.x().length + 1);
            x[x.length - 1] = tcpOnly && fl.protocol() != 6 ? 0 : value;
            out.add(fl.with(x));
        }
        return out;
    }

    /**
     * Each flow with its source's damped count of connections that carried nothing (TCP without payload either
     * way, or no answer at all) at each half-life, as threshold random walk scan detection counts failures.
     */
    static List<ScoringLab.Flow> withUnanswered(List<ScoringLab.Flow> flows, List<String> names, double[] halfLives) {
        int fwdPayload = names.indexOf("fwd.payload_bytes");
        int bwdPayload = names.indexOf("bwd.payload_bytes");
        int bwdPackets = names.indexOf("bwd.packets");
        Map<String, double[]> weights = new HashMap<>();
        Map<String, Long> last = new HashMap<>();
        List<ScoringLab.Flow> out = new ArrayList<>(flows.size());
        for (ScoringLab.Flow fl : flows) {
            double[] w = weights.computeIfAbsent(fl.source(), k -> new double[halfLives.length]);
            long prev = last.getOrDefault(fl.source(), fl.endNs());
            double dt = Math.max(0, (fl.endNs() - prev) / 1e9);
            last.put(fl.source(), Math.max(prev, fl.endNs()));
            boolean failed = fl.x()[bwdPackets] == 0
                    || (fl.protocol() == 6 && fl.x()[fwdPayload] == 0 && fl.x()[bwdPayload] == 0);
            double[] x = Arrays.copyOf(fl.x(), fl.x().length + halfLives.length);
            for (int i = 0; i < halfLives.length; i++) {
                w[i] = w[i] * Math.pow(2, -dt / halfLives[i]) + (failed ? 1 : 0);
                x[fl.x().length + i] = w[i];
            }
            out.add(fl.with(x));
        }
        return out;
    }

    /** Each flow with 1 / (distinct sources that reached its destination within the window before it). */
    static List<ScoringLab.Flow> withFanIn(List<ScoringLab.Flow> flows, long windowNs) {
        FanIn fanIn = new FanIn(windowNs);
        List<ScoringLab.Flow> out = new ArrayList<>(flows.size());
        for (ScoringLab.Flow fl : flows) {
            double[] x = Arrays.copyOf(fl.x(), fl.x().length + 1);
            x[x.length - 1] = fanIn.rarity(fl);
            out.add(fl.with(x));
        }
        return out;
    }

    /** The distinct sources that reached each destination within a window, as flows end. */
    private static final class FanIn {
        private final long windowNs;
        private final Map<String, Map<String, Long>> lastBySource = new HashMap<>();

        FanIn(long windowNs) {
            this.windowNs = windowNs;
        }

        /** Counts {@code fl}'s source for its destination; 1 / the destination's sources within the window. */
        double rarity(ScoringLab.Flow fl) {
            Map<String, Long> sources = lastBySource.computeIfAbsent(fl.destination(), k -> new HashMap<>());
            sources.put(fl.source(), fl.endNs());
            sources.values().removeIf(t -> t < fl.endNs() - windowNs);
            return 1.0 / sources.size();
        }
    }
}
