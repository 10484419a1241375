package io.tidewatch.streams;

import io.tidewatch.config.Settings;
import io.tidewatch.streams.app.StreamsApp;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tidewatch streams}: runs the streams app against any Kafka cluster until interrupted. Settings come from
 * the config file, {@code TIDEWATCH_*} variables and these flags (later wins); every {@code kafka.*} key goes to
 * Kafka Streams unchanged. Exit code 0 after a clean shutdown, 1 when the app died. The REST listener
 * ({@code rest.*} keys, see {@link io.tidewatch.streams.rest.RestSettings}) is on, bound to 127.0.0.1:8070.
 */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "Run the flow assembly, features and ECS output on a Kafka cluster.")
public final class StreamsCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings.")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Schema registry URL.")
    String schemaRegistryUrl;

    @Option(names = "--application-id", paramLabel = "ID", description = "Kafka Streams application id.")
    String applicationId;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new HashMap<>();
        flags.put("kafka.bootstrap.servers", bootstrapServers);
        flags.put("schema.registry.url", schemaRegistryUrl);
        flags.put("kafka.application.id", applicationId);
        // The command serves REST (health, metrics, queries, dashboard) unless rest.enabled=false; embedded uses
        // of the app (replay, tests) leave it off by default.
        Settings settings = Settings.load(Map.of("rest.enabled", "true"), config, System.getenv(), flags);

        StreamsApp app = StreamsApp.create(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "tidewatch-streams-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        app.start();
        System.err.println("tidewatch streams: " + app.applicationId() + " reading " + app.topics().packetDynamics().name()
                + " (Ctrl-C to stop)");
        app.restUrl().ifPresent(url -> System.err.println("tidewatch streams: REST and dashboard at " + url
                + "/ (health /health, readiness /ready, Prometheus /metrics)"));
        while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            KafkaStreams.State s = app.state();
            if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING) {
                Runtime.getRuntime().removeShutdownHook(hook);
                app.close();
                System.err.println("tidewatch streams: stopped in state " + s + " (see the log)");
                return 1;
            }
        }
        return 0;
    }
}
