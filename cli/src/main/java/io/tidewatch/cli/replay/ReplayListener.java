package io.tidewatch.cli.replay;

/**
 * Attaches extra work to a replay without changing its steps: feeding a labels topic once the stack is up (with a
 * label delay relative to packet time), or writing a metrics file from the summary at the end. Every method does
 * nothing by default; a listener that throws fails the replay with its message.
 */
public interface ReplayListener {

    /** The stack, topics and streams app are up; the probe has not started. */
    default void onStarted(Replay replay) {
    }

    /** The probe has read the whole capture and every batch is in Kafka. */
    default void onInputComplete(Replay replay, ProbeFigures probe) {
    }

    /** Every flow is written; {@code summary} holds the run's figures. */
    default void onFinished(Replay replay, ReplaySummary summary) {
    }
}
