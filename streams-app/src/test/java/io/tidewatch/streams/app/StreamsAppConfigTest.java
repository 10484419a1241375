package io.tidewatch.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.config.Settings;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class StreamsAppConfigTest {

    private static Settings settings(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrap.servers", "broker:9092");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return Settings.of(m);
    }

    @Test
    void everyKafkaKeyPassesThroughAndDefaultsAreSafe() {
        LongAdder counter = new LongAdder();
        Properties p = StreamsAppConfig.properties(settings(
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.num.standby.replicas", "1",
                "kafka.processing.guarantee", "exactly_once_v2"), "tw.dlq", counter);
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", p.get("sasl.mechanism"));
        assertEquals("1", p.get("num.standby.replicas"));
        assertEquals("exactly_once_v2", p.get("processing.guarantee"));
        assertEquals(StreamsAppConfig.DEFAULT_APPLICATION_ID, p.get("application.id"));
        assertEquals(BoundedRocksDbConfig.class.getName(), p.get("rocksdb.config.setter"));
        assertEquals(DeadLetterHandler.class.getName(), p.get("deserialization.exception.handler"));
        assertEquals("tw.dlq", p.get(DeadLetterHandler.TOPIC_CONFIG));
        assertSame(counter, p.get(DeadLetterHandler.COUNTER_CONFIG));
    }

    @Test
    void atLeastOnceIsTheDefault() {
        assertEquals("at_least_once", StreamsAppConfig.properties(settings(), "d", new LongAdder())
                .get("processing.guarantee"));
    }

    @Test
    void badValuesFailNamingTheKey() {
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class, () -> StreamsAppConfig.properties(
                settings("kafka.processing.guarantee", "exactly_once"), "d", new LongAdder()));
        assertTrue(g.getMessage().contains("kafka.processing.guarantee"), g.getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> StreamsAppConfig.properties(
                settings("streams.rocksdb.memory.bytes", "1024"), "d", new LongAdder()));
        assertTrue(m.getMessage().contains(BoundedRocksDbConfig.MEMORY_CONFIG), m.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> StreamsAppConfig.properties(
                Settings.of(Map.of()), "d", new LongAdder()));
        assertTrue(b.getMessage().contains("kafka.bootstrap.servers"), b.getMessage());
    }

    @Test
    void theRepartitionTopicIsFoundForAwaitProcessed() {
        StreamsApp app = StreamsApp.create(settings("schema.registry.url", "http://127.0.0.1:1",
                "kafka.application.id", "tw-app"));
        try {
            assertEquals(java.util.Set.of("tw-app-flows-by-source-repartition", "tw-app-label-join-flows-repartition",
                    "tw-app-label-join-labels-repartition", "tw-app-supervised-examples-repartition"),
                    app.repartitionTopics());
        } finally {
            app.close();
        }
    }
}
