package io.tidewatch.streams.scoring;

import io.tidewatch.learners.anomaly.AutoencoderEnsemble;
import io.tidewatch.learners.anomaly.DeviationDetector;
import io.tidewatch.learners.anomaly.HalfSpaceTrees;
import io.tidewatch.learners.anomaly.Loda;
import io.tidewatch.learners.anomaly.RobustRandomCutForest;
import io.tidewatch.learners.model.Detector;
import io.tidewatch.learners.pipeline.Pipeline;
import io.tidewatch.learners.transform.Log1p;
import io.tidewatch.learners.transform.StandardScaler;
import java.util.List;

/**
 * Builds each detector of the ensemble as a learners pipeline: signed {@code log1p} (counts and bytes span orders of
 * magnitude), running standardization (except for the deviation detectors, which keep their own robust
 * statistics), then the detector. A name is a detector kind, optionally with a view suffix: {@code -flow} reads the
 * per-flow features only, {@code -host} the host and pair context, {@code -activity} the part of it that says how
 * much the source does (flow rates of the source and the pair, distinct destinations). The default is
 * {@code surge-activity,surge-flow}: a robust one-sided deviation per view (see the streams-app README for the
 * measurements that chose it). Every detector's seed is derived from the shared
 * {@code scoring.seed} and its position in a fixed list, never from the task or instance, so every task everywhere
 * draws the same random structure (mergeable Half-Space Trees masses and Loda histograms stay comparable).
 *
 * <p>Parameters were chosen by measurement on real and synthesized flows (see the streams-app README):
 * {@code hst} 25 trees of height 10 with a 256-flow window, {@code loda} 64 projections of 32 bins with a 256-flow
 * geometry window, {@code kitnet} clusters of at most 10 features with a 256-flow grace period. {@code rrcf}
 * (robust random cut forest) is available but not in the default set: at about 1.5k flows/s it would be the
 * pipeline's bottleneck.
 */
public final class EnsembleFactory {

    /** Detector kinds; each reads the whole vector or one view of it ({@code -flow}, {@code -host}, {@code -activity}). */
    static final List<String> BASES = List.of("hst", "loda", "kitnet", "rrcf", "deviation", "surge");
    public static final List<String> KNOWN = known();
    public static final List<String> DEFAULT = List.of("surge-activity", "surge-flow");

    private EnsembleFactory() {
    }

    private static List<String> known() {
        // The first names keep their historical positions: a detector's seed derives from its index here.
        List<String> out = new java.util.ArrayList<>(List.of("hst", "loda", "kitnet", "rrcf", "hst-host", "loda-host",
                "deviation", "deviation-host"));
        for (String base : BASES) {
            for (String name : List.of(base, base + "-flow", base + "-host", base + "-activity")) {
                if (!out.contains(name)) {
                    out.add(name);
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The indices of the features detector {@code name} reads: all of them, or for a {@code -host} detector only the
     * host context (source host and pair statistics, distinct destinations), where scans, floods and brute force
     * show most and are not diluted by a hundred per-flow features.
     */
    public static int[] inputs(String name, List<String> names) {
        if (name.endsWith("-host")) {
            return java.util.stream.IntStream.range(0, names.size()).filter(i -> isHostContext(names.get(i))).toArray();
        }
        if (name.endsWith("-activity")) {
            return java.util.stream.IntStream.range(0, names.size()).filter(i -> isActivity(names.get(i))).toArray();
        }
        if (name.endsWith("-flow")) {
            return java.util.stream.IntStream.range(0, names.size()).filter(i -> !isHostContext(names.get(i))).toArray();
        }
        return java.util.stream.IntStream.range(0, names.size()).toArray();
    }

    /** How much a source does: its and its pair's flow rates (damped weights) and its distinct destinations. */
    private static boolean isActivity(String feature) {
        return isHostContext(feature) && (feature.endsWith(".weight") || feature.contains(".distinct_"));
    }

    private static boolean isHostContext(String feature) {
        return feature.startsWith("host.") || feature.startsWith("pair.");
    }

    /**
     * The deviation detectors' least standard deviation on the log1p scale. Per-flow features are single
     * observations (one flow's sizes and gaps) that vary by factors among the flows of one benign application, so
     * there less than a factor e (1.0) is never notable; host and pair context is damped rates and counts that move
     * smoothly, where 0.3 (35%) is. Both measured on the synthesized captures (streams-app README).
     */
    static double sdFloor(String name) {
        return name.endsWith("-flow") ? 1.0 : 0.3;
    }

    /** Detector {@code name} over {@code numFeatures} raw features, wrapped in the transforming pipeline. */
    public static Pipeline.Detecting create(String name, int numFeatures, long seed, int window) {
        int index = KNOWN.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("detector '" + name + "': expected one of " + KNOWN);
        }
        if (numFeatures < 1) {
            throw new IllegalArgumentException("detector " + name + ": " + numFeatures + " features, expected >= 1");
        }
        if (window < 8) {
            throw new IllegalArgumentException("detector " + name + ": window " + window + ", expected >= 8");
        }
        long s = seed * 31 + index;
        String base = name.contains("-") ? name.substring(0, name.indexOf('-')) : name;
        Detector d = switch (base) {
            case "hst" -> new HalfSpaceTrees(numFeatures, 25, 10, window, s);
            case "loda" -> new Loda(numFeatures, 64, 32, window, s);
            case "kitnet" -> new AutoencoderEnsemble(numFeatures, 10, window, 0.1, 0.75, s);
            case "rrcf" -> new RobustRandomCutForest(numFeatures, 40, 256, s);
            case "deviation" -> new DeviationDetector(numFeatures, 3, false, sdFloor(name));
            case "surge" -> new DeviationDetector(numFeatures, 3, true, sdFloor(name));
            default -> throw new IllegalStateException(name);
        };
        if (d instanceof DeviationDetector) {
            // It keeps its own robust statistics; a plain standardization before it would undo them.
            return Pipeline.detector(List.of(new Log1p()), d);
        }
        return Pipeline.detector(List.of(new Log1p(), new StandardScaler(numFeatures)), d);
    }
}
