package io.tidewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientIdentityTest {

    @Test
    void namesProtocolMechanismAndUserButNoSecret() {
        String d = KafkaClientIdentity.describe(Map.of("security.protocol", "sasl_ssl", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" "
                        + "password=\"hunter2\";", "ssl.truststore.password", "hunter3"));
        assertEquals("SASL_SSL, mechanism SCRAM-SHA-512, user 'alice'", d);
        assertFalse(d.contains("hunter"));
    }

    @Test
    void plaintextAndMutualTls() {
        assertEquals("PLAINTEXT", KafkaClientIdentity.describe(Map.of()));
        assertEquals("SSL, client certificate from /etc/probe.p12", KafkaClientIdentity.describe(
                Map.of("security.protocol", "SSL", "ssl.keystore.location", "/etc/probe.p12", "ssl.keystore.password", "x")));
        assertEquals("SASL_PLAINTEXT, mechanism OAUTHBEARER, no username in sasl.jaas.config",
                KafkaClientIdentity.describe(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "OAUTHBEARER",
                        "sasl.jaas.config", "OAuthBearerLoginModule required clientSecret=\"s\";")));
        assertThrows(IllegalArgumentException.class, () -> KafkaClientIdentity.describe(null));
    }
}
