package io.tidewatch.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stack as written: docker-compose accepts it, every variable it gives the probe and the streams app is
 * one they read, and the deployment rules hold (probe on the host network with two capabilities and no privilege,
 * two streams replicas, a health check everywhere, non-root images running the shaded jar).
 */
class ComposeStackTest {

    private static final Path COMPOSE_FILE = Path.of("docker-compose.yml");

    private final JsonNode services = services();

    private static JsonNode services() {
        try {
            return new YAMLMapper().readTree(COMPOSE_FILE.toFile()).path("services");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + COMPOSE_FILE.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    @Test
    void dockerComposeAcceptsTheFile(@TempDir Path dir) throws Exception {
        Optional<Path> tool = onPath("docker-compose");
        assumeTrue(tool.isPresent(), "docker-compose is not installed");
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(tool.get().toString(), "-f", COMPOSE_FILE.toString(), "config", "-q")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "docker-compose config finished");
        assertEquals(0, p.exitValue(), "docker-compose config -q: " + Files.readString(out));
    }

    @Test
    void everyVariableTheStackSetsIsOneTheAppsRead() {
        Map<String, AppSettingKeys> byImage = Map.of("compose/Dockerfile.probe", AppSettingKeys.probe(),
                "compose/Dockerfile.streams", AppSettingKeys.streams());
        Set<String> checked = new TreeSet<>();
        List<String> unread = new ArrayList<>();
        services.properties().forEach(service -> {
            String dockerfile = service.getValue().path("build").path("dockerfile").asText("");
            AppSettingKeys app = byImage.get(dockerfile);
            if (app == null) {
                return;
            }
            Map<String, String> env = environment(service.getValue());
            assertFalse(env.isEmpty(), service.getKey() + " sets no variables");
            app.unread(env).forEach(u -> unread.add(service.getKey() + ": " + u));
            checked.add(app.app());
        });
        assertEquals(Set.of("probe", "streams"), checked, "services built from the app images");
        assertEquals(List.of(), unread, "variables no app reads");
    }

    @Test
    void theCheckCatchesVariablesNoAppReads() {
        AppSettingKeys streams = AppSettingKeys.streams();
        AppSettingKeys probe = AppSettingKeys.probe();
        Map<String, String> good = Map.of("TIDEWATCH_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "TIDEWATCH_SCHEMA_REGISTRY_URL", "http://r:8081", "TIDEWATCH_FLOW_IDLE_TIMEOUT", "30s",
                "TIDEWATCH_KAFKA_PRODUCER_LINGER_MS", "5", "TIDEWATCH_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "u:p",
                "TIDEWATCH_TOPICS_SCORED___FLOWS_ECS", "corp.ecs");
        assertEquals(List.of(), streams.unread(good));
        assertEquals(List.of(), probe.unread(Map.of("TIDEWATCH_PROBE_INTERFACE", "eth0",
                "TIDEWATCH_KAFKA_SASL_JAAS_CONFIG", "x", "TIDEWATCH_PROBE_QUEUE_MAX_BATCHES", "10")));

        assertEquals(1, streams.unread(Map.of("TIDEWATCH_KAFKA_BOOTSTRAP_SERVER", "kafka:9092")).size(),
                "misspelt Kafka property");
        assertEquals(1, streams.unread(Map.of("TIDEWATCH_FLOW_IDLE_TIMEOUT_MS", "1")).size(), "unknown app key");
        assertEquals(1, streams.unread(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")).size(), "missing prefix");
        assertEquals(1, probe.unread(Map.of("TIDEWATCH_KAFKA_NUM_STANDBY_REPLICAS", "1")).size(),
                "a streams property given to the probe's producer");
        assertEquals(1, probe.unread(Map.of("TIDEWATCH_FLOW_IDLE_TIMEOUT", "30s")).size(),
                "the streams app's key given to the probe (the probe's is flow.idle.ms)");
    }

    @Test
    void theProbeCapturesOnTheHostWithTwoCapabilitiesAndNoPrivilege() {
        JsonNode probe = services.path("probe");
        assertEquals("host", probe.path("network_mode").asText());
        assertEquals(Set.of("NET_RAW", "NET_ADMIN"), strings(probe.path("cap_add")));
        assertEquals(Set.of("ALL"), strings(probe.path("cap_drop")));
        assertFalse(probe.path("privileged").asBoolean(false), "privileged");
    }

    @Test
    void twoStreamsReplicasAndAHealthCheckOnEveryLongRunningService() {
        assertEquals(2, services.path("streams").path("deploy").path("replicas").asInt());
        assertTrue(services.path("streams").path("ports").isMissingNode(), "replicas cannot share a published port");
        Set<String> missing = new TreeSet<>();
        services.properties().forEach(s -> {
            boolean oneShot = "no".equals(s.getValue().path("restart").asText());
            if (!oneShot && s.getValue().path("healthcheck").path("test").isMissingNode()) {
                missing.add(s.getKey());
            }
        });
        assertEquals(Set.of(), missing, "services without a health check");
        for (String s : List.of("kafka", "schema-registry", "streams", "probe", "connect")) {
            assertTrue(services.has(s), "service " + s);
        }
        String health = services.path("streams").path("healthcheck").path("test").toString();
        assertTrue(health.contains(":" + environment(services.path("streams")).get("TIDEWATCH_REST_PORT") + "/health"),
                "the streams health check asks the REST port the app is given: " + health);
    }

    @Test
    void theImagesRunTheShadedJarAsANonRootUser() throws Exception {
        for (String app : List.of("probe", "streams")) {
            List<String> lines = Files.readAllLines(Path.of("Dockerfile." + app), StandardCharsets.UTF_8);
            assertTrue(lines.stream().anyMatch(l -> l.matches("FROM eclipse-temurin:17-jre\\s*")), app);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("COPY cli/target/tidewatch.jar ")), app);
            String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElse("USER root");
            String uid = user.substring(5).trim();
            assertFalse(uid.equals("root") || uid.equals("0") || uid.startsWith("0:"), app + ": " + user);
            assertTrue(lines.contains("ENTRYPOINT [\"tidewatch\", \"" + app + "\"]"), app);
        }
        String launcher = Files.readString(Path.of("tidewatch-launcher.sh"));
        assertTrue(launcher.contains("-jar /opt/tidewatch/tidewatch.jar \"$@\""), launcher);
    }

    /** A service's environment, list or map form, values as written. */
    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode e = service.path("environment");
        if (e.isArray()) {
            for (JsonNode item : e) {
                String s = item.asText();
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        } else {
            e.properties().forEach(f -> env.put(f.getKey(), f.getValue().asText()));
        }
        return env;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
