package io.tidewatch.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.connect.runtime.SinkConnectorConfig;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.junit.jupiter.api.Test;

/**
 * The connector and worker files as a deployment reads them: the workers' properties are valid for Kafka Connect's
 * own config definitions, and every sink reads only Tidewatch's SIEM topics, committed records only, keeps secrets
 * in a config provider and routes failures to its own dead-letter topic.
 */
class ConnectorConfigsTest {

    private static final Set<String> SIEM_TOPICS = Set.of("tidewatch.scored-flows.ecs", "tidewatch.alerts");
    private static final Pattern SECRET_KEY = Pattern.compile(".*(password|secret|token).*");

    private final ObjectMapper json = new ObjectMapper();

    private static List<Path> connectorJsonFiles() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("connectors"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void everySinkReadsTheSiemTopicsCommittedOnlyWithSecretsOutOfTheFileAndADeadLetterTopic() throws Exception {
        List<Path> files = connectorJsonFiles();
        assertEquals(4, files.size(), files.toString());
        List<String> dlqs = new ArrayList<>();
        for (Path f : files) {
            JsonNode c = json.readTree(f.toFile());
            String name = f.getFileName().toString();
            assertFalse(c.path("connector.class").asText().isBlank(), name);
            for (String topic : c.path("topics").asText().split(",")) {
                assertTrue(SIEM_TOPICS.contains(topic.trim()), name + ": topic " + topic);
            }
            assertEquals("read_committed", c.path("consumer.override.isolation.level").asText(), name);
            assertEquals("all", c.path("errors.tolerance").asText(), name);
            String dlq = c.path("errors.deadletterqueue.topic.name").asText();
            assertTrue(dlq.startsWith("tidewatch.connect.dlq."), name + ": " + dlq);
            dlqs.add(dlq);
            c.properties().forEach(e -> {
                if (SECRET_KEY.matcher(e.getKey()).matches() && !e.getKey().endsWith(".scope")
                        && !e.getKey().endsWith(".mode") && !e.getKey().endsWith(".url")) {
                    assertTrue(e.getValue().asText().startsWith("${file:"), name + ": " + e.getKey()
                            + " must come from the FileConfigProvider, not the file itself");
                }
            });
            // The same keys Connect validates for any sink, before the plugin sees them.
            Map<String, String> props = new java.util.HashMap<>();
            c.properties().forEach(e -> props.put(e.getKey(), e.getValue().asText()));
            props.put("name", "check");
            SinkConnectorConfig.validate(props);
        }
        assertEquals(dlqs.size(), Set.copyOf(dlqs).size(), "one dead-letter topic per sink: " + dlqs);
    }

    @Test
    void theWorkerFilesAreValidKafkaConnectConfigs() throws Exception {
        Map<String, String> standalone = StandaloneWorker.read(Path.of("worker", "connect-standalone.properties"));
        WorkerConfig s = new StandaloneConfig(standalone);
        assertEquals(standalone.get("bootstrap.servers"), String.join(",", s.getList(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG)));
        assertEquals("read_committed", standalone.get("consumer.isolation.level"));
        assertEquals("file", standalone.get("config.providers"));

        Map<String, String> distributed = StandaloneWorker.read(Path.of("worker", "connect-distributed.properties"));
        DistributedConfig d = new DistributedConfig(distributed);
        assertEquals("tidewatch-connect", d.getString(DistributedConfig.GROUP_ID_CONFIG));
        assertEquals("read_committed", distributed.get("consumer.isolation.level"));
    }
}
