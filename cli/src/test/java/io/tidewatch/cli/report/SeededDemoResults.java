package io.tidewatch.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A plausible demo run, made up from a seed: a few thousand benign flows, four attack classes in their own periods
 * (one slow and hard to tell apart), unlabelled flows, a burn-in, alerts folded per host as the pipeline folds them,
 * a rising learning curve and two drift events. Some reasons and the title carry hostile markup.
 */
final class SeededDemoResults {

    static final long START_MS = 1_795_856_400_000L; // 2026-11-28T09:00:00Z
    static final double THRESHOLD = 0.9;
    static final int BURN_IN = 300;
    static final String HOSTILE_REASON = "user agent \"<script>alert('pwned')</script>\" & <img src=x onerror=alert(1)>";
    static final String HOSTILE_TITLE = "seeded run <b>bold</b> & \"quoted\"";
    static final long SUPPRESSION_MS = 60_000;

    private SeededDemoResults() {
    }

    /** An attack class: who, when, how many flows, and how high its scores run. */
    private record Attack(String name, String host, int fromS, int toS, int flows, double low, double high,
                          int dstPort, String protocol, List<String> reasons) {
    }

    static DemoResults build(long seed) {
        Random rnd = new Random(seed);
        List<Attack> attacks = List.of(
                new Attack("c2-beacon", "10.0.5.88", 40, 560, 70, 0.2, 0.96, 443, "tcp",
                        List.of("inter-arrival regularity of flows to 203.0.113.7: 0.98, usual ~0.20",
                                "bytes per flow to 203.0.113.7: 412, usual ~9,800")),
                new Attack("port-scan", "10.0.5.66", 120, 180, 320, 0.72, 1.0, 0, "tcp",
                        List.of("distinct destination ports from source in 10 s: 950, usual ~3",
                                "share of flows with SYN and no reply: 0.97, usual ~0.02")),
                new Attack("ssh-bruteforce", "10.0.5.77", 250, 330, 210, 0.6, 1.0, 22, "tcp",
                        List.of("failed short TCP sessions to port 22 in 60 s: 180, usual ~1", HOSTILE_REASON)),
                new Attack("dns-tunnel", "10.0.5.99", 400, 470, 150, 0.5, 0.99, 53, "udp",
                        List.of("mean DNS query size: 212 B, usual ~38 B", "distinct subdomains in 60 s: 640")));
        List<ObservedFlow> flows = new ArrayList<>();
        int id = 0;
        for (int i = 0; i < 3000; i++) {
            long t = START_MS + (long) (rnd.nextDouble() * 600_000);
            double score = rnd.nextDouble() < 0.012 ? 0.5 + 0.49 * rnd.nextDouble()
                    : 0.82 * Math.pow(rnd.nextDouble(), 2.5);
            Optional<GroundTruth> truth = rnd.nextDouble() < 0.08 ? Optional.empty()
                    : Optional.of(GroundTruth.benign());
            String src = "10.0.1." + (1 + rnd.nextInt(40));
            flows.add(flow(id++, t, src, "192.0.2." + (1 + rnd.nextInt(20)), rnd.nextBoolean() ? 443 : 80, "tcp",
                    score, truth, score > 0.5 ? List.of("bytes from destination: 2.1 MB, usual ~40 kB") : List.of(),
                    rnd));
        }
        for (Attack a : attacks) {
            for (int i = 0; i < a.flows(); i++) {
                long t = START_MS + a.fromS() * 1000L + (long) (rnd.nextDouble() * (a.toS() - a.fromS()) * 1000);
                double u = rnd.nextDouble();
                double score = a.low() + (a.high() - a.low()) * Math.sqrt(u);
                int port = a.dstPort() == 0 ? 1 + rnd.nextInt(1024) : a.dstPort();
                flows.add(flow(id++, t, a.host(), "192.0.2.200", port, a.protocol(), score,
                        Optional.of(GroundTruth.attack(a.name())), a.reasons(), rnd));
            }
        }
        // Burn-in is the first flows in time, as the pipeline sees them.
        flows.sort((x, y) -> Long.compare(x.timeMs(), y.timeMs()));
        List<ObservedFlow> withBurnIn = new ArrayList<>();
        for (int i = 0; i < flows.size(); i++) {
            ObservedFlow f = flows.get(i);
            withBurnIn.add(new ObservedFlow(f.timeMs(), f.flowId(), f.communityId(), f.srcIp(), f.dstIp(),
                    f.dstPort(), f.protocol(), f.score(), f.detectorScores(), i < BURN_IN, f.truth(), f.reasons()));
        }
        return new DemoResults(HOSTILE_TITLE, withBurnIn, alerts(withBurnIn), learningCurve(rnd),
                List.of(new DriftEvent(START_MS + 260_000, 420, "ADWIN on supervised error", "drift",
                                "background model promoted"),
                        new DriftEvent(START_MS + 430_000, 760, "Page-Hinkley on score mean", "warning",
                                "background model started")),
                new Throughput(51_234, flows.size(), 18.75,
                        List.of(new Throughput.Figure("probe batches", 9_876, "batches"),
                                new Throughput.Figure("scoring latency p99", 3.4, "ms"))),
                THRESHOLD, BURN_IN);
    }

