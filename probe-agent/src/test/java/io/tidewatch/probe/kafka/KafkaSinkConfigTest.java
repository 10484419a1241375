package io.tidewatch.probe.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.config.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSinkConfigTest {

    private static Settings settings(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrap.servers", "broker:9092");
        m.put("schema.registry.url", "http://registry:8081");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return Settings.of(m);
    }

    @Test
    void throughputDefaultsAndTheStandardTopic() {
        KafkaSinkConfig c = KafkaSinkConfig.from(settings());
        assertEquals("tidewatch.packet-dynamics", c.topic());
        assertEquals("true", c.producer().get("enable.idempotence"));
        assertEquals("all", c.producer().get("acks"));
        assertEquals("lz4", c.producer().get("compression.type"));
        assertEquals("broker:9092", c.producer().get("bootstrap.servers"));
        assertTrue(Long.parseLong(c.producer().get("max.block.ms").toString()) <= 1000);
        assertEquals(KafkaSinkConfig.DEFAULT_QUEUE_BATCHES, c.queueBatches());
        assertEquals(Duration.ofMillis(KafkaSinkConfig.DEFAULT_STOP_FLUSH_MS), c.stopFlush());
        assertEquals(Duration.ZERO, c.queueWait(), "live capture never waits for the broker");
    }

    @Test
    void aCaptureFileWaitsForRoomUnlessToldOtherwise() {
        assertEquals(Duration.ofMillis(KafkaSinkConfig.DEFAULT_FILE_QUEUE_WAIT_MS),
                KafkaSinkConfig.from(settings(), true).queueWait());
        Duration quarter = Duration.ofMillis(250);
        assertEquals(quarter, KafkaSinkConfig.from(settings("probe.queue.wait.ms", "250"), true).queueWait());
        assertEquals(quarter, KafkaSinkConfig.from(settings("probe.queue.wait.ms", "250")).queueWait());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KafkaSinkConfig.from(settings("probe.queue.wait.ms", "-5"), true));
        assertTrue(e.getMessage().contains("probe.queue.wait.ms=-5"), e.getMessage());
    }

    @Test
    void everyKafkaSettingPassesThroughUnchangedAndWins() {
        KafkaSinkConfig c = KafkaSinkConfig.from(settings(
                "kafka.compression.type", "zstd",
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "kafka.ssl.keystore.location", "/etc/probe/keystore.p12",
                "probe.queue.max.batches", "10"));
        assertEquals("zstd", c.producer().get("compression.type"));
        assertEquals("SASL_SSL", c.producer().get("security.protocol"));
        assertEquals("SCRAM-SHA-512", c.producer().get("sasl.mechanism"));
        assertEquals("/etc/probe/keystore.p12", c.producer().get("ssl.keystore.location"));
        assertFalse(c.producer().containsKey("probe.queue.max.batches"));
        assertEquals(10, c.queueBatches());
    }

    @Test
    void registrySettingsGoToTheSerdeUnderConfluentNames() {
        KafkaSinkConfig c = KafkaSinkConfig.from(settings(
                "schema.registry.basic.auth.user.info", "probe:secret",
                "basic.auth.credentials.source", "USER_INFO",
                "auto.register.schemas", "false",
                "kafka.linger.ms", "5"));
        assertEquals("http://registry:8081", c.serde().get("schema.registry.url"));
        assertEquals("probe:secret", c.serde().get("schema.registry.basic.auth.user.info"));
        assertEquals("USER_INFO", c.serde().get("basic.auth.credentials.source"));
        assertEquals("false", c.serde().get("auto.register.schemas"));
        assertFalse(c.serde().containsKey("linger.ms"));
        assertFalse(c.serde().containsKey("kafka.linger.ms"));
    }

    @Test
    void topicFollowsThePrefixUnlessNamedOutright() {
        assertEquals("corp.net.packet-dynamics",
                KafkaSinkConfig.from(settings("topics.prefix", "corp.net.")).topic());
        assertEquals("pd", KafkaSinkConfig.from(settings("topics.prefix", "corp.", "topics.packet-dynamics", "pd")).topic());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KafkaSinkConfig.from(settings("topics.packet-dynamics", "bad topic!")));
        assertTrue(e.getMessage().contains("'bad topic!'"), e.getMessage());
    }

    @Test
    void missingBrokerOrRegistryIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KafkaSinkConfig.from(Settings.of(Map.of("schema.registry.url", "http://r"))));
        assertTrue(e.getMessage().contains("--bootstrap-servers"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> KafkaSinkConfig.from(Settings.of(Map.of("kafka.bootstrap.servers", "b:9092"))));
        assertTrue(e.getMessage().contains("--schema-registry-url"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> KafkaSinkConfig.from(settings("probe.queue.max.bytes", "0")));
        assertTrue(e.getMessage().contains("probe.queue.max.bytes=0"), e.getMessage());
    }
}
