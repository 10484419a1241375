package io.tidewatch.probe.output;

/**
 * Where finished packet-dynamics batches go (Kafka, a dry-run counter, a test's list), as their encoded bytes
 * ({@link EncodedBatch}). Called on the capture thread: an implementation must not block it (a producer queues and
 * drops, counting drops, when full).
 */
public interface BatchSink extends AutoCloseable {

    void accept(EncodedBatch batch);

    /** Delivers or discards whatever is pending; no batch is accepted afterwards. */
    @Override
    default void close() {
    }
}
