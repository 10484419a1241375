package io.tidewatch.cli.replay;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads partitions from the beginning, committed records only, on a thread of its own from construction to
 * {@link #close()}, handing each polled batch to a {@link Handler}, and keeps every partition's read position so a
 * caller can wait until the output up to known end offsets has been handled. The replay's file writer and the
 * demo's observer both read the pipeline's output this way.
 */
public final class TopicFollower implements AutoCloseable {

    /** What to do with what was read; runs on the follower's thread. */
    public interface Handler {

        /** Handles one polled batch; an exception stops the follower and surfaces in {@link #awaitPositions}. */
        void onBatch(ConsumerRecords<byte[], byte[]> records) throws Exception;

        /** Runs on the follower's thread once it stops reading (release what {@link #onBatch} used). */
        default void stopped() throws Exception {
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Handler handler;
    private final String what;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * Starts following {@code partitions}; {@code client} holds the bootstrap servers and any security settings,
     * {@code what} names the work in failure messages (e.g. "writing flows to 'out.jsonl'").
     */
    public TopicFollower(Map<String, Object> client, String clientId, List<TopicPartition> partitions, String what,
            Handler handler) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.partitions = List.copyOf(partitions);
        this.handler = handler;
        this.what = what;
        consumer.assign(this.partitions);
        consumer.seekToBeginning(this.partitions);
        this.thread = new Thread(this::run, clientId);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!stopping) {
                handler.onBatch(consumer.poll(Duration.ofMillis(100)));
                for (TopicPartition tp : partitions) {
                    positions.put(tp, consumer.position(tp));
                }
            }
        } catch (WakeupException e) {
            // close() woke the poll: stop.
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        } finally {
            try {
                handler.stopped();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /**
     * Waits until every partition's read position reaches {@code endOffsets} (all records before them handled).
     * Returns false on timeout; throws if reading or handling failed.
     */
    public boolean awaitPositions(Map<TopicPartition, Long> endOffsets, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Throwable t = failure.get();
            if (t != null) {
                throw new IllegalStateException(what + " failed: " + t, t);
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

    /** Stops reading and waits for the follower's thread to finish. */
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
