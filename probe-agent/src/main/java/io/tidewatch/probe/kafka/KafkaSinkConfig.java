package io.tidewatch.probe.kafka;

import io.tidewatch.config.Settings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Everything the Kafka sink needs, read from the probe's {@link Settings}.
 *
 * <p>The producer gets throughput-minded defaults (idempotent, acks=all, lz4, 20 ms linger, 256 KiB batches, and a
 * short {@code max.block.ms} so a send never holds the sender long), and then every {@code kafka.*} setting
 * unchanged on top: whatever a deployment sets (SASL_SSL, mTLS key stores, {@code compression.type=zstd}) wins.
 * The serde gets every registry setting under Confluent's names ({@code schema.registry.*}, {@code basic.auth.*},
 * {@code bearer.auth.*}, {@code auto.register.schemas}, {@code use.latest.version}).
 *
 * @param topic          the packet-dynamics topic: {@code topics.packet-dynamics}, else {@code topics.prefix}
 *                       (default {@code tidewatch.}) followed by {@code packet-dynamics}
 * @param producer       the producer's configuration
 * @param serde          the schema-registry serde's configuration
 * @param queueBatches   most batches waiting between capture and sender ({@code probe.queue.max.batches})
 * @param queueBytes     most bytes waiting, by serialized size ({@code probe.queue.max.bytes})
 * @param stopFlush      how long a stop may spend delivering what is queued ({@code probe.stop.flush.ms})
 * @param queueWait      how long the capture thread waits for room in a full queue before it drops a batch
 *                       ({@code probe.queue.wait.ms}; by default a minute for a file read as fast as possible,
 *                       none for live capture or a file replayed at capture pace)
 */
public record KafkaSinkConfig(String topic, Map<String, Object> producer, Map<String, Object> serde,
        int queueBatches, long queueBytes, Duration stopFlush, Duration queueWait) {

    public static final String TOPICS_PREFIX = "topics.prefix";
    public static final String DEFAULT_PREFIX = "tidewatch.";
    public static final String PACKET_DYNAMICS = "packet-dynamics";
    public static final String TOPIC = "topics." + PACKET_DYNAMICS;
    public static final String QUEUE_BATCHES = "probe.queue.max.batches";
    public static final String QUEUE_BYTES = "probe.queue.max.bytes";
    public static final String STOP_FLUSH_MS = "probe.stop.flush.ms";
    public static final String QUEUE_WAIT_MS = "probe.queue.wait.ms";
    public static final String BOOTSTRAP = "kafka." + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG;
    public static final String REGISTRY_URL = "schema.registry.url";

    public static final int DEFAULT_QUEUE_BATCHES = 65_536;
    public static final long DEFAULT_QUEUE_BYTES = 64L << 20;
    public static final long DEFAULT_STOP_FLUSH_MS = 10_000;
    /**
     * A file read as fast as possible is read as fast as the broker takes it: read faster, a 1.3M-packet capture
     * lost a fifth to a quarter of its batches to the full queue against a local broker. Live capture never waits
     * (the kernel buffer would overflow instead, and a counted drop says more than an uncounted kernel one).
     */
    public static final long DEFAULT_FILE_QUEUE_WAIT_MS = 60_000;

    private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public KafkaSinkConfig {
        if (topic == null || !LEGAL_TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException("topic name '" + topic + "': expected 1..249 characters of a-z, A-Z, "
                    + "0-9, '.', '_' or '-' (check " + TOPICS_PREFIX + " and " + TOPIC + ")");
        }
        if (producer == null || producer.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) == null
                || producer.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG).toString().isBlank()) {
            throw new IllegalArgumentException("Kafka output needs bootstrap servers: set --bootstrap-servers, "
                    + BOOTSTRAP + " in the config file or " + Settings.keyToEnv(BOOTSTRAP));
        }
        if (serde == null || serde.get(REGISTRY_URL) == null || serde.get(REGISTRY_URL).toString().isBlank()) {
            throw new IllegalArgumentException("Kafka output needs a schema registry: set --schema-registry-url, "
                    + REGISTRY_URL + " in the config file or " + Settings.keyToEnv(REGISTRY_URL));
        }
        if (queueBatches < 1) {
            throw new IllegalArgumentException("setting " + QUEUE_BATCHES + "=" + queueBatches + ": expected at least 1");
        }
        if (queueBytes < 1) {
            throw new IllegalArgumentException("setting " + QUEUE_BYTES + "=" + queueBytes + ": expected at least 1");
        }
        if (stopFlush == null || stopFlush.isNegative()) {
            throw new IllegalArgumentException("setting " + STOP_FLUSH_MS + "=" + stopFlush + ": expected 0 or more ms");
        }
        if (queueWait == null || queueWait.isNegative()) {
            throw new IllegalArgumentException("setting " + QUEUE_WAIT_MS + "=" + (queueWait == null ? null
                    : queueWait.toMillis()) + ": expected 0 or more ms");
        }
        producer = Map.copyOf(producer);
        serde = Map.copyOf(serde);
    }

    /** The sink's configuration for live capture from the probe's settings; names the missing or bad setting. */
    public static KafkaSinkConfig from(Settings settings) {
        return from(settings, false);
    }

    /**
     * As {@link #from(Settings)}, for a capture file read as fast as possible when {@code captureFile} (the queue's
     * default wait differs).
     */
    public static KafkaSinkConfig from(Settings settings, boolean captureFile) {
        String topic = settings.getString(TOPIC, settings.getString(TOPICS_PREFIX, DEFAULT_PREFIX) + PACKET_DYNAMICS);
        return new KafkaSinkConfig(topic, producerProperties(settings), serdeProperties(settings),
                settings.getInt(QUEUE_BATCHES, DEFAULT_QUEUE_BATCHES),
                settings.getLong(QUEUE_BYTES, DEFAULT_QUEUE_BYTES),
                Duration.ofMillis(settings.getLong(STOP_FLUSH_MS, DEFAULT_STOP_FLUSH_MS)),
                Duration.ofMillis(settings.getLong(QUEUE_WAIT_MS, captureFile ? DEFAULT_FILE_QUEUE_WAIT_MS : 0)));
    }

    /** The probe's producer defaults overlaid with every {@code kafka.*} setting, unchanged. */
    public static Map<String, Object> producerProperties(Settings settings) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Batches are a few hundred bytes each; a short linger and large batches amortize requests at line rate.
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(32L << 20));
        // send() waits at most this for metadata or buffer space; the probe's own queue absorbs longer outages.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "200");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "tidewatch-probe");
        p.putAll(settings.kafkaProperties());
        return p;
    }

    /** The registry settings, under the names the serde (and Confluent's) reads. */
    public static Map<String, Object> serdeProperties(Settings settings) {
        Map<String, Object> out = new LinkedHashMap<>();
        settings.asMap().forEach((k, v) -> {
            if (k.startsWith("schema.registry.") || k.startsWith("basic.auth.") || k.startsWith("bearer.auth.")
                    || k.equals("auto.register.schemas") || k.equals("use.latest.version")) {
                out.put(k, v);
            }
        });
        return out;
    }
}
