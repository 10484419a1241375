package io.tidewatch.cli.demo;

import io.tidewatch.cli.replay.ProbeFigures;
import io.tidewatch.cli.replay.Replay;
import io.tidewatch.cli.replay.ReplayListener;
import io.tidewatch.proto.v1.Label;
import io.tidewatch.serde.ProtobufSerializer;
import io.tidewatch.streams.labels.LabelFeed;
import io.tidewatch.streams.topology.Topics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays an analyst: once the capture is in Kafka, the streams app's {@link LabelFeed} (a seeded sample of the
 * ground truth, each verdict {@link #DELAY} after its flow ended, in event time) goes to the labels topic.
 */
final class AnalystLabelFeed implements ReplayListener {

    /** How long after a flow ended its verdict is given (event time): an analyst's turnaround. */
    static final Duration DELAY = Duration.ofMinutes(1);

    private final LabelFeed feed;
    private volatile long sent;

    AnalystLabelFeed(LabelFeed feed) {
        this.feed = feed;
    }

    @Override
    public void onInputComplete(Replay replay, ProbeFigures probe) {
        String topic = replay.topics().name(Topics.LABELS);
        try (KafkaProducer<String, Label> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, replay.stack().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.CLIENT_ID_CONFIG, "tidewatch-demo-analyst"),
                new StringSerializer(),
                new ProtobufSerializer<>(Map.of("schema.registry.url", replay.stack().schemaRegistryUrl()), false))) {
            long n = feed.sendTo(producer, topic);
            producer.flush();
            sent = n;
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot send labels to '" + topic + "': " + e.getMessage(), e);
        }
    }

    /** Labels sent. */
    long sent() {
        return sent;
    }
}
