package io.tidewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void laterLayersWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("probe.properties");
        Files.writeString(file, "flow.idle.timeout.ms=10000\nprobe.id=from-file\nkafka.acks=1\n");
        Map<String, String> flags = new HashMap<>();
        flags.put("probe.id", "from-flag");
        flags.put("snaplen", null);
        Settings s = Settings.load(Map.of("flow.idle.timeout.ms", "30000", "snaplen", "128"), file,
                Map.of("TIDEWATCH_FLOW_IDLE_TIMEOUT_MS", "5000", "PATH", "/bin"), flags);
        assertEquals(5000, s.getInt("flow.idle.timeout.ms", 0));
        assertEquals("from-flag", s.getString("probe.id", null));
        assertEquals(128, s.getInt("snaplen", 0), "a flag that was not given does not override");
        assertFalse(s.has("path"), "only TIDEWATCH_ variables are read");
    }

    @Test
    void environmentNamesMapAsConfluentImagesDo() {
        assertEquals("kafka.sasl.jaas.config", Settings.envToKey("TIDEWATCH_KAFKA_SASL_JAAS_CONFIG"));
        assertEquals("schema.registry_url", Settings.envToKey("TIDEWATCH_SCHEMA_REGISTRY__URL"));
        assertEquals("kafka.ssl.key-store", Settings.envToKey("TIDEWATCH_KAFKA_SSL_KEY___STORE"));
        for (String key : new String[] {"kafka.sasl.jaas.config", "schema.registry_url", "a.b-c.d_e"}) {
            assertEquals(key, Settings.envToKey(Settings.keyToEnv(key)), key);
        }
    }

    @Test
    void kafkaPropertiesPassThroughWithPrefixStripped() {
        Settings s = Settings.of(Map.of("kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "probe.id", "p1"));
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512"), s.kafkaProperties());
    }

    @Test
    void badValuesNameTheKeyAndWhatWasExpected() {
        Settings s = Settings.of(Map.of("snaplen", "lots", "idle", "3 weeks", "on", "yes"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.getInt("snaplen", 1));
        assertEquals("setting snaplen='lots': expected an integer", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.getDuration("idle", Duration.ZERO));
        assertTrue(e.getMessage().contains("idle='3 weeks'") && e.getMessage().contains("duration"));
        assertThrows(IllegalArgumentException.class, () -> s.getBoolean("on", false));
        e = assertThrows(IllegalArgumentException.class, () -> s.require("bootstrap.servers"));
        assertTrue(e.getMessage().contains("TIDEWATCH_BOOTSTRAP_SERVERS"), e.getMessage());
    }

    @Test
    void durations() {
        Settings s = Settings.of(Map.of("a", "1500ms", "b", "30s", "c", "5m", "d", "2h", "e", "250"));
        assertEquals(Duration.ofMillis(1500), s.getDuration("a", null));
        assertEquals(Duration.ofSeconds(30), s.getDuration("b", null));
        assertEquals(Duration.ofMinutes(5), s.getDuration("c", null));
        assertEquals(Duration.ofHours(2), s.getDuration("d", null));
        assertEquals(Duration.ofMillis(250), s.getDuration("e", null));
    }

    @Test
    void secretsAreRedactedInDumps() {
        Settings s = Settings.of(Map.of("kafka.sasl.jaas.config", "ScramLoginModule password=\"hunter2\";",
                "kafka.ssl.keystore.password", "hunter2", "schema.registry.basic.auth.user.info", "u:hunter2",
                "rest.auth.token", "hunter2", "probe.id", "p1"));
        String dump = s.redacted();
        assertFalse(dump.contains("hunter2"), dump);
        assertTrue(dump.contains("probe.id=p1"));
        assertEquals(dump, s.toString());
    }

    @Test
    void secretNamesCoverKafkaRegistryOauthAndKeys() {
        for (String key : new String[] {"kafka.ssl.truststore.password", "kafka.ssl.key.password",
            "kafka.sasl.jaas.config", "kafka.sasl.oauthbearer.client.secret", "basic.auth.user.info",
            "schema.registry.basic.auth.user.info", "bearer.auth.token", "rest.auth.token",
            "kafka.ssl.keystore.key", "probe.pseudonymize.key", "SCHEMA.REGISTRY.SSL.KEYSTORE.PASSWORD"}) {
            assertTrue(Settings.isSecret(key), key);
        }
        for (String key : new String[] {"kafka.bootstrap.servers", "kafka.key.serializer", "probe.pseudonymize",
            "kafka.ssl.truststore.location", "kafka.security.protocol", "kafka.sasl.mechanism", "probe.id"}) {
            assertFalse(Settings.isSecret(key), key);
        }
    }

    @Test
    void aBadSecretValueIsNotEchoedInTheError() {
        Settings s = Settings.of(Map.of("kafka.ssl.key.password", "hunter2", "flow.idle.ms", "soon"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.getInt("kafka.ssl.key.password", 0));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("kafka.ssl.key.password") && e.getMessage().contains("[redacted]"));
        e = assertThrows(IllegalArgumentException.class, () -> s.getLong("flow.idle.ms", 0));
        assertTrue(e.getMessage().contains("'soon'"), "ordinary values are still shown: " + e.getMessage());
    }

    @Test
    void missingConfigFileIsAClearError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.load(Map.of(), missing, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("nope.properties") && e.getMessage().contains("not found"));
    }
}
