package io.tidewatch.cli.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the ECS topic from the beginning, committed records only, and writes each flow document as one line of a
 * file, on its own thread from start to {@link #close()}. Records are keyed by flow id: a flow id already written
 * (a redelivery under at-least-once) is counted and skipped, so the file holds each flow once.
 */
public final class EcsJsonlWriter implements AutoCloseable {

    private final Path file;
    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Set<String> written = new HashSet<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile long lines;
    private volatile long duplicates;

    /** Starts reading every partition of {@code topic} (which must exist) into {@code file} (created or truncated). */
    public EcsJsonlWriter(String bootstrapServers, String topic, int partitionCount, Path file) {
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partitions of " + topic + ": expected at least 1, got " + partitionCount);
        }
        this.file = file;
        BufferedWriter out;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the flows file '" + file + "': " + e.getMessage(), e);
        }
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.CLIENT_ID_CONFIG, "tidewatch-replay-ecs-writer"),
                new StringDeserializer(), new StringDeserializer());
        this.partitions = java.util.stream.IntStream.range(0, partitionCount)
                .mapToObj(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(() -> run(out), "tidewatch-replay-ecs-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(BufferedWriter out) {
        try (out) {
            while (!stopping) {
                var records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<String, String> r : records) {
                    String id = r.key();
                    if (id != null && !written.add(id)) {
                        duplicates++;
                        continue;
                    }
                    out.write(r.value());
                    out.write('\n');
                    lines++;
                }
                if (!records.isEmpty()) {
                    out.flush();
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

    /**
     * Waits until every partition's read position reaches {@code endOffsets} (all documents up to there written and
     * flushed). Returns false on timeout; throws if reading or writing failed.
     */
    public boolean awaitPositions(Map<TopicPartition, Long> endOffsets, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Throwable t = failure.get();
            if (t != null) {
                throw new IllegalStateException("writing flows to '" + file + "' failed: " + t, t);
            }
            boolean done = endOffsets.entrySet().stream()
                    .allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
            if (done) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
    }

    /** Documents written so far (distinct flow ids). */
    public long lines() {
        return lines;
    }

    /** Redelivered documents skipped so far. */
    public long duplicates() {
        return duplicates;
    }

    public Path file() {
        return file;
    }

    /** Stops reading, then flushes and closes the file. */
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
