package io.tidewatch.streams.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.learners.catalog.LearnerCatalog;
import io.tidewatch.learners.catalog.Params;
import io.tidewatch.learners.model.Classifier;
import io.tidewatch.learners.pipeline.Pipeline;
import io.tidewatch.learners.transform.Log1p;
import io.tidewatch.probe.ProbePipeline;
import io.tidewatch.probe.capture.CaptureFileReader;
import io.tidewatch.probe.capture.CaptureFiles;
import io.tidewatch.probe.flow.FlowTable;
import io.tidewatch.probe.flow.FlowTableConfig;
import io.tidewatch.probe.synth.AttackKind;
import io.tidewatch.probe.synth.SynthConfig;
import io.tidewatch.probe.synth.TrafficSynthesizer;
import io.tidewatch.proto.v1.Label;
import io.tidewatch.proto.v1.ModelMetrics;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.proto.v1.Verdict;
import io.tidewatch.streams.labels.Example;
import io.tidewatch.streams.labels.LabelTopology;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synthesized captures (every attack of the synthesizer) through the probe's own pipeline (pcap reader, decoder,
 * flow table: the PacketDynamicsBatch messages a probe would publish) into the production topology, with the
 * synthesizer's ground-truth CSV sampled at 5 % (seeded) as labels that arrive {@value #DELAY_S} s after their flow
 * ended, as an analyst's would. Checks progressive F1 of the supervised model after a burn-in, per seed, and writes
 * the figures (overall and recall per attack class) to {@code target/synth-supervised.txt}.
 *
 * <p>Seeds, capture length and hosts: {@code -Dtidewatch.synth.seeds=1,2,3}, {@code -Dtidewatch.synth.minutes=2},
 * {@code -Dtidewatch.synth.hosts=20}, and {@code -Dtidewatch.synth.learner=NAME} to compare learners; the defaults (seed 1, 1 minute, 4 hosts) keep the suite short. The attacks
 * (the SYN flood above all) make most flows, so most sampled labels are malicious: the line reports kappa and the
 * confusion counts beside F1 so that a model calling everything malicious would show.
 */
class SupervisedSynthTest {

    static final double RATE = 0.05;
    static final long DELAY_S = 30;
    static final int BURN_IN = 50;

    @TempDir
    Path dir;

    @TestFactory
    List<DynamicTest> progressiveF1OnSynthesizedCaptures() {
        String seeds = System.getProperty("tidewatch.synth.seeds", "1");
        List<DynamicTest> tests = new ArrayList<>();
        for (String s : seeds.split(",")) {
            long seed = Long.parseLong(s.trim());
            tests.add(DynamicTest.dynamicTest("seed " + seed, () -> run(seed)));
        }
        return tests;
    }

    private record Truth(String communityId, long firstNs, long lastNs, boolean malicious, String attack) {
    }

