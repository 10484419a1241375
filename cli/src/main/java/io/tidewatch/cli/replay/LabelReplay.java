package io.tidewatch.cli.replay;

import io.tidewatch.proto.v1.Label;
import io.tidewatch.proto.v1.ModelMetrics;
import io.tidewatch.streams.labels.LabelFeed;
import io.tidewatch.streams.training.MetricsJson;
import io.tidewatch.streams.scoring.ScoringProcessor;
import io.tidewatch.streams.topology.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The labels side of a replay ({@code --labels}, {@code --label-delay}, {@code --label-rate}, {@code --metrics}):
 * once the stack is up, the sampled labels go to the labels topic, each stamped with the event time at which an
 * analyst would have given it (flow end + delay); at the end it waits until the app has trained on all of them and
 * writes the last progressive-validation metrics as JSON.
 */
public final class LabelReplay implements ReplayListener {

    private final LabelFeed feed;
    private final Path metricsFile;
    private final Duration timeout;
    private Map<TopicPartition, Long> labelOffsets;
    private ModelMetrics last;

    /**
     * Sends {@code feed} once the stack is up and, at the end, waits up to {@code timeout} for the app to have read
     * it; writes the last metrics to {@code metricsFile} unless that is null.
     */
    public LabelReplay(LabelFeed feed, Path metricsFile, Duration timeout) {
        this.feed = feed;
        this.metricsFile = metricsFile;
        this.timeout = timeout;
    }

    @Override
    public void onStarted(Replay replay) {
        Topics.Topic<String, Label> topic = replay.topics().labels();
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, replay.stack().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, Label> producer = new KafkaProducer<>(props, new StringSerializer(),
                topic.valueSerde().serializer())) {
            feed.sendTo(producer, topic.name());
            producer.flush();
        }
        labelOffsets = replay.endOffsets(topic.name());
    }

    @Override
    public void onFinished(Replay replay, ReplaySummary summary) {
        try {
            if (!replay.app().awaitProcessed(labelOffsets, timeout)) {
                throw new IllegalStateException("the streams app did not train on the " + feed.labels().size()
                        + " labels within " + timeout + " (replay.timeout)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the trainer", e);
        }
        last = lastMetrics(replay);
        if (metricsFile != null) {
            String json = last == null ? "{\"examples\":0,\"labels_sent\":" + feed.labels().size() + "}"
                    : MetricsJson.toJson(last);
            try {
                Files.writeString(metricsFile, json + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("--metrics " + metricsFile + ": " + e.getMessage(), e);
            }
        }
    }

    /** The last metrics record the trainer published, or null when it published none. */
    ModelMetrics last() {
        return last;
    }

    private static ModelMetrics lastMetrics(Replay replay) {
        Topics.Topic<String, ModelMetrics> topic = replay.topics().modelMetrics();
        Map<TopicPartition, Long> end = replay.endOffsets(topic.name());
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, replay.stack().bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        ModelMetrics last = null;
        try (KafkaConsumer<String, ModelMetrics> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> parts = List.copyOf(end.keySet());
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic.name() + " to its end within a minute");
                }
                for (ConsumerRecord<String, ModelMetrics> r : consumer.poll(Duration.ofMillis(200))) {
                    // The scorers' score-distribution drift events share the topic: only the trainer's records count.
                    if (r.value() != null && !r.value().getModelId().startsWith(ScoringProcessor.UNSUPERVISED_PREFIX)
                            && (last == null || r.value().getExamples() >= last.getExamples())) {
                        last = r.value();
                    }
                }
            }
        }
        return last;
    }
}
