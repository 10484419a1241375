/**
 * {@code ./tidewatch replay}: a capture file through the real pipeline on an embedded broker and registry (the probe
 * with its Kafka sink, the streams app with the production topology, the ECS topic) into a JSON-lines file, with
 * throughput figures. {@link io.tidewatch.cli.replay.Replay} holds the steps, so integration tests can also stop and
 * restart the streams app in the middle; {@link io.tidewatch.cli.replay.ReplayListener} is where labels and
 * metrics attach.
 */
package io.tidewatch.cli.replay;
