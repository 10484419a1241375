/**
 * The probe's Kafka output: a non-blocking {@link io.tidewatch.probe.output.BatchSink} that queues packet-dynamics
 * batches (already encoded by the flow table) for a sender thread, which adds the schema-registry framing and
 * publishes them, counting every batch it cannot deliver by reason instead of ever holding up capture.
 */
package io.tidewatch.probe.kafka;
