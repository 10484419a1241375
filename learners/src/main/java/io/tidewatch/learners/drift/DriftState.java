package io.tidewatch.learners.drift;

/** What a {@link DriftDetector} concluded from its latest observation. */
public enum DriftState {
    /** Nothing unusual. */
    STABLE,
    /** The statistic is moving; a change may be coming (detectors without a warning zone never report it). */
    WARNING,
    /** A change was detected on this observation. */
    DRIFT
}
