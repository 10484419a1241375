package io.tidewatch.streams.app;

import io.tidewatch.config.Settings;
import io.tidewatch.streams.flow.FlowAssemblyConfig;
import io.tidewatch.streams.topology.Topics;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams properties of the app: every {@code kafka.*} setting passed through unchanged (security,
 * client tuning, {@code num.standby.replicas}, {@code processing.guarantee}, {@code state.dir}, ...), then what
 * the app itself needs: its dead-letter handler, the bounded RocksDB memory and sensible defaults.
 *
 * <p>App keys: {@code streams.rocksdb.memory.bytes} (shared RocksDB budget, default 128 MiB),
 * {@code streams.rocksdb.write.buffer.ratio} (default 0.25), {@code streams.thread.replacements.max} (default 3);
 * {@link #knownKeys()} lists every key the app reads.
 */
public final class StreamsAppConfig {

    public static final String DEFAULT_APPLICATION_ID = "tidewatch-streams";

    public static final String ROCKSDB_MEMORY = "streams.rocksdb.memory.bytes";
    public static final String ROCKSDB_WRITE_BUFFER_RATIO = "streams.rocksdb.write.buffer.ratio";
    public static final String THREAD_REPLACEMENTS = "streams.thread.replacements.max";
    public static final String CLOSE_TIMEOUT = "streams.close.timeout";
    /** How long the start waits for the cluster to list its topics (the required-topics check). */
    public static final String TOPICS_CHECK_TIMEOUT = "streams.topics.check.timeout";
    /** How long host context is kept; read by the topology's host-context stage ({@code FlowTopology.Options}). */
    public static final String HOST_RETENTION = "host.retention";

    /**
     * Prefixes of keys handed on unchanged: {@code kafka.*} to Kafka Streams and its clients, the registry's
     * ({@code schema.registry.*}, {@code basic.auth.*}, {@code bearer.auth.*}) to the schema-registry serdes.
     */
    public static final Set<String> PASSTHROUGH_PREFIXES = Set.of(Settings.KAFKA_PREFIX, "schema.registry.",
            "basic.auth.", "bearer.auth.");

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
                settings.getLong(ROCKSDB_MEMORY, BoundedRocksDbConfig.DEFAULT_MEMORY)));
        p.put(BoundedRocksDbConfig.WRITE_BUFFER_RATIO_CONFIG, Double.toString(
                settings.getDouble(ROCKSDB_WRITE_BUFFER_RATIO, 0.25)));
        // Fail on unknown or malformed values now, with Kafka's own message, rather than at start().
        BoundedRocksDbConfig.budget(castMap(p));
        BoundedRocksDbConfig.writeRatio(castMap(p));
        new StreamsConfig(p);
        return p;
    }

    /**
     * Every setting key the streams app reads by name (prefixed pass-through keys aside, see
     * {@link #PASSTHROUGH_PREFIXES}): what a deployment may set, e.g. to check a container's {@code TIDEWATCH_*}
     * variables against it.
     */
    public static Set<String> knownKeys() {
        Set<String> keys = new TreeSet<>(FlowAssemblyConfig.KEYS);
        keys.addAll(io.tidewatch.streams.scoring.ScoringConfig.KEYS);
        keys.addAll(io.tidewatch.streams.alerts.AlertConfig.KEYS);
        keys.addAll(io.tidewatch.streams.scoring.drift.ScoreDriftConfig.KEYS);
        keys.addAll(io.tidewatch.streams.scoring.exchange.ModelExchangeConfig.KEYS);
        keys.addAll(List.of(ROCKSDB_MEMORY, ROCKSDB_WRITE_BUFFER_RATIO, THREAD_REPLACEMENTS, CLOSE_TIMEOUT,
                HOST_RETENTION, TOPICS_CHECK_TIMEOUT, Topics.PREFIX_KEY, "auto.register.schemas", "use.latest.version"));
        keys.addAll(io.tidewatch.streams.rest.RestSettings.KEYS);
        for (String logical : Topics.LOGICAL) {
            // Topics reads "topics.<logical name>" for a name that replaces "<prefix><logical name>".
            keys.add("topics." + logical);
        }
        return Collections.unmodifiableSet(keys);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static java.util.Map<String, Object> castMap(Properties p) {
        return (java.util.Map) p;
    }
}