    private void run(long seed) throws IOException {
        int minutes = Integer.getInteger("tidewatch.synth.minutes", 1);
        int hosts = Integer.getInteger("tidewatch.synth.hosts", 4);
        Path pcap = dir.resolve("synth-" + seed + ".pcap");
        Path csv = dir.resolve("synth-" + seed + ".csv");
        TrafficSynthesizer.run(SynthConfig.builder().out(pcap).labels(csv).minutes(minutes).hosts(hosts).seed(seed)
                .attacks(EnumSet.allOf(AttackKind.class)).build());

        List<PacketDynamicsBatch> batches = new ArrayList<>();
        FlowTable table = new FlowTable(FlowTableConfig.defaults(1, "synth-probe"), b -> batches.add(b.decode()), null);
        try (CaptureFileReader reader = CaptureFiles.open(pcap)) {
            reader.readAll(new ProbePipeline(table));
        }
        table.endOfInput();

        List<Truth> truth = readTruth(csv);
        Random sampler = new Random(seed * 31 + 7);
        List<Truth> labelled = new ArrayList<>();
        for (Truth t : truth) {
            if (sampler.nextDouble() < RATE) {
                labelled.add(t);
            }
        }
        // An analyst's verdict on a flow is available DELAY_S after the flow ended.
        labelled.sort(Comparator.comparingLong(Truth::lastNs));

        List<ModelMetrics> metrics;
        List<Example> examples;
        Path state = dir.resolve("state-" + seed);
        String learner = System.getProperty("tidewatch.synth.learner", "adaptive-random-forest");
        String params = learner.equals("adaptive-random-forest") ? "seed=" + seed : "";
        try (TrainingHarness h = new TrainingHarness(state, Map.of("training.metrics.every", "1",
                "training.snapshot.examples", "100000", "training.learner", learner,
                "training.learner.params", params))) {
            int next = 0;
            for (PacketDynamicsBatch b : batches) {
                long nowNs = b.getBaseTimestampNs();
                while (next < labelled.size() && labelled.get(next).lastNs() + DELAY_S * 1_000_000_000L <= nowNs) {
                    send(h, labelled.get(next++));
                }
                h.send(b);
            }
            while (next < labelled.size()) {
                send(h, labelled.get(next++));
            }
            metrics = h.metricsRecords();
            examples = h.driver.createOutputTopic("tidewatch-training-test-" + LabelTopology.EXAMPLES + "-repartition",
                    new StringDeserializer(), Example.serde().deserializer()).readValuesToList();
        }
        ModelMetrics last = metrics.get(metrics.size() - 1);
        ModelMetrics burnt = metrics.get(Math.min(BURN_IN, metrics.size()) - 1);
        double tp = diff(last, burnt, "tp");
        double fp = diff(last, burnt, "fp");
        double fn = diff(last, burnt, "fn");
        double tn = diff(last, burnt, "tn");
        double f1 = 2 * tp / (2 * tp + fp + fn);
        double total = tp + fp + fn + tn;
        double pe = ((tp + fn) / total) * ((tp + fp) / total) + ((tn + fp) / total) * ((tn + fn) / total);
        double kappa = pe >= 1 ? 0 : ((tp + tn) / total - pe) / (1 - pe);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%s, seed %d: %d min, %d hosts, %d flows in truth, %d batches, %d labels sampled, %d examples trained;"
                        + " after burn-in (%d): F1 %.4f kappa %.4f (tp %.0f fp %.0f fn %.0f tn %.0f),"
                        + " cumulative F1 %.4f AUC %.4f;"
                        + " recall per attack after burn-in:",
                learner, seed, minutes, hosts, truth.size(), batches.size(), labelled.size(), last.getExamples(), BURN_IN, f1,
                kappa, tp, fp, fn, tn, last.getCumulativeOrThrow("f1"), last.getCumulativeOrDefault("roc_auc", Double.NaN)));
        Map<String, double[]> perAttack = new TreeMap<>();
        last.getCumulativeMap().forEach((k, v) -> {
            if (k.startsWith("examples.")) {
                String attack = k.substring("examples.".length());
                double n = v - burnt.getCumulativeOrDefault(k, 0);
                double hit = v * last.getCumulativeOrThrow("recall." + attack)
                        - burnt.getCumulativeOrDefault(k, 0) * burnt.getCumulativeOrDefault("recall." + attack, 0);
                perAttack.put(attack, new double[] {n, hit});
            }
        });
        perAttack.forEach((a, v) -> line.append(String.format(Locale.ROOT, " %s %.0f/%.0f", a, v[1], v[0])));
        Path report = Path.of("target", "synth-supervised.txt");
        Files.writeString(report, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        compareLearners(seed, examples, report);
        assertTrue(last.getExamples() > BURN_IN * 2, "too few examples to judge: " + line);
        assertTrue(f1 >= 0.9, "progressive F1 after burn-in below 0.9: " + line);
    }

    /**
     * The same examples, in the same order, through each candidate learner (behind the same log1p), predict then
     * learn: the measurement behind the default learner.
     */
    private static void compareLearners(long seed, List<Example> examples, Path report) throws IOException {
        if (examples.isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder();
        for (String learner : List.of("adaptive-random-forest", "hoeffding-adaptive-tree", "hoeffding-tree",
                "naive-bayes", "logistic-regression")) {
            Classifier model = Pipeline.classifier(List.of(new Log1p()), LearnerCatalog.classifier(learner,
                    examples.get(0).features().length, 2,
                    learner.equals("adaptive-random-forest") ? Params.parse(List.of("seed=" + seed)) : Params.none()));
            ProgressiveMetrics all = new ProgressiveMetrics(1000);
            ProgressiveMetrics afterBurnIn = new ProgressiveMetrics(1000);
            long t0 = System.nanoTime();
            for (int i = 0; i < examples.size(); i++) {
                Example e = examples.get(i);
                double[] p = model.predictProba(e.features());
                all.record(e.malicious(), p, e.attackClass());
                if (i >= BURN_IN) {
                    afterBurnIn.record(e.malicious(), p, e.attackClass());
                }
                model.learn(e.features(), e.malicious());
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            Map<String, Double> m = afterBurnIn.cumulative();
            out.append(String.format(Locale.ROOT, "  seed %d %-24s F1 after burn-in %.4f kappa %.4f AUC %.4f"
                    + " (tp %.0f fp %.0f fn %.0f tn %.0f), %d examples in %.0f ms%n", seed, learner, m.get("f1"),
                    m.get("kappa"), m.getOrDefault("roc_auc", Double.NaN), m.get("tp"), m.get("fp"), m.get("fn"),
                    m.get("tn"), examples.size(), ms));
        }
        Files.writeString(report, out.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static double diff(ModelMetrics a, ModelMetrics b, String key) {
        return a.getCumulativeOrThrow(key) - b.getCumulativeOrThrow(key);
    }

    private static void send(TrainingHarness h, Truth t) {
        Label l = Label.newBuilder().setCommunityId(t.communityId()).setStartNs(t.firstNs()).setEndNs(t.lastNs())
                .setVerdict(t.malicious() ? Verdict.VERDICT_MALICIOUS : Verdict.VERDICT_BENIGN)
                .setAttackClass(t.attack()).setSource("synth-ground-truth").setConfidence(1.0).build();
        h.label(l, t.lastNs() / 1_000_000L + DELAY_S * 1000);
    }

    private static List<Truth> readTruth(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.US_ASCII);
        List<Truth> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            out.add(new Truth(f[0], nanos(f[6]), nanos(f[7]), f[8].equals("1"), f[9]));
        }
        return out;
    }

    private static long nanos(String seconds) {
        return new BigDecimal(seconds).movePointRight(9).longValueExact();
    }
}