    private static ObservedFlow flow(int id, long t, String src, String dst, int port, String proto, double score,
                                     Optional<GroundTruth> truth, List<String> reasons, Random rnd) {
        // Each detector is keen on some attacks and half-blind to the others, as real ones are.
        String cls = truth.map(GroundTruth::attackClass).orElse("");
        Map<String, Double> detectors = new LinkedHashMap<>();
        detectors.put("half-space trees", clamp((cls.equals("c2-beacon") ? 0.5 : 1) * score
                + 0.08 * rnd.nextGaussian()));
        detectors.put("random cut forest", clamp((cls.equals("port-scan") ? 0.55 : 1) * score
                + 0.08 * rnd.nextGaussian()));
        detectors.put("host context", clamp((cls.startsWith("dns") ? 0.6 : 0.9) * score
                + 0.12 * rnd.nextGaussian()));
        return new ObservedFlow(t, "f" + id, "1:" + Integer.toHexString(id), src, dst,
                port, proto, score, detectors, false, truth, reasons);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** Alerts as the pipeline raises them: flows past burn-in over the threshold, folded per host per window. */
    private static List<Alert> alerts(List<ObservedFlow> flows) {
        Map<String, long[]> open = new LinkedHashMap<>(); // host -> {window start, count}
        Map<String, ObservedFlow> top = new LinkedHashMap<>();
        List<Alert> out = new ArrayList<>();
        for (ObservedFlow f : flows) {
            if (f.burnIn() || f.score() < THRESHOLD) {
                continue;
            }
            long[] w = open.get(f.srcIp());
            if (w != null && f.timeMs() - w[0] < SUPPRESSION_MS) {
                w[1]++;
                if (f.score() > top.get(f.srcIp()).score()) {
                    top.put(f.srcIp(), f);
                }
                continue;
            }
            if (w != null) {
                out.add(close(f.srcIp(), w, top.get(f.srcIp())));
            }
            open.put(f.srcIp(), new long[] {f.timeMs(), 1});
            top.put(f.srcIp(), f);
        }
        open.forEach((host, w) -> out.add(close(host, w, top.get(host))));
        return out;
    }

    private static Alert close(String host, long[] window, ObservedFlow top) {
        return new Alert(window[0], host, window[1], top.score(), top.reasons(), top.truth());
    }

    private static List<LearningPoint> learningCurve(Random rnd) {
        List<LearningPoint> points = new ArrayList<>();
        for (int k = 1; k <= 25; k++) {
            long n = 40L * k;
            double f1 = clamp(0.95 - 0.6 * Math.exp(-n / 250.0) + 0.02 * rnd.nextGaussian());
            double auc = k == 1 ? Double.NaN : clamp(0.98 - 0.4 * Math.exp(-n / 200.0) + 0.01 * rnd.nextGaussian());
            double acc = clamp(0.97 - 0.3 * Math.exp(-n / 200.0));
            points.add(new LearningPoint(n, acc, clamp(f1 + 0.02), clamp(f1 - 0.02), f1, auc, clamp(2 * acc - 1),
                    k / 5));
        }
        return points;
    }
}
