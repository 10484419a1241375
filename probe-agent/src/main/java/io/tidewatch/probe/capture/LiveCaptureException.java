package io.tidewatch.probe.capture;

/** A live capture could not be opened or failed; the message is one line naming the interface and the cause. */
public final class LiveCaptureException extends RuntimeException {

    public LiveCaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
