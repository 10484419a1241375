package io.tidewatch.connect;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * A real Kafka Connect worker in standalone mode, in this JVM: started the way {@code connect-standalone.sh} starts
 * one, from a worker properties file, with a few keys overridden for the test (bootstrap servers, file paths).
 */
final class StandaloneWorker implements AutoCloseable {

    private final Connect<StandaloneHerder> connect;

    private StandaloneWorker(Connect<StandaloneHerder> connect) {
        this.connect = connect;
    }

    /** Starts a worker from {@code workerFile} with {@code overrides} on top; returns once its herder runs. */
    static StandaloneWorker start(Path workerFile, Map<String, String> overrides) throws IOException {
        Map<String, String> props = read(workerFile);
        props.putAll(overrides);
        // Connect calls System.exit when it cannot start; in a test that must be a failure, not a vanished JVM.
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka Connect tried to exit with status " + code + ": " + message);
        });
        Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("Kafka Connect tried to halt with status " + code + ": " + message);
        });
        ConnectStandalone cli = new ConnectStandalone(workerFile.toString());
        return new StandaloneWorker(cli.startConnect(props));
    }

    /**
     * Creates the connector of {@code connectorFile} (a {@code name=...} properties file, as
     * {@code connect-standalone.sh} takes it) with {@code overrides} on top; returns its name.
     */
    String addConnector(Path connectorFile, Map<String, String> overrides) throws Exception {
        Map<String, String> config = read(connectorFile);
        config.putAll(overrides);
        String name = config.get("name");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("connector file " + connectorFile + ": expected a 'name' property");
        }
        FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
        connect.herder().putConnectorConfig(name, config, false, created);
        created.get(60, TimeUnit.SECONDS);
        return name;
    }

    /** The connector's and its tasks' states, e.g. {@code RUNNING}, with the trace of any failed task. */
    ConnectorStateInfo status(String connector) {
        return connect.herder().connectorStatus(connector);
    }

    static Map<String, String> read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    @Override
    public void close() {
        try {
            connect.stop();
            connect.awaitStop();
        } finally {
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
        }
    }
}
