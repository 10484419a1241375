package io.tidewatch.streams.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
