package io.tidewatch.probe.output;

import io.tidewatch.proto.v1.PacketDynamicsBatch;

/**
 * Where finished {@link PacketDynamicsBatch} messages go (Kafka, a dry-run counter, a test's list). Called on the
 * capture thread: an implementation must not block it (a producer queues and drops, counting drops, when full).
 */
public interface BatchSink extends AutoCloseable {

    void accept(PacketDynamicsBatch batch);

    /** Delivers or discards whatever is pending; no batch is accepted afterwards. */
    @Override
    default void close() {
    }
}
