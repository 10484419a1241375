package io.tidewatch.cli.replay;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the ECS topic from the beginning, committed records only, and writes each flow document as one line of a
 * file, on its own thread from start to {@link #close()}. Records are keyed by flow id: a flow id already written
 * (a redelivery under at-least-once) is counted and skipped, so the file holds each flow once.
 */
public final class EcsJsonlWriter implements AutoCloseable {

    private final Path file;
    private final Set<String> written = new HashSet<>();
    private final TopicFollower follower;
    private volatile long lines;
    private volatile long duplicates;

    /** Starts reading every partition of {@code topic} (which must exist) into {@code file} (created or truncated). */
    public EcsJsonlWriter(String bootstrapServers, String topic, int partitionCount, Path file) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic, partitionCount, file);
    }

    /**
     * As {@link #EcsJsonlWriter(String, String, int, Path)} with a client configuration holding the bootstrap servers
     * and any security settings (SASL, TLS) the cluster needs.
     */
    public EcsJsonlWriter(Map<String, Object> client, String topic, int partitionCount, Path file) {
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partitions of " + topic + ": expected at least 1, got " + partitionCount);
        }
        this.file = file;
        // The documents are UTF-8 on the topic and in the file: copied as bytes, not decoded and encoded again.
        OutputStream out;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the flows file '" + file + "': " + e.getMessage(), e);
        }
        List<TopicPartition> partitions = IntStream.range(0, partitionCount)
                .mapToObj(p -> new TopicPartition(topic, p)).toList();
        this.follower = new TopicFollower(client, "tidewatch-replay-ecs-writer", partitions,
                "writing flows to '" + file + "'", new TopicFollower.Handler() {
                    @Override
                    public void onBatch(ConsumerRecords<byte[], byte[]> records) throws IOException {
                        write(records, out);
                    }

                    @Override
                    public void stopped() throws IOException {
                        out.close();
                    }
                });
    }

    private void write(ConsumerRecords<byte[], byte[]> records, OutputStream out) throws IOException {
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String id = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
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
    }

    /**
     * Waits until every partition's read position reaches {@code endOffsets} (all documents up to there written and
     * flushed). Returns false on timeout; throws if reading or writing failed.
     */
    public boolean awaitPositions(Map<TopicPartition, Long> endOffsets, Duration timeout) throws InterruptedException {
        return follower.awaitPositions(endOffsets, timeout);
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
        follower.close();
    }
}
