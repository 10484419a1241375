package io.tidewatch.localstack.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;

/**
 * The listener design carries a secured client listener: SCRAM users seeded at format time, the {@code BROKER}
 * listener switched to SASL through the protocol map, the readiness check logging in with client properties.
 */
class ScramBrokerIT {

    private static final String MECHANISM = "SCRAM-SHA-256";

    @Test
    void scramUsersGetInAndAWrongPasswordIsRefused() throws Exception {
        BrokerSettings settings = BrokerSettings.builder()
                .scramCredential(MECHANISM + "=[name=admin,password=admin-secret]")
                .scramCredential(MECHANISM + "=[name=alice,password=alice-secret]")
                .brokerProperty("listener.security.protocol.map", "BROKER:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT")
                .brokerProperty("sasl.enabled.mechanisms", MECHANISM)
                .brokerProperty("sasl.mechanism.inter.broker.protocol", MECHANISM)
                .brokerProperty("listener.name.broker.scram-sha-256.sasl.jaas.config", jaas("admin", "admin-secret"))
                .clientProperties(client("admin", "admin-secret"))
                .build();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.launch(settings)) {
            Map<String, String> alice = client("alice", "alice-secret");
            Records.produce(broker.bootstrapServers(), "secured", List.of("hello"), alice);
            assertEquals(List.of("hello"), Records.consume(broker.bootstrapServers(), "secured", 1, alice));

            ExecutionException e = assertThrows(ExecutionException.class, () -> Records.produce(
                    broker.bootstrapServers(), "secured", List.of("intruder"), client("alice", "wrong")));
            assertInstanceOf(SaslAuthenticationException.class, e.getCause());
        }
    }

    private static Map<String, String> client(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", jaas(user, password));
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }
}
