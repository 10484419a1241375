package io.tidewatch.streams.scoring;

import io.tidewatch.learners.anomaly.AutoencoderEnsemble;
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
 * magnitude), running standardization, then the detector. Every detector's seed is derived from the shared
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

    public static final List<String> KNOWN = List.of("hst", "loda", "kitnet", "rrcf", "hst-host", "loda-host",
            "deviation", "deviation-host");
    public static final List<String> DEFAULT = List.of("hst", "loda", "kitnet");

    static {
        DeviationDetector.register();
    }

    private EnsembleFactory() {
    }

    /**
     * The indices of the features detector {@code name} reads: all of them, or for a {@code -host} detector only the
     * host context (source host and pair statistics, distinct destinations), where scans, floods and brute force
     * show most and are not diluted by a hundred per-flow features.
     */
    public static int[] inputs(String name, List<String> names) {
        if (!name.endsWith("-host")) {
            return java.util.stream.IntStream.range(0, names.size()).toArray();
        }
        return java.util.stream.IntStream.range(0, names.size())
                .filter(i -> names.get(i).startsWith("host.") || names.get(i).startsWith("pair.")).toArray();
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
        Detector d = switch (name.endsWith("-host") ? name.substring(0, name.length() - 5) : name) {
            case "hst" -> new HalfSpaceTrees(numFeatures, 25, 10, window, s);
            case "loda" -> new Loda(numFeatures, 64, 32, window, s);
            case "kitnet" -> new AutoencoderEnsemble(numFeatures, 10, window, 0.1, 0.75, s);
            case "rrcf" -> new RobustRandomCutForest(numFeatures, 40, 256, s);
            case "deviation" -> new DeviationDetector(3);
            default -> throw new IllegalStateException(name);
        };
        return Pipeline.detector(List.of(new Log1p(), new StandardScaler(numFeatures)), d);
    }
}
