/**
 * Progressive (prequential) validation of online learners: predict, then learn, every example.
 *
 * <p>Metrics are small observers that compose: {@link io.tidewatch.learners.evaluation.ClassificationMetrics}
 * (accuracy, Cohen's kappa, precision/recall/F1 per class and macro), {@link io.tidewatch.learners.evaluation.LogLoss}
 * and {@link io.tidewatch.learners.evaluation.WindowedRocAuc} (exact ROC AUC and average precision of the last n
 * examples). Each summarises a {@link io.tidewatch.learners.evaluation.Window}: cumulative, sliding or fading.
 * {@link io.tidewatch.learners.evaluation.PrequentialEvaluator} drives a classifier when labels come with the
 * features; {@link io.tidewatch.learners.evaluation.DelayedLabelEvaluator} when they come later, joined by id.
 * {@link io.tidewatch.learners.evaluation.RankingMetrics} scores a finished stream at once.
 */
package io.tidewatch.learners.evaluation;
