package io.tidewatch.cli.demo;

import io.tidewatch.cli.replay.TopicFollower;
import io.tidewatch.proto.v1.ModelMetrics;
import io.tidewatch.proto.v1.ScoredFlow;
import io.tidewatch.serde.ProtobufDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads what the pipeline published, as any consumer of it would: the scored flows, the alerts and the model
 * metrics, from the beginning, committed records only, on a thread of its own from construction to {@link #close()}.
 * Records that do not decode are counted and skipped.
 */
final class PipelineObserver implements AutoCloseable {

    private final ProtobufDeserializer<ScoredFlow> scoredFlows;
    private final ProtobufDeserializer<ModelMetrics> modelMetrics;
    private final String scoredTopic;
    private final String alertsTopic;
    private final String metricsTopic;
    private final List<ScoredFlow> flows = new ArrayList<>();
    private final List<String> alerts = new ArrayList<>();
    private final Set<String> alertIds = new HashSet<>();
    private final List<ModelMetrics> metrics = new ArrayList<>();
    private final TopicFollower follower;
    private volatile long flowCount;
    private volatile long alertCount;
    private volatile long undecodable;

    /** Starts reading {@code scoredTopic}, {@code alertsTopic} and {@code metricsTopic} (each with {@code partitionCount}). */
    PipelineObserver(String bootstrapServers, String registryUrl, String scoredTopic, String alertsTopic,
            String metricsTopic, int partitionCount) {
        this.scoredTopic = scoredTopic;
        this.alertsTopic = alertsTopic;
        this.metricsTopic = metricsTopic;
        Map<String, Object> serde = Map.of("schema.registry.url", registryUrl);
        this.scoredFlows = new ProtobufDeserializer<>(ScoredFlow.getDefaultInstance(), serde, false);
        this.modelMetrics = new ProtobufDeserializer<>(ModelMetrics.getDefaultInstance(), serde, false);
        List<TopicPartition> partitions = List.of(scoredTopic, alertsTopic, metricsTopic).stream()
                .flatMap(t -> IntStream.range(0, partitionCount).mapToObj(p -> new TopicPartition(t, p))).toList();
        this.follower = new TopicFollower(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                "tidewatch-demo-observer", partitions, "reading the pipeline's output", records -> {
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        take(r);
                    }
                });
    }

    private void take(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return;
        }
        try {
            if (r.topic().equals(scoredTopic)) {
                ScoredFlow f = scoredFlows.deserialize(r.topic(), r.value());
                synchronized (this) {
                    flows.add(f);
                }
                flowCount++;
            } else if (r.topic().equals(alertsTopic)) {
                synchronized (this) {
                    alerts.add(new String(r.value(), StandardCharsets.UTF_8));
                    // an alert is republished under its id as flows fold into it: count ids
                    alertIds.add(r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8));
                    alertCount = alertIds.size();
                }
            } else if (r.topic().equals(metricsTopic)) {
                ModelMetrics m = modelMetrics.deserialize(r.topic(), r.value());
                synchronized (this) {
                    metrics.add(m);
                }
            }
        } catch (RuntimeException e) {
            undecodable++;
        }
    }

    /**
     * Waits until the read position of every partition reaches {@code endOffsets}. Returns false on timeout; throws
     * if reading failed.
     */
    boolean awaitPositions(Map<TopicPartition, Long> endOffsets, Duration timeout) throws InterruptedException {
        return follower.awaitPositions(endOffsets, timeout);
    }

    long flowCount() {
        return flowCount;
    }

    long alertCount() {
        return alertCount;
    }

    long undecodable() {
        return undecodable;
    }

    synchronized List<ScoredFlow> flows() {
        return List.copyOf(flows);
    }

    /** Alert documents (ECS JSON) as published, updates of an alert included. */
    synchronized List<String> alerts() {
        return List.copyOf(alerts);
    }

    synchronized List<ModelMetrics> metrics() {
        return List.copyOf(metrics);
    }

    @Override
    public void close() {
        follower.close();
    }
}
