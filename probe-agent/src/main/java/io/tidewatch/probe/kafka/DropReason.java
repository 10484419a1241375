package io.tidewatch.probe.kafka;

/**
 * Why a batch never reached Kafka. Each is counted separately in the probe's figures, so an operator can tell a
 * slow broker (queue full) from a misconfiguration (serialization, rejected sends) from an outage (delivery failed).
 */
public enum DropReason {
    /** The queue between capture and sender already held its maximum number of batches. */
    QUEUE_FULL("queue_full"),
    /** The queue already held its maximum number of bytes. */
    QUEUE_BYTES("queue_bytes"),
    /** The key or value could not be serialized (e.g. the schema registry could not be reached). */
    SERIALIZATION("serialization"),
    /** The producer refused the record at once (no metadata or buffer space within max.block.ms, too large, ...). */
    SEND_REJECTED("send_rejected"),
    /** The broker never acknowledged the record (delivery timeout, not-retriable broker error). */
    DELIVERY_FAILED("delivery_failed"),
    /** Still queued or in flight when the stop's flush time ran out. */
    STOP_TIMEOUT("stop_timeout"),
    /** Offered after the sink was closed. */
    CLOSED("closed");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    /** The name used in the {@code --json} figures. */
    public String label() {
        return label;
    }
}
