package io.tidewatch.cli.demo;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what the pipeline published, as any consumer of it would: the scored flows, the alerts and the model
 * metrics, from the beginning, committed records only, on a thread of its own from construction to {@link #close()}.
 * Records that do not decode are counted and skipped.
 */
final class PipelineObserver implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final ProtobufDeserializer<ScoredFlow> scoredFlows;
    private final ProtobufDeserializer<ModelMetrics> modelMetrics;
    private final String scoredTopic;
    private final String alertsTopic;
    private final String metricsTopic;
    private final List<ScoredFlow> flows = new ArrayList<>();
    private final List<String> alerts = new ArrayList<>();
    private final Set<String> alertIds = new HashSet<>();
    private final List<ModelMetrics> metrics = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stopping;
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
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.CLIENT_ID_CONFIG, "tidewatch-demo-observer"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.partitions = List.of(scoredTopic, alertsTopic, metricsTopic).stream()
                .flatMap(t -> IntStream.range(0, partitionCount).mapToObj(p -> new TopicPartition(t, p))).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "tidewatch-demo-observer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!stopping) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    take(r);
                }
                for (TopicPartition tp : partitions) {
                    positions.put(tp, consumer.position(tp));
                }
            }
        } catch (WakeupException e) {
            // close() woke the poll: stop.
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
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
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Throwable t = failure.get();
            if (t != null) {
                throw new IllegalStateException("reading the pipeline's output failed: " + t, t);
            }
            if (endOffsets.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
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
        stopping = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
