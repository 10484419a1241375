package io.tidewatch.localstack.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an {@link EmbeddedKafkaBroker} should look like: ports, log directory, topic defaults and any extra broker
 * properties. Immutable; build one with {@link #builder()}. Every setter validates its argument and names the bad
 * value, so a wrong flag fails before a broker is half started.
 *
 * <p>The broker always has two listeners on loopback: {@value #BROKER_LISTENER} (clients, and inter-broker traffic)
 * and {@value #CONTROLLER_LISTENER} (the KRaft quorum). Both are PLAINTEXT unless {@code listener.security.protocol.map}
 * is overridden through {@link Builder#brokerProperty}, e.g. {@code BROKER:SASL_SSL,CONTROLLER:PLAINTEXT} together
 * with {@code listener.name.broker.*} settings; {@link Builder#scramCredential} then seeds SCRAM users at format time
 * and {@link Builder#clientProperty} tells the readiness check how to log in.
 */
public final class BrokerSettings {

    /** Name of the client-facing listener; use it in {@code listener.name.broker.*} overrides. */
    public static final String BROKER_LISTENER = "BROKER";
    /** Name of the KRaft controller listener. */
    public static final String CONTROLLER_LISTENER = "CONTROLLER";

    /**
     * Properties the broker derives from the other settings. Overriding them would make {@link
     * EmbeddedKafkaBroker#bootstrapServers()} or a restart on the same ports and directory lie, so they are refused.
     */
    static final Set<String> MANAGED_PROPERTIES = Set.of(
            "process.roles", "node.id", "broker.id", "listeners", "advertised.listeners", "controller.listener.names",
            "controller.quorum.voters", "controller.quorum.bootstrap.servers", "log.dir", "log.dirs",
            "metadata.log.dir");

    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private final int partitions;
    private final boolean autoCreateTopics;
    private final int nodeId;
    private final Duration startupTimeout;
    private final Map<String, String> brokerProperties;
    private final Map<String, String> clientProperties;
    private final List<String> scramCredentials;

    private BrokerSettings(Builder b) {
        this.port = b.port;
        this.controllerPort = b.controllerPort;
        this.logDir = b.logDir;
        this.partitions = b.partitions;
        this.autoCreateTopics = b.autoCreateTopics;
        this.nodeId = b.nodeId;
        this.startupTimeout = b.startupTimeout;
        this.brokerProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.brokerProperties));
        this.clientProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.clientProperties));
        this.scramCredentials = List.copyOf(b.scramCredentials);
    }

    /** A builder with the defaults: free ports, a temporary log directory, one partition, auto topic creation on. */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings with every default. */
    public static BrokerSettings defaults() {
        return builder().build();
    }

    /** Client listener port, 0 meaning "pick a free one". */
    public int port() {
        return port;
    }

    /** Controller listener port, 0 meaning "pick a free one". */
    public int controllerPort() {
        return controllerPort;
    }

    /** The log directory, or {@code null} for a temporary one deleted by {@link EmbeddedKafkaBroker#close()}. */
    public Path logDir() {
        return logDir;
    }

    /** {@code num.partitions}: partitions of auto-created topics and of topics created without a count. */
    public int partitions() {
        return partitions;
    }

    /** {@code auto.create.topics.enable}. */
    public boolean autoCreateTopics() {
        return autoCreateTopics;
    }

    /** The KRaft node id (broker and controller share it). */
    public int nodeId() {
        return nodeId;
    }

    /** How long {@link EmbeddedKafkaBroker#start()} waits for the broker to answer clients. */
    public Duration startupTimeout() {
        return startupTimeout;
    }

    /** Extra broker properties; they win over the embedded defaults. */
    public Map<String, String> brokerProperties() {
        return brokerProperties;
    }

    /** Client properties (security settings) for the readiness check against the {@value #BROKER_LISTENER} listener. */
    public Map<String, String> clientProperties() {
        return clientProperties;
    }

    /** SCRAM credentials written into the metadata log at format time, in the storage tool's {@code --add-scram} form. */
    public List<String> scramCredentials() {
        return scramCredentials;
    }

    /** Builder for {@link BrokerSettings}. */
    public static final class Builder {
        private int port;
        private int controllerPort;
        private Path logDir;
        private int partitions = 1;
        private boolean autoCreateTopics = true;
        private int nodeId = 1;
        private Duration startupTimeout = Duration.ofSeconds(60);
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private final Map<String, String> clientProperties = new LinkedHashMap<>();
        private final List<String> scramCredentials = new ArrayList<>();

        private Builder() {
        }

        /** Client listener port; 0 (the default) picks a free port once, kept across restarts. */
        public Builder port(int port) {
            this.port = checkPort("port", port);
            return this;
        }

        /** Controller listener port; 0 (the default) picks a free port once, kept across restarts. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = checkPort("controllerPort", controllerPort);
            return this;
        }

        /** Log directory to use and keep; {@code null} (the default) means a temporary directory. */
        public Builder logDir(Path logDir) {
            if (logDir != null && logDir.toString().isBlank()) {
                throw new IllegalArgumentException("logDir must be a directory path or null for a temporary one, got ''");
            }
            this.logDir = logDir;
            return this;
        }

        /** Default partition count of new topics, at least 1. */
        public Builder partitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
            }
            this.partitions = partitions;
            return this;
        }

        /** Whether producing to or fetching metadata of an unknown topic creates it. */
        public Builder autoCreateTopics(boolean autoCreateTopics) {
            this.autoCreateTopics = autoCreateTopics;
            return this;
        }

        /** KRaft node id, 0 or more. */
        public Builder nodeId(int nodeId) {
            if (nodeId < 0) {
                throw new IllegalArgumentException("nodeId must be 0 or more, got " + nodeId);
            }
            this.nodeId = nodeId;
            return this;
        }

        /** How long to wait for the broker to serve clients, positive. */
        public Builder startupTimeout(Duration startupTimeout) {
            Objects.requireNonNull(startupTimeout, "startupTimeout");
            if (startupTimeout.isZero() || startupTimeout.isNegative()) {
                throw new IllegalArgumentException("startupTimeout must be positive, got " + startupTimeout);
            }
            this.startupTimeout = startupTimeout;
            return this;
        }

        /**
         * An extra broker property, passed through unchanged and winning over the embedded defaults. Properties
         * derived from ports, node id and log directory are refused (see {@link #port}, {@link #logDir}).
         */
        public Builder brokerProperty(String key, String value) {
            checkKey("broker property", key, value);
            if (MANAGED_PROPERTIES.contains(key)) {
                throw new IllegalArgumentException("broker property '" + key + "' is derived from the port, node id and"
                        + " log directory settings; set those instead (managed: " + MANAGED_PROPERTIES + ")");
            }
            brokerProperties.put(key, value);
            return this;
        }

        /** Several {@link #brokerProperty} at once. */
        public Builder brokerProperties(Map<String, String> properties) {
            Objects.requireNonNull(properties, "brokerProperties");
            properties.forEach(this::brokerProperty);
            return this;
        }

        /** A client property (e.g. {@code security.protocol}) the readiness check needs to talk to the broker. */
        public Builder clientProperty(String key, String value) {
            checkKey("client property", key, value);
            clientProperties.put(key, value);
            return this;
        }

        /** Several {@link #clientProperty} at once. */
        public Builder clientProperties(Map<String, String> properties) {
            Objects.requireNonNull(properties, "clientProperties");
            properties.forEach(this::clientProperty);
            return this;
        }

        /**
         * A SCRAM credential for the metadata log, as the storage tool takes it, e.g.
         * {@code SCRAM-SHA-256=[name=alice,password=alice-secret]}. Only applied when the log dir is first formatted.
         */
        public Builder scramCredential(String credential) {
            if (credential == null || !credential.matches("SCRAM-SHA-(256|512)=\\[.+]")) {
                throw new IllegalArgumentException("scramCredential must look like "
                        + "'SCRAM-SHA-256=[name=alice,password=alice-secret]', got '" + credential + "'");
            }
            scramCredentials.add(credential);
            return this;
        }

        /** The settings. */
        public BrokerSettings build() {
            if (port != 0 && port == controllerPort) {
                throw new IllegalArgumentException("port and controllerPort must differ, both are " + port);
            }
            return new BrokerSettings(this);
        }

        private static int checkPort(String name, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + " must be 0 (a free port) or 1..65535, got " + port);
            }
            return port;
        }

        private static void checkKey(String what, String key, String value) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException(what + " key must be non-empty, got '" + key + "'");
            }
            if (value == null) {
                throw new IllegalArgumentException(what + " '" + key + "' needs a value, got null");
            }
        }
    }
}
