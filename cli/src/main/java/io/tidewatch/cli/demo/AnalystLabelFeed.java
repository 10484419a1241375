package io.tidewatch.cli.demo;

import io.tidewatch.cli.replay.ProbeFigures;
import io.tidewatch.cli.replay.Replay;
import io.tidewatch.cli.replay.ReplayListener;
import io.tidewatch.proto.v1.Label;
import io.tidewatch.proto.v1.Verdict;
import io.tidewatch.serde.ProtobufSerializer;
import io.tidewatch.streams.topology.Topics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays an analyst: once the capture is in Kafka, a seeded sample of the ground truth (about {@code fraction} of
 * the flows) goes to the labels topic as {@link Label} verdicts, each given some time after its flow ended (event
 * time, the record's timestamp), in the order an analyst would have given them.
 */
final class AnalystLabelFeed implements ReplayListener {

    /** An analyst's verdict comes this long after the flow ended, at the earliest. */
    static final long MIN_DELAY_NS = 30_000_000_000L;
    /** ...and at the latest. */
    static final long MAX_DELAY_NS = 180_000_000_000L;
    static final String SOURCE = "tidewatch demo: sampled ground truth";

    private final List<LabelRow> rows;
    private final double fraction;
    private final long seed;
    private volatile long sent;

    AnalystLabelFeed(List<LabelRow> rows, double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("label fraction " + fraction + ": expected a number in (0, 1]");
        }
        this.rows = List.copyOf(rows);
        this.fraction = fraction;
        this.seed = seed;
    }

    /** The labels this feed gives, in the order it gives them (deterministic for a seed). */
    List<Label> sample() {
        SplittableRandom random = new SplittableRandom(seed);
        List<Label> out = new ArrayList<>();
        for (LabelRow r : rows) {
            if (random.nextDouble() >= fraction) {
                continue;
            }
            long delay = MIN_DELAY_NS + (long) (random.nextDouble() * (MAX_DELAY_NS - MIN_DELAY_NS));
            out.add(Label.newBuilder().setCommunityId(r.communityId()).setStartNs(r.firstNs()).setEndNs(r.lastNs())
                    .setVerdict(r.malicious() ? Verdict.VERDICT_MALICIOUS : Verdict.VERDICT_BENIGN)
                    .setAttackClass(r.malicious() ? r.attack() : "").setSource(SOURCE).setConfidence(1.0)
                    .setLabelledAtMs((r.lastNs() + delay) / 1_000_000L).build());
        }
        out.sort(Comparator.comparingLong(Label::getLabelledAtMs));
        return out;
    }

    @Override
    public void onInputComplete(Replay replay, ProbeFigures probe) {
        List<Label> labels = sample();
        String topic = replay.topics().name(Topics.LABELS);
        try (KafkaProducer<String, Label> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, replay.stack().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.CLIENT_ID_CONFIG, "tidewatch-demo-analyst"),
                new StringSerializer(),
                new ProtobufSerializer<>(Map.of("schema.registry.url", replay.stack().schemaRegistryUrl()), false))) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(labels.size());
            for (Label l : labels) {
                acks.add(producer.send(new ProducerRecord<>(topic, null, l.getLabelledAtMs(), l.getCommunityId(), l)));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send labels to '" + topic + "': " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending labels to '" + topic + "'", e);
        }
        sent = labels.size();
    }

    /** Labels sent so far. */
    long sent() {
        return sent;
    }
}
