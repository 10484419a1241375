/**
 * The probe's Kafka output: a non-blocking {@link io.tidewatch.probe.output.BatchSink} that queues packet-dynamics
 * batches for a sender thread, which serializes them with the schema-registry serde and publishes them, counting
 * every batch it cannot deliver by reason instead of ever holding up capture.
 */
package io.tidewatch.probe.kafka;
