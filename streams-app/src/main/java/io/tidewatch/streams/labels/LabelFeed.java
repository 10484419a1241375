package io.tidewatch.streams.labels;

import io.tidewatch.proto.v1.Label;
import io.tidewatch.proto.v1.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Labels from the synthesizer's ground-truth CSV ({@code community_id,src_ip,src_port,dst_ip,dst_port,proto,
 * first_ts,last_ts,label,attack,packets,ip_bytes}, times in epoch seconds), as an analyst would give them: a
 * sample of the flows at {@code rate} (seeded, so a replay is repeatable), each verdict available {@code delay}
 * after its flow ended. Each label's record timestamp is that availability time, so the label stage, which works in
 * event time, meets it when the capture's clock gets there. Rows that cannot be read are counted and skipped.
 */
public final class LabelFeed {

    static final String HEADER_START = "community_id,";

    /** A label and the event time (epoch ms) at which it becomes available. */
    public record TimedLabel(long availableAtMs, Label label) {
    }

    private final List<TimedLabel> labels;
    private final long rows;
    private final long badRows;

    private LabelFeed(List<TimedLabel> labels, long rows, long badRows) {
        this.labels = List.copyOf(labels);
        this.rows = rows;
        this.badRows = badRows;
    }

    /**
     * Reads {@code csv}, keeps each row with probability {@code rate} (a {@link Random} seeded with {@code seed}),
     * and orders the kept labels by availability time.
     */
    public static LabelFeed read(Path csv, double rate, Duration delay, long seed) {
        if (csv == null || !Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("labels file " + csv + ": not found or not a regular file "
                    + "(expected the synthesizer's labels CSV)");
        }
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("label rate " + rate + ": expected a number in (0, 1]");
        }
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("label delay " + delay + ": expected a duration >= 0");
        }
        Random sampler = new Random(seed);
        List<TimedLabel> out = new ArrayList<>();
        long rows = 0;
        long bad = 0;
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.US_ASCII)) {
            String header = in.readLine();
            if (header == null || !header.startsWith(HEADER_START)) {
                throw new IllegalArgumentException("labels file " + csv + ": expected a header starting with '"
                        + HEADER_START + "', got " + (header == null ? "an empty file" : "'" + header + "'"));
            }
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                rows++;
                // Draw for every row, kept or not, so the sample does not depend on which rows are malformed.
                boolean keep = sampler.nextDouble() < rate;
                Label label = parse(line);
                if (label == null) {
                    bad++;
                    continue;
                }
                if (keep) {
                    long availableMs = Math.floorDiv(label.getEndNs(), 1_000_000L) + delay.toMillis();
                    out.add(new TimedLabel(availableMs, label.toBuilder().setLabelledAtMs(availableMs).build()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("labels file " + csv + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparingLong(TimedLabel::availableAtMs));
        return new LabelFeed(out, rows, bad);
    }

    /** One CSV row as a label, or null when the row is malformed. */
    static Label parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length < 10 || f[0].isEmpty()) {
            return null;
        }
        try {
            long first = new BigDecimal(f[6]).movePointRight(9).longValueExact();
            long last = new BigDecimal(f[7]).movePointRight(9).longValueExact();
            if (first <= 0 || last < first) {
                return null;
            }
            boolean malicious;
            if (f[8].equals("1")) {
                malicious = true;
            } else if (f[8].equals("0")) {
                malicious = false;
            } else {
                return null;
            }
            return Label.newBuilder().setCommunityId(f[0]).setStartNs(first).setEndNs(last)
                    .setVerdict(malicious ? Verdict.VERDICT_MALICIOUS : Verdict.VERDICT_BENIGN)
                    .setAttackClass(malicious ? f[9] : "").setSource("synthesizer-ground-truth").setConfidence(1.0)
                    .build();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** The sampled labels, by availability time. */
    public List<TimedLabel> labels() {
        return labels;
    }

    /** Data rows in the file. */
    public long rows() {
        return rows;
    }

    /** Rows that could not be read (skipped). */
    public long badRows() {
        return badRows;
    }

    /**
     * Sends every label to {@code topic} with its availability time as record timestamp, keyed by community id;
     * returns how many were sent. The caller flushes or closes the producer.
     */
    public long sendTo(Producer<String, Label> producer, String topic) {
        if (producer == null || topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("label feed: expected a producer and a topic name, got "
                    + producer + " and '" + topic + "'");
        }
        for (TimedLabel t : labels) {
            producer.send(new ProducerRecord<>(topic, null, t.availableAtMs(), t.label().getCommunityId(), t.label()));
        }
        return labels.size();
    }
}
