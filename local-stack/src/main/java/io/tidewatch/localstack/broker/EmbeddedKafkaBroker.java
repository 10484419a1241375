package io.tidewatch.localstack.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM, on loopback.
 *
 * <p>{@link #start()} formats the log directory on first use (as {@code kafka-storage.sh format} does), starts
 * {@link KafkaRaftServer} and returns once an admin client sees the node. {@link #stop()} shuts it down cleanly and
 * keeps the log directory; a later {@link #start()} comes back on the same ports with the same data, which is what a
 * "broker dies mid-run and comes back" test needs. {@link #close()} stops and deletes a temporary log directory.
 *
 * <p>Ports asked as 0 are picked once, at construction, and then kept for the life of the object.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    /** Attempts to start on freshly picked ports when another process takes one between picking and binding. */
    private static final int FREE_PORT_ATTEMPTS = 3;

    private final BrokerSettings settings;
    private final Path logDir;
    private final boolean temporaryLogDir;
    // Read by accessors without the lock; only a first start that lost a port race changes them.
    private volatile int port;
    private volatile int controllerPort;
    private KafkaRaftServer server;
    private boolean everStarted;
    private boolean closed;
    private Duration lastStartDuration = Duration.ZERO;

    /** A broker for {@code settings}, not yet started. Creates the temporary log directory when none is given. */
    public EmbeddedKafkaBroker(BrokerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.logDir() == null) {
            try {
                this.logDir = Files.createTempDirectory("tidewatch-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary Kafka log directory", e);
            }
            this.temporaryLogDir = true;
        } else {
            this.logDir = settings.logDir().toAbsolutePath();
            if (Files.exists(logDir) && !Files.isDirectory(logDir)) {
                throw new IllegalArgumentException("logDir must be a directory, got the file " + logDir);
            }
            this.temporaryLogDir = false;
        }
        pickPorts();
    }

    /** Creates and starts a broker; the caller closes it. */
    public static EmbeddedKafkaBroker launch(BrokerSettings settings) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(settings);
        try {
            broker.start();
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /**
     * Starts the broker and waits until it serves clients. Does nothing when already running.
     *
     * @throws IllegalStateException when closed, or when the broker does not come up within the startup timeout
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (closed) {
            throw new IllegalStateException("broker on " + bootstrapServers() + " is closed; create a new one");
        }
        if (server != null) {
            return this;
        }
        long t0 = System.nanoTime();
        boolean portsChosenByUs = settings.port() == 0 || settings.controllerPort() == 0;
        // Only a broker that never ran may move: after a first start, clients and tests rely on the same ports.
        int attempts = portsChosenByUs && !everStarted ? FREE_PORT_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                startOnce();
                break;
            } catch (RuntimeException e) {
                if (attempt < attempts && isBindFailureOnPickedPort(e)) {
                    LOG.warn("a picked port was taken before the broker bound it ({}), picking new ports", describe(e));
                    pickPorts();
                    continue;
                }
                throw new IllegalStateException("cannot start the Kafka broker on " + bootstrapServers()
                        + " (controller port " + controllerPort + ", log dir " + logDir + "): " + describe(e), e);
            }
        }
        everStarted = true;
        lastStartDuration = Duration.ofNanos(System.nanoTime() - t0);
        LOG.info("Kafka broker ready on {} in {} ms (log dir {})", bootstrapServers(), lastStartDuration.toMillis(), logDir);
        return this;
    }

    private void startOnce() {
        Properties props = ServerProperties.of(settings, port, controllerPort, logDir);
        KafkaConfig config = new KafkaConfig(props, false);
        try {
            KraftStorage.formatIfNeeded(config, logDir, settings.scramCredentials());
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka log directory " + logDir + ": " + e.getMessage(), e);
        }
        KafkaRaftServer candidate = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            candidate.startup();
            awaitReady();
        } catch (RuntimeException e) {
            shutDown(candidate);
            throw e;
        }
        server = candidate;
    }

    /** Startup returns once the broker is unfenced; an admin round trip proves clients really get through. */
    private void awaitReady() {
        Properties props = new Properties();
        props.putAll(settings.clientProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        long timeoutMs = settings.startupTimeout().toMillis();
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeoutMs));
        try (Admin admin = Admin.create(props)) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " not ready after "
                            + timeoutMs + " ms");
                }
                Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) left))
                        .nodes().get(left, TimeUnit.MILLISECONDS);
                if (nodes.stream().anyMatch(n -> n.id() == settings.nodeId())) {
                    return;
                }
                Thread.sleep(20);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " does not answer clients: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " not ready after "
                    + timeoutMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker on " + bootstrapServers(), e);
        }
    }

    /** Shuts the broker down cleanly, keeping the log directory and ports for a later {@link #start()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        KafkaRaftServer running = server;
        server = null;
        shutDown(running);
        LOG.info("Kafka broker on {} stopped", bootstrapServers());
    }

    /** Stops the broker and deletes the log directory if it was a temporary one. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
        } finally {
            closed = true;
            if (temporaryLogDir) {
                try {
                    Utils.delete(logDir.toFile());
                } catch (IOException e) {
                    LOG.warn("cannot delete the temporary Kafka log directory {}", logDir, e);
                }
            }
        }
    }

    /** {@code host:port} of the client listener, for {@code bootstrap.servers}. */
    /** The settings this broker was made with (listener security, client properties of its readiness check). */
    public BrokerSettings settings() {
        return settings;
    }

    public String bootstrapServers() {
        return ServerProperties.HOST + ":" + port;
    }

    /** The client listener port. */
    public int port() {
        return port;
    }

    /** The KRaft controller listener port. */
    public int controllerPort() {
        return controllerPort;
    }

    /** The log directory (temporary or given). */
    public Path logDir() {
        return logDir;
    }

    /** Whether the directory goes away on {@link #close()}. */
    public boolean hasTemporaryLogDir() {
        return temporaryLogDir;
    }

    /** Whether the broker is started and not stopped. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Wall time of the last successful {@link #start()}, from the call to the first answered admin request. */
    public synchronized Duration lastStartDuration() {
        return lastStartDuration;
    }

    private void pickPorts() {
        port = settings.port() != 0 ? settings.port() : LoopbackPorts.free(settings.controllerPort());
        controllerPort = settings.controllerPort() != 0 ? settings.controllerPort() : LoopbackPorts.free(port);
    }

    private static void shutDown(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("error while shutting the Kafka broker down", e);
        }
    }

    private boolean isBindFailureOnPickedPort(Throwable e) {
        String message = describe(e);
        boolean bindFailure = message.contains("Address already in use");
        return bindFailure && ((settings.port() == 0 && message.contains(":" + port + ":"))
                || (settings.controllerPort() == 0 && message.contains(":" + controllerPort + ":")));
    }

    /** The messages of an exception and its causes: Kafka wraps the useful one (e.g. the bound address) deep down. */
    private static String describe(Throwable e) {
        StringJoiner messages = new StringJoiner("; ");
        Set<String> seen = new HashSet<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            if (seen.add(m)) {
                messages.add(m);
            }
        }
        return messages.toString();
    }
}
