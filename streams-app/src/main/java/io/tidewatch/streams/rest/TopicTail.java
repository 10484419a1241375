package io.tidewatch.streams.rest;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows a few topics with a plain consumer on a daemon thread: no consumer group, nothing committed, not part of
 * the topology (so it cannot clash with the stages that consume the same topics), every partition, from the
 * beginning or from the last N records of each partition. Topics that do not exist yet are looked for again every
 * 10 s. What the REST feeds read the trainer's and the scorer's outputs with.
 */
final class TopicTail implements AutoCloseable {

    /** Read a topic from its beginning (a compacted topic: the latest value of every key). */
    static final long FROM_BEGINNING = -1;

    private final Map<String, Long> tails;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private boolean started;
    private volatile Set<String> found = Set.of();

    /**
     * @param tails topic name to how many of each partition's last records to read first ({@link #FROM_BEGINNING})
     * @param kafka the app's {@code kafka.*} settings; only the consumer's own keys are used (bootstrap, security)
     */
    TopicTail(String name, Map<String, Long> tails, Map<String, Object> kafka,
            Consumer<ConsumerRecord<String, byte[]>> handler) {
        this.tails = Map.copyOf(tails);
        this.handler = handler;
        Map<String, Object> props = new HashMap<>();
        Set<String> known = ConsumerConfig.configNames();
        kafka.forEach((k, v) -> {
            if (known.contains(k) && !k.equals(ConsumerConfig.GROUP_ID_CONFIG)) {
                props.put(k, v);
            }
        });
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    synchronized void start() {
        started = true;
        thread.start();
    }

    private void run() {
        try {
            Set<TopicPartition> assigned = Set.of();
            long nextLookNs = 0;
            while (running.get()) {
                if (System.nanoTime() >= nextLookNs) {
                    Set<TopicPartition> now = partitions();
                    if (!now.equals(assigned)) {
                        assign(assigned, now);
                        assigned = now;
                        found = now.stream().map(TopicPartition::topic).collect(java.util.stream.Collectors.toSet());
                    }
                    nextLookNs = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(500);
                    continue;
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    handler.accept(r);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // Closing.
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private Set<TopicPartition> partitions() {
        Set<TopicPartition> out = new HashSet<>();
        Map<String, List<PartitionInfo>> all = consumer.listTopics(Duration.ofSeconds(10));
        for (String topic : tails.keySet()) {
            List<PartitionInfo> infos = all.get(topic);
            if (infos != null) {
                infos.forEach(p -> out.add(new TopicPartition(topic, p.partition())));
            }
        }
        return out;
    }

    private void assign(Set<TopicPartition> before, Set<TopicPartition> now) {
        consumer.assign(now);
        List<TopicPartition> fresh = now.stream().filter(tp -> !before.contains(tp)).toList();
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(fresh);
        Map<TopicPartition, Long> end = consumer.endOffsets(fresh);
        for (TopicPartition tp : fresh) {
            long tail = tails.get(tp.topic());
            consumer.seek(tp, tail == FROM_BEGINNING ? begin.get(tp) : Math.max(begin.get(tp), end.get(tp) - tail));
        }
    }

    /** Whether {@code topic} exists (as of the last look, every 10 s). */
    boolean found(String topic) {
        return found.contains(topic);
    }

    @Override
    public void close() {
        running.set(false);
        boolean wasStarted;
        synchronized (this) {
            wasStarted = started;
        }
        if (!wasStarted) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
