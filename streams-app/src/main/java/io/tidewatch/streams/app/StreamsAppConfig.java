package io.tidewatch.streams.app;

import io.tidewatch.config.Settings;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams properties of the app: every {@code kafka.*} setting passed through unchanged (security,
 * client tuning, {@code num.standby.replicas}, {@code processing.guarantee}, {@code state.dir}, ...), then what
 * the app itself needs: its dead-letter handler, the bounded RocksDB memory and sensible defaults.
 *
 * <p>App keys: {@code streams.rocksdb.memory.bytes} (shared RocksDB budget, default 128 MiB),
 * {@code streams.rocksdb.write.buffer.ratio} (default 0.25), {@code streams.thread.replacements.max} (default 3).
 */
public final class StreamsAppConfig {

    public static final String DEFAULT_APPLICATION_ID = "tidewatch-streams";

    private StreamsAppConfig() {
    }

    public static Properties properties(Settings settings, String deadLetterTopic, LongAdder deadLetterCounter) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName());
        p.putAll(settings.kafkaProperties());

        Object bootstrap = p.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrap == null || bootstrap.toString().isBlank()) {
            throw new IllegalArgumentException("setting 'kafka.bootstrap.servers' is required (set it in the config file, as "
                    + Settings.keyToEnv("kafka.bootstrap.servers") + ", or with --bootstrap-servers)");
        }
        String guarantee = p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG).toString().trim().toLowerCase(Locale.ROOT);
        if (!guarantee.equals(StreamsConfig.AT_LEAST_ONCE) && !guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2)) {
            throw new IllegalArgumentException("kafka.processing.guarantee='" + guarantee + "': expected "
                    + StreamsConfig.AT_LEAST_ONCE + " or " + StreamsConfig.EXACTLY_ONCE_V2);
        }
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);

        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        p.put(DeadLetterHandler.TOPIC_CONFIG, deadLetterTopic);
        p.put(DeadLetterHandler.COUNTER_CONFIG, deadLetterCounter);
        p.put(BoundedRocksDbConfig.MEMORY_CONFIG, Long.toString(
                settings.getLong("streams.rocksdb.memory.bytes", BoundedRocksDbConfig.DEFAULT_MEMORY)));
        p.put(BoundedRocksDbConfig.WRITE_BUFFER_RATIO_CONFIG, Double.toString(
                settings.getDouble("streams.rocksdb.write.buffer.ratio", 0.25)));
        // Fail on unknown or malformed values now, with Kafka's own message, rather than at start().
        BoundedRocksDbConfig.budget(castMap(p));
        BoundedRocksDbConfig.writeRatio(castMap(p));
        new StreamsConfig(p);
        return p;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static java.util.Map<String, Object> castMap(Properties p) {
        return (java.util.Map) p;
    }
}
