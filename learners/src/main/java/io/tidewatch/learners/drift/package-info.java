/**
 * Concept-drift detectors over a real-valued stream (usually a learner's 0/1 error): the small
 * {@link io.tidewatch.learners.drift.DriftDetector} contract and {@link io.tidewatch.learners.drift.Adwin}.
 */
package io.tidewatch.learners.drift;
