package io.tidewatch.localstack;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.tidewatch.localstack.broker.BrokerSettings;
import io.tidewatch.localstack.broker.EmbeddedKafkaBroker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tidewatch broker}: the local stack in the foreground for development against real clients. Starts the
 * services, prints how to reach them in one block, and runs until Ctrl-C (or {@link #requestStop()}), then stops
 * them cleanly.
 *
 * <p>The services are a {@link LocalStack}, which closes them in reverse order of their start.
 */
@Command(name = "broker",
        description = "Run a single-node Kafka broker (KRaft, in process) and a schema registry (Confluent REST API)"
                + " on 127.0.0.1 until Ctrl-C.")
public final class BrokerCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--port", defaultValue = "9092", paramLabel = "PORT",
            description = "Kafka client port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--controller-port", defaultValue = "9093", paramLabel = "PORT",
            description = "KRaft controller port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Option(names = "--registry-port", defaultValue = "8081", paramLabel = "PORT",
            description = "Schema registry HTTP port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--log-dir", paramLabel = "DIR",
            description = "Kafka log directory, kept on exit and reused next time (default: a temporary directory"
                    + " deleted on exit).")
    Path logDir;

    @Option(names = "--partitions", defaultValue = "1", paramLabel = "N",
            description = "Partitions of new topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        BrokerSettings settings = settings();
        Thread hook = new Thread(this::stopFromSignal, "tidewatch-broker-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LocalStack stack = null;
        try {
            checkRegistryPort();
            stack = LocalStack.start(settings, registryPort);
            EmbeddedKafkaBroker broker = stack.broker();

            PrintWriter out = spec.commandLine().getOut();
            out.println("Tidewatch local stack is ready (Kafka started in " + broker.lastStartDuration().toMillis() + " ms)");
            out.println("  bootstrap.servers   = " + stack.bootstrapServers());
            out.println("  schema.registry.url = " + stack.schemaRegistryUrl());
            out.println("  controller          = 127.0.0.1:" + broker.controllerPort());
            out.println("  log.dir             = " + broker.logDir()
                    + (broker.hasTemporaryLogDir() ? " (deleted on exit)" : " (kept)"));
            out.println("Press Ctrl-C to stop.");
            out.flush();

            stopRequested.await();
            LocalStack running = stack;
            stack = null;
            running.close();
            out.println("Stopped.");
            out.flush();
            return 0;
        } finally {
            if (stack != null) {
                stack.close();
            }
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is what brought us here; it is waiting on 'stopped' and will return now.
            }
        }
    }

    private void checkRegistryPort() {
        if (registryPort < 0 || registryPort > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--registry-port " + registryPort + ": expected 0 (a free port) to 65535");
        }
    }

    /** Asks a running {@link #call()} to stop its services and return 0. */
    public void requestStop() {
        stopRequested.countDown();
    }

    private BrokerSettings settings() {
        try {
            return BrokerSettings.builder()
                    .port(port)
                    .controllerPort(controllerPort)
                    .logDir(logDir)
                    .partitions(partitions)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** Ctrl-C: let {@link #call()} stop the services and wait for it, so the JVM exits after a clean shutdown. */
    private void stopFromSignal() {
        requestStop();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
