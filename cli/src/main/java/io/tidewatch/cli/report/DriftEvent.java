package io.tidewatch.cli.report;

import java.util.Objects;

/**
 * A drift detector's signal and what the pipeline did about it.
 *
 * @param timeMs       event time at which drift was signalled, Unix epoch ms
 * @param examplesSeen labelled examples the supervised model had learned by then (places the event on the
 *                     learning curve)
 * @param detector     e.g. "ADWIN on supervised error"
 * @param signal       e.g. "drift" or "warning"
 * @param action       e.g. "background model promoted"
 */
public record DriftEvent(long timeMs, long examplesSeen, String detector, String signal, String action) {

    public DriftEvent {
        if (timeMs < 0) {
            throw new IllegalArgumentException("drift time " + timeMs + " ms: expected a Unix epoch time >= 0");
        }
        if (examplesSeen < 0) {
            throw new IllegalArgumentException("drift at examples seen " + examplesSeen + ": expected >= 0");
        }
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(action, "action");
    }
}
