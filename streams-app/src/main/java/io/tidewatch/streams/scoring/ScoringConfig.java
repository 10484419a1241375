package io.tidewatch.streams.scoring;

import io.tidewatch.config.Settings;
import io.tidewatch.streams.features.FeatureSets;
import io.tidewatch.streams.host.HostContextFeatures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scoring settings ({@code scoring.*}): which detectors form the ensemble, how their calibrated scores combine,
 * the burn-in, the shared seed, and how often the models are checkpointed into their state store.
 *
 * @param detectors          detector names in ensemble order ({@link EnsembleFactory#KNOWN})
 * @param combine            how calibrated scores become one ({@link Combiner})
 * @param burnInFlows        flows a task's model must have learned before its scores may raise alerts
 * @param seed               seed of every detector's random structure, equal on every instance and task
 * @param calibrationWindow  scores per calibration window (0 = cumulative), see QuantileCalibrator
 * @param checkpointFlows    write the models to the store after this many flows ...
 * @param checkpointInterval ... or after this much wall-clock time, whichever comes first (and on close)
 * @param maxReasons         features named in an explanation (3..5)
 * @param supervisedWeight   unused unless a promoted supervised model exists; see {@link Combiner#blend}
 * @param window             detectors' window: HST mass window, Loda geometry, autoencoder grace period; also the
 *                           warm-up during which every flow is learned
 * @param learnGate          past the warm-up, flows scoring at least this are learned only ...
 * @param learnGateEvery     ... one time in this many (1 = always learn)
 * @param shareRate          fair share: flows per second of event time each source host may teach the model
 * @param shareBurst         ... and how many it may save up (a new source starts with this many)
 * @param shareSources       sources whose share is tracked per model, the least recently active forgotten first
 * @param calibrationGated   whether the learning gate also holds back the calibrators (false, the default: they
 *                           learn every flow the fair share admits, so ranks are read against the scores of the
 *                           traffic; the gate only slows what the detectors learn)
 * @param indicators         features read beside the detectors as specific indicators ({@link Indicators}); a name
 *                           a flow's feature set lacks is left out for that set
 * @param indicatorsTop      the top share of an indicator's values that counts as evidence, in (0, 1]
 */
public record ScoringConfig(List<String> detectors, Combiner combine, long burnInFlows, long seed,
        int calibrationWindow, long checkpointFlows, Duration checkpointInterval, int maxReasons,
        double supervisedWeight, int window, double learnGate, int learnGateEvery, double shareRate,
        double shareBurst, int shareSources, boolean calibrationGated, List<String> indicators,
        double indicatorsTop) {

    public static final long DEFAULT_BURN_IN = 500;
    /** Every key {@link #from} reads. */
    public static final List<String> KEYS = List.of("scoring.detectors", "scoring.combine", "scoring.burn-in.flows",
            "scoring.seed", "scoring.calibration.window", "scoring.checkpoint.flows", "scoring.checkpoint.interval",
            "scoring.reasons.max", "scoring.supervised.weight", "scoring.window", "scoring.learn.gate",
            "scoring.learn.gate.every", "scoring.learn.share.rate",
            "scoring.learn.share.burst", "scoring.learn.share.sources", "scoring.calibration.gated",
            "scoring.indicators", "scoring.indicators.top");
    /**
     * The default {@code scoring.indicators}: the beacon score, repeated connections to one service and the
     * source's empty TCP connections.
     */
    public static final List<String> DEFAULT_INDICATORS = List.of(HostContextFeatures.BEACON,
            HostContextFeatures.SERVICE_REPEATS, HostContextFeatures.EMPTY_TCP);

    public ScoringConfig {
        if (detectors == null || detectors.isEmpty()) {
            throw new IllegalArgumentException("scoring.detectors: expected one or more of " + EnsembleFactory.KNOWN);
        }
        for (String d : detectors) {
            if (!EnsembleFactory.KNOWN.contains(d)) {
                throw new IllegalArgumentException("scoring.detectors: unknown detector '" + d + "', expected one of "
                        + EnsembleFactory.KNOWN);
            }
        }
        if (detectors.stream().distinct().count() != detectors.size()) {
            throw new IllegalArgumentException("scoring.detectors: " + detectors + " names a detector twice");
        }
        detectors = List.copyOf(detectors);
        if (burnInFlows < 0) {
            throw new IllegalArgumentException("scoring.burn-in.flows=" + burnInFlows + ": expected 0 or more");
        }
        if (calibrationWindow < 0) {
            throw new IllegalArgumentException("scoring.calibration.window=" + calibrationWindow
                    + ": expected 0 (cumulative) or more");
        }
        if (checkpointFlows < 1) {
            throw new IllegalArgumentException("scoring.checkpoint.flows=" + checkpointFlows + ": expected 1 or more");
        }
        if (checkpointInterval == null || checkpointInterval.toMillis() < 1) {
            throw new IllegalArgumentException("scoring.checkpoint.interval=" + checkpointInterval
                    + ": expected a positive duration");
        }
        if (maxReasons < 3 || maxReasons > 5) {
            throw new IllegalArgumentException("scoring.reasons.max=" + maxReasons + ": expected 3..5");
        }
        if (window < 8 || window > 100_000) {
            throw new IllegalArgumentException("scoring.window=" + window + ": expected 8..100000");
        }
        if (!(learnGate > 0 && learnGate <= 1)) {
            throw new IllegalArgumentException("scoring.learn.gate=" + learnGate + ": expected a score in (0, 1]");
        }
        if (learnGateEvery < 1) {
            throw new IllegalArgumentException("scoring.learn.gate.every=" + learnGateEvery + ": expected 1 or more");
        }
        if (!(shareRate > 0 && shareRate <= 1e6)) {
            throw new IllegalArgumentException("scoring.learn.share.rate=" + shareRate
                    + ": expected flows per second in (0, 1000000]");
        }
        if (!(shareBurst >= 1 && shareBurst <= 1e9)) {
            throw new IllegalArgumentException("scoring.learn.share.burst=" + shareBurst + ": expected 1 or more flows");
        }
        if (shareSources < 1) {
            throw new IllegalArgumentException("scoring.learn.share.sources=" + shareSources + ": expected 1 or more");
        }
        if (!(supervisedWeight >= 0 && supervisedWeight <= 1)) {
            throw new IllegalArgumentException("scoring.supervised.weight=" + supervisedWeight + ": expected 0..1");
        }
        if (indicators == null || indicators.stream().distinct().count() != indicators.size()) {
            throw new IllegalArgumentException("scoring.indicators: " + indicators
                    + ": expected feature names, each once");
        }
        List<String> current = FeatureSets.names(FeatureSets.FLOW);
        for (String name : indicators) {
            if (!current.contains(name)) {
                throw new IllegalArgumentException("scoring.indicators: no feature '" + name + "' in "
                        + FeatureSets.FLOW + ", expected names such as " + DEFAULT_INDICATORS);
            }
        }
        indicators = List.copyOf(indicators);
        if (!(indicatorsTop > 0 && indicatorsTop <= 1)) {
            throw new IllegalArgumentException("scoring.indicators.top=" + indicatorsTop
                    + ": expected a share in (0, 1]");
        }
    }

    /** The defaults, overridden by any {@code scoring.*} key in {@code s}. */
    public static ScoringConfig from(Settings s) {
        List<String> detectors = names(s.getString("scoring.detectors", String.join(",", EnsembleFactory.DEFAULT)))
                .stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
        List<String> indicators = names(s.getString("scoring.indicators", String.join(",", DEFAULT_INDICATORS)));
        return new ScoringConfig(detectors,
                Combiner.parse(s.getString("scoring.combine", Combiner.MAX.toString())),
                s.getLong("scoring.burn-in.flows", DEFAULT_BURN_IN),
                s.getLong("scoring.seed", 20_260_601L),
                s.getInt("scoring.calibration.window", 50_000),
                s.getLong("scoring.checkpoint.flows", 2_000),
                s.getDuration("scoring.checkpoint.interval", Duration.ofSeconds(30)),
                s.getInt("scoring.reasons.max", 5),
                s.getDouble("scoring.supervised.weight", 0.5),
                s.getInt("scoring.window", 32),
                s.getDouble("scoring.learn.gate", 0.9),
                s.getInt("scoring.learn.gate.every", 16),
                s.getDouble("scoring.learn.share.rate", 0.1),
                s.getDouble("scoring.learn.share.burst", 10),
                s.getInt("scoring.learn.share.sources", 100_000),
                s.getBoolean("scoring.calibration.gated", false),
                indicators,
                s.getDouble("scoring.indicators.top", 0.05));
    }

    /** The comma-separated names of {@code list}, trimmed, blanks left out (an empty list names none). */
    private static List<String> names(String list) {
        List<String> out = new ArrayList<>();
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }
}
