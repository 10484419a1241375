package io.tidewatch.streams.labels;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The label stage's counts as Kafka Streams metrics (group {@code stream-tidewatch-labels-metrics}, each with a
 * {@code -total} and a {@code -rate}): they are exposed where every other Streams metric is (JMX,
 * {@code KafkaStreams.metrics()}), and they restart from zero with the process.
 */
final class LabelCounters {

    static final String SCOPE = "tidewatch-labels";

    final Sensor received;
    final Sensor invalid;
    final Sensor matched;
    final Sensor unmatched;
    final Sensor examples;
    final Sensor flowsIndexed;

    LabelCounters(StreamsMetrics metrics, String taskId) {
        received = sensor(metrics, taskId, "labels-received");
        invalid = sensor(metrics, taskId, "labels-invalid");
        matched = sensor(metrics, taskId, "labels-matched");
        unmatched = sensor(metrics, taskId, "labels-unmatched");
        examples = sensor(metrics, taskId, "examples");
        flowsIndexed = sensor(metrics, taskId, "flows-indexed");
    }

    private static Sensor sensor(StreamsMetrics metrics, String taskId, String operation) {
        return metrics.addRateTotalSensor(SCOPE, "task-" + taskId, operation, Sensor.RecordingLevel.INFO);
    }
}
