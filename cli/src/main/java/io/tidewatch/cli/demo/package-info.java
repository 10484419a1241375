/**
 * {@code ./tidewatch demo}: a seeded synthetic capture (or the user's own) through the whole pipeline on the
 * embedded stack, with analyst labels fed back, and what the pipeline published read back from its topics into the
 * report ({@link io.tidewatch.cli.report}). The orchestration is the replay's ({@link io.tidewatch.cli.replay.LocalReplay});
 * this package adds the ground truth ({@link io.tidewatch.cli.demo.LabelsCsv},
 * {@link io.tidewatch.cli.demo.GroundTruthIndex}), the analyst, the observer of the output topics and the progress line.
 */
package io.tidewatch.cli.demo;
