package io.tidewatch.learners.drift;

/**
 * A concept-drift detector over a stream of real values, typically a learner's 0/1 error indicator
 * ({@code 1} = misclassified). One value at a time: {@link #update} says whether the stream changed on that value.
 *
 * <p>Implementations keep their own state only (no clock, no I/O), so that a model holding one can be encoded
 * with it. Whether a detector reacts to changes in both directions is its own documented choice: callers that
 * monitor an error rate and only care about degradation compare {@link #estimation()} before and after.
 */
public interface DriftDetector {

    /** Adds one observation; returns what the detector concludes after seeing it. */
    DriftState update(double value);

    /** Whether the latest {@link #update} detected a change. */
    boolean detectedChange();

    /** Whether the latest {@link #update} put the detector in its warning zone (false if it has none). */
    boolean inWarningZone();

    /** The detector's current estimate of the mean of the monitored values (for ADWIN: the mean of its window). */
    double estimation();
}
