package io.tidewatch.localstack.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class BrokerSettingsTest {

    @Test
    void badValuesAreRefusedWithTheValueAndWhatWasExpected() {
        assertMessage(() -> BrokerSettings.builder().port(70000), "port", "70000", "1..65535");
        assertMessage(() -> BrokerSettings.builder().controllerPort(-1), "controllerPort", "-1");
        assertMessage(() -> BrokerSettings.builder().partitions(0), "partitions", "at least 1", "0");
        assertMessage(() -> BrokerSettings.builder().nodeId(-3), "nodeId", "-3");
        assertMessage(() -> BrokerSettings.builder().startupTimeout(Duration.ZERO), "startupTimeout", "PT0S");
        assertMessage(() -> BrokerSettings.builder().port(9092).controllerPort(9092).build(), "differ", "9092");
        assertMessage(() -> BrokerSettings.builder().brokerProperty("listeners", "PLAINTEXT://:9092"),
                "'listeners'", "derived");
        assertMessage(() -> BrokerSettings.builder().brokerProperty(" ", "x"), "key", "' '");
        assertMessage(() -> BrokerSettings.builder().brokerProperty("num.io.threads", null), "num.io.threads", "null");
        assertMessage(() -> BrokerSettings.builder().scramCredential("alice:secret"), "SCRAM-SHA-256=[", "alice:secret");
    }

    @Test
    void serverPropertiesCarryTheSettingsAndOverridesWin() {
        BrokerSettings settings = BrokerSettings.builder()
                .partitions(4)
                .autoCreateTopics(false)
                .brokerProperty("num.io.threads", "6")
                .brokerProperty("listener.security.protocol.map", "BROKER:SASL_SSL,CONTROLLER:PLAINTEXT")
                .build();
        Properties p = ServerProperties.of(settings, 19092, 19093, Path.of("kafka-logs"));
        assertEquals("BROKER://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093", p.getProperty("listeners"));
        assertEquals("1@127.0.0.1:19093", p.getProperty("controller.quorum.voters"));
        assertEquals("4", p.getProperty("num.partitions"));
        assertEquals("false", p.getProperty("auto.create.topics.enable"));
        assertEquals("6", p.getProperty("num.io.threads"));
        assertEquals("BROKER:SASL_SSL,CONTROLLER:PLAINTEXT", p.getProperty("listener.security.protocol.map"));
        assertEquals("1", p.getProperty("offsets.topic.replication.factor"));
        assertEquals("0", p.getProperty("group.initial.rebalance.delay.ms"));
        assertTrue(Path.of(p.getProperty("log.dirs")).isAbsolute());
    }

    private static void assertMessage(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should mention " + part);
        }
    }
}
