package io.tidewatch.streams.training;

import io.tidewatch.config.Settings;
import io.tidewatch.learners.catalog.LearnerCatalog;
import io.tidewatch.learners.catalog.Params;
import io.tidewatch.learners.model.Classifier;
import io.tidewatch.learners.model.Transformer;
import io.tidewatch.learners.pipeline.Pipeline;
import io.tidewatch.learners.transform.Log1p;
import io.tidewatch.streams.features.FeatureSets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Options of the supervised trainer, all under {@code training.}:
 * <ul>
 * <li>{@code model-id} (supervised): the key of its snapshots and metrics;</li>
 * <li>{@code learner} (adaptive-random-forest) and {@code learner.params} (comma-separated {@code k=v}, e.g.
 * {@code trees=10,seed=7}): a binary classifier from the learners' catalog, behind a {@code log1p} transform
 * ({@code transform}: log1p or none);</li>
 * <li>{@code metrics.window} (1000): the windowed metrics' size; {@code metrics.every} (100): a metrics record every
 * so many examples;</li>
 * <li>{@code snapshot.examples} (1000) / {@code snapshot.interval} (60 s, wall clock): a snapshot on
 * {@code tidewatch.models} after so many new examples or so long, whichever first;</li>
 * <li>{@code checkpoint.examples} (200) / {@code checkpoint.interval} (10 s, wall clock): how often the live model
 * is written to its state store (also on every snapshot and on close);</li>
 * <li>{@code promote.f1} (0.8) and {@code promote.min-examples} (200): the bar a snapshot's windowed F1 and window
 * count must pass for it to be promoted (used in the score);</li>
 * <li>{@code drift.delta} (0.002): ADWIN's confidence on the prequential error.</li>
 * </ul>
 */
public record TrainerOptions(String modelId, String learner, List<String> learnerParams, boolean log1p,
        int metricsWindow, int metricsEvery, long snapshotExamples, Duration snapshotInterval, long checkpointExamples,
        Duration checkpointInterval, double promoteF1, int promoteMinExamples, double driftDelta) {

    public TrainerOptions {
        if (modelId == null || modelId.isBlank()) {
            throw new IllegalArgumentException("training.model-id='" + modelId + "': expected a non-empty id");
        }
        if (!LearnerCatalog.isClassifier(learner)) {
            throw new IllegalArgumentException("training.learner='" + learner + "': expected one of "
                    + LearnerCatalog.classifierNames());
        }
        learnerParams = List.copyOf(learnerParams);
        atLeast("training.metrics.window", metricsWindow, 1);
        atLeast("training.metrics.every", metricsEvery, 1);
        atLeast("training.snapshot.examples", snapshotExamples, 1);
        atLeast("training.checkpoint.examples", checkpointExamples, 1);
        atLeast("training.promote.min-examples", promoteMinExamples, 0);
        positive("training.snapshot.interval", snapshotInterval);
        positive("training.checkpoint.interval", checkpointInterval);
        if (!(promoteF1 >= 0 && promoteF1 <= 1)) {
            throw new IllegalArgumentException("training.promote.f1=" + promoteF1 + ": expected a number in [0, 1]");
        }
        if (!(driftDelta > 0 && driftDelta < 1)) {
            throw new IllegalArgumentException("training.drift.delta=" + driftDelta + ": expected a number in (0, 1)");
        }
        // Build one now, so a bad learner param fails at startup rather than on the first label.
        newModel(FeatureSets.names(FeatureSets.FLOW).size(), learner, learnerParams, log1p);
    }

    private static void atLeast(String key, long v, long min) {
        if (v < min) {
            throw new IllegalArgumentException(key + "=" + v + ": expected at least " + min);
        }
    }

    private static void positive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + "=" + d + ": expected a positive duration");
        }
    }

    public static TrainerOptions from(Settings s) {
        String params = s.getString("training.learner.params", "").trim();
        String transform = s.getString("training.transform", "log1p").trim().toLowerCase(Locale.ROOT);
        if (!transform.equals("log1p") && !transform.equals("none")) {
            throw new IllegalArgumentException("training.transform='" + transform + "': expected log1p or none");
        }
        return new TrainerOptions(s.getString("training.model-id", "supervised"),
                s.getString("training.learner", "adaptive-random-forest"),
                params.isEmpty() ? List.of() : Arrays.stream(params.split(",")).map(String::trim).toList(),
                transform.equals("log1p"),
                s.getInt("training.metrics.window", 1000), s.getInt("training.metrics.every", 100),
                s.getLong("training.snapshot.examples", 1000),
                s.getDuration("training.snapshot.interval", Duration.ofSeconds(60)),
                s.getLong("training.checkpoint.examples", 200),
                s.getDuration("training.checkpoint.interval", Duration.ofSeconds(10)),
                s.getDouble("training.promote.f1", 0.8), s.getInt("training.promote.min-examples", 200),
                s.getDouble("training.drift.delta", 0.002));
    }

    /** A fresh model for {@code numFeatures} raw features: the optional log1p, then the learner (2 classes). */
    public Classifier newModel(int numFeatures) {
        return newModel(numFeatures, learner, learnerParams, log1p);
    }

    private static Classifier newModel(int numFeatures, String learner, List<String> params, boolean log1p) {
        List<Transformer> steps = new ArrayList<>();
        if (log1p) {
            steps.add(new Log1p());
        }
        return Pipeline.classifier(steps, LearnerCatalog.classifier(learner, numFeatures, 2, Params.parse(params)));
    }
}
