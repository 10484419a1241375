package io.tidewatch.localstack;

import io.tidewatch.localstack.broker.BrokerSettings;
import io.tidewatch.localstack.broker.EmbeddedKafkaBroker;
import io.tidewatch.localstack.registry.EmbeddedSchemaRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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
        Objects.requireNonNull(brokerSettings, "brokerSettings");
        if (registryPort < 0 || registryPort > 65535) {
            throw new IllegalArgumentException("registry port " + registryPort + ": expected 0 (a free port) to 65535");
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.launch(brokerSettings);
        try {
            return new LocalStack(broker, new EmbeddedSchemaRegistry(registryPort).start());
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

    /** An admin client on this stack's broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /**
     * Creates {@code names} with {@code partitions} partitions each (replication 1, {@link #TOPIC_CONFIG}) and waits
     * until they exist. A topic that already exists is left as it is.
     */
    public void createTopics(Collection<String> names, int partitions) {
        if (names == null || names.isEmpty() || names.stream().anyMatch(n -> n == null || n.isBlank())) {
            throw new IllegalArgumentException("topic names: expected a non-empty list of non-blank names, got " + names);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions " + partitions + ": expected at least 1");
        }
        Set<String> distinct = new LinkedHashSet<>(names);
        List<NewTopic> topics = new ArrayList<>();
        for (String name : distinct) {
            topics.add(new NewTopic(name, partitions, (short) 1).configs(TOPIC_CONFIG));
        }
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
            throw new IllegalStateException("interrupted while creating topics " + distinct, e);
        }
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
