package io.tidewatch.cli.replay;

import io.tidewatch.config.KafkaClientIdentity;
import io.tidewatch.config.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * The replay's Kafka login, checked once before anything starts: a wrong password or certificate then fails the
 * replay with one line naming the listener protocol, the SASL mechanism and the user (never the password), instead
 * of a streams app in ERROR and a log full of retries.
 *
 * <p>Every client the replay itself runs (flows writer, end-of-input clock, offset checks) logs in with the same
 * {@link #securityProperties security properties} the probe and the streams app take from {@code kafka.*}.
 */
final class ClusterLogin {

    private ClusterLogin() {
    }

    /** The {@code kafka.security.*}, {@code kafka.sasl.*} and {@code kafka.ssl.*} settings, prefix stripped. */
    static Map<String, Object> securityProperties(Settings settings) {
        Map<String, Object> out = new LinkedHashMap<>();
        settings.kafkaProperties().forEach((k, v) -> {
            if (k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** {@code security} plus the bootstrap servers: a client configuration for the replay's own clients. */
    static Map<String, Object> clientConfig(String bootstrapServers, Map<String, Object> security) {
        Map<String, Object> out = new HashMap<>(security);
        out.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return out;
    }

    /** Who the client properties log in as, for messages: protocol, mechanism, user; never a secret. */
    static String identity(Map<String, Object> security) {
        return KafkaClientIdentity.describe(security);
    }

    /**
     * Logs in to {@code bootstrapServers} with {@code security} and asks for the cluster id; throws an
     * {@link IllegalStateException} with a one-line message when the login is refused or the cluster does not
     * answer within {@code timeout}.
     */
    static void check(String bootstrapServers, Map<String, Object> security, Duration timeout) {
        Map<String, Object> config = clientConfig(bootstrapServers, security);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "tidewatch-replay-login");
        // A refused login fails at once; an unreachable or wrongly secured listener only at this timeout.
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
                throw new IllegalStateException("Kafka at " + bootstrapServers + " refused the login ("
                        + identity(security) + "): " + oneLine(cause.getMessage()), cause);
            }
            throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + " (" + identity(security)
                    + "): " + oneLine(cause.getMessage()), cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within " + timeout + " ("
                    + identity(security) + "); check kafka.bootstrap.servers and kafka.security.protocol", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while logging in to Kafka at " + bootstrapServers, e);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "no detail" : message.replace('\n', ' ').replace('\r', ' ');
    }
}
