package io.tidewatch.localstack;

import io.tidewatch.localstack.broker.BrokerSettings;
import io.tidewatch.localstack.broker.EmbeddedKafkaBroker;
import io.tidewatch.localstack.registry.EmbeddedSchemaRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The embedded broker and schema registry started together, as the replay, the broker command and integration tests
 * use them: one object to start, ask for addresses, create topics on, and close (registry first, then the broker, the
 * reverse of the start order).
 */
public final class LocalStack implements AutoCloseable {

    /**
     * Topic configuration of topics created here. Records carry event time (a capture can be years old), so
     * time-based retention would delete them as soon as the broker's retention check runs.
     */
    public static final Map<String, String> TOPIC_CONFIG = Map.of("retention.ms", "-1");

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;
    private boolean closed;

    private LocalStack(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    /** A stack on free loopback ports, with a temporary log directory deleted on close. */
    public static LocalStack start() {
        return start(BrokerSettings.defaults(), 0);
    }

    /**
     * Starts the broker with {@code brokerSettings}, then the registry on {@code registryPort} (0 for a free one).
     * If the registry cannot start, the broker is closed before the error is thrown.
     */
    public static LocalStack start(BrokerSettings brokerSettings, int registryPort) {
        return start(brokerSettings, registryPort, null);
    }

    /**
     * As {@link #start(BrokerSettings, int)}, the registry answering 401 to requests without the HTTP basic
     * credentials {@code registryUserInfo} ({@code user:password}; null for an open registry).
     */
    public static LocalStack start(BrokerSettings brokerSettings, int registryPort, String registryUserInfo) {
        return start(brokerSettings, registryPort, registryUserInfo, null);
    }

    /**
     * As {@link #start(BrokerSettings, int, String)}, the registry serving HTTPS with {@code registryTls} (its key
     * manager holds the server certificate) when that is not null.
     */
    public static LocalStack start(BrokerSettings brokerSettings, int registryPort, String registryUserInfo,
            SSLContext registryTls) {
        Objects.requireNonNull(brokerSettings, "brokerSettings");
        if (registryPort < 0 || registryPort > 65535) {
            throw new IllegalArgumentException("registry port " + registryPort + ": expected 0 (a free port) to 65535");
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.launch(brokerSettings);
        try {
            return new LocalStack(broker, new EmbeddedSchemaRegistry(registryPort, registryUserInfo, registryTls).start());
        } catch (RuntimeException e) {
            try {
                broker.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    public EmbeddedSchemaRegistry registry() {
        return registry;
    }

    /**
     * An admin client on this stack's broker, logged in as the broker's readiness check is (its client properties:
     * a secured listener needs them); the caller closes it.
     */
    public Admin admin() {
        Map<String, Object> config = new HashMap<>(broker.settings().clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(config);
    }

    /**
     * Creates {@code names} with {@code partitions} partitions each (replication 1, {@link #TOPIC_CONFIG}) and waits
     * until they exist. A topic that already exists is left as it is.
     */
    public void createTopics(Collection<String> names, int partitions) {
        if (names == null || names.isEmpty() || names.stream().anyMatch(n -> n == null || n.isBlank())) {
            throw new IllegalArgumentException("topic names: expected a non-empty list of non-blank names, got " + names);
        }
        Map<String, Map<String, String>> configs = new java.util.LinkedHashMap<>();
        names.forEach(n -> configs.put(n, Map.of()));
        createTopics(configs, partitions);
    }

    /**
     * Creates each topic of {@code configsByName} with {@code partitions} partitions (replication 1) and its own
     * configs over {@link #TOPIC_CONFIG} (e.g. {@code cleanup.policy=compact}: the application that owns the topics
     * says what each needs, this stack only creates them), and waits until they exist. A topic that already exists
     * is left as it is.
     */
    public void createTopics(Map<String, Map<String, String>> configsByName, int partitions) {
        if (configsByName == null || configsByName.isEmpty()
                || configsByName.keySet().stream().anyMatch(n -> n == null || n.isBlank())) {
            throw new IllegalArgumentException("topic names: expected a non-empty list of non-blank names, got "
                    + (configsByName == null ? null : configsByName.keySet()));
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions " + partitions + ": expected at least 1");
        }
        List<NewTopic> topics = new ArrayList<>();
        configsByName.forEach((name, own) -> {
            Map<String, String> config = new HashMap<>(TOPIC_CONFIG);
            config.putAll(own == null ? Map.of() : own);
            topics.add(new NewTopic(name, partitions, (short) 1).configs(config));
        });
        try (Admin admin = admin()) {
            var results = admin.createTopics(topics).values();
            for (var entry : results.entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic '" + entry.getKey() + "' on "
                                + bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + configsByName.keySet(), e);
        }
    }

    /**
     * The end offset of every partition of each of {@code topics} (their partitions read from the broker, so a
     * caller need not know how many there are): what a consumer or the streams app must reach to have read all
     * that was written so far.
     */
    public Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        if (topics == null || topics.isEmpty() || topics.stream().anyMatch(n -> n == null || n.isBlank())) {
            throw new IllegalArgumentException("topic names: expected a non-empty list of non-blank names, got " + topics);
        }
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions()
                    .forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> out = new TreeMap<>(
                    Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
            admin.listOffsets(request).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topics + " on " + bootstrapServers()
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the end offsets of " + topics, e);
        }
    }

    /** {@link #endOffsets(Collection)} of one topic. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        return endOffsets(List.of(topic));
    }

    /** Closes the registry, then the broker (deleting a temporary log directory). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            registry.close();
        } finally {
            broker.close();
        }
    }
}
