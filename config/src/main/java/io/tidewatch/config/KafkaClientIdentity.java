package io.tidewatch.config;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a Kafka client configuration logs in as, in words for an error message: the security protocol, the SASL
 * mechanism and the user named in {@code sasl.jaas.config}, or the client certificate's key store. Never a password,
 * token or the JAAS text itself.
 */
public final class KafkaClientIdentity {

    private static final Pattern USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

    private KafkaClientIdentity() {
    }

    /** For example {@code SASL_SSL, mechanism SCRAM-SHA-512, user 'alice'}. {@code client} has no prefix. */
    public static String describe(Map<String, ?> client) {
        if (client == null) {
            throw new IllegalArgumentException("Kafka client configuration is null; expected a map of client properties");
        }
        Object protocolValue = client.get("security.protocol");
        String protocol = protocolValue == null ? "PLAINTEXT" : protocolValue.toString().toUpperCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(protocol);
        if (protocol.startsWith("SASL")) {
            Object mechanism = client.get("sasl.mechanism");
            b.append(", mechanism ").append(mechanism == null ? "GSSAPI" : mechanism);
            Object jaas = client.get("sasl.jaas.config");
            Matcher m = jaas == null ? null : USERNAME.matcher(jaas.toString());
            b.append(m != null && m.find() ? ", user '" + m.group(1) + "'" : ", no username in sasl.jaas.config");
        }
        Object keyStore = client.get("ssl.keystore.location");
        if (keyStore != null) {
            b.append(", client certificate from ").append(keyStore);
        }
        return b.toString();
    }
}
