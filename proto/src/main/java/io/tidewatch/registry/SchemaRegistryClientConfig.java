package io.tidewatch.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.types.Password;

/**
 * Connection settings for {@link SchemaRegistryClient}, read from the same keys Confluent's clients use, so one
 * Kafka client configuration serves both.
 *
 * @param urls       registry base URLs, tried in order when one cannot be reached
 * @param userInfo   {@code user:password} for HTTP basic auth, or null
 * @param sslContext TLS context for https URLs (the JDK default unless a trust store or key store is configured)
 * @param timeout    per-request timeout
 */
public record SchemaRegistryClientConfig(List<URI> urls, String userInfo, SSLContext sslContext, Duration timeout) {

    public static final String URL = "schema.registry.url";
    public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String USER_INFO = "basic.auth.user.info";
    public static final String LEGACY_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String KEY_PASSWORD = "schema.registry.ssl.key.password";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Validates the settings. */
    public SchemaRegistryClientConfig {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("no schema registry URL; expected at least one http(s) URL in " + URL);
        }
        urls = List.copyOf(urls);
        for (URI url : urls) {
            checkUrl(url);
        }
        if (userInfo != null && userInfo.indexOf(':') < 0) {
            throw new IllegalArgumentException(USER_INFO + " has no ':'; expected user:password");
        }
        if (sslContext == null) {
            throw new IllegalArgumentException("SSL context is null; expected SSLContext.getDefault() or a configured one");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("request timeout " + timeout + " is not positive; expected e.g. PT30S");
        }
    }

    /** Plain settings: the given URLs, no auth, the JDK's default TLS. */
    public static SchemaRegistryClientConfig of(String commaSeparatedUrls) {
        return fromConfigs(Map.of(URL, commaSeparatedUrls));
    }

    /**
     * Reads {@code schema.registry.url} (comma-separated), basic auth ({@code basic.auth.credentials.source}
     * USER_INFO or URL, {@code basic.auth.user.info}) and the {@code schema.registry.ssl.*} stores.
     */
    public static SchemaRegistryClientConfig fromConfigs(Map<String, ?> configs) {
        if (configs == null) {
            throw new IllegalArgumentException("configs are null; expected a map holding " + URL);
        }
        String urlValue = string(configs, URL);
        if (urlValue == null || urlValue.isBlank()) {
            throw new IllegalArgumentException("missing " + URL + "; expected e.g. http://localhost:8081");
        }
        List<URI> urls = new ArrayList<>();
        for (String part : urlValue.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                urls.add(new URI(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(URL + " entry '" + withoutUserInfo(trimmed) + "' is not a URL; expected e.g. "
                        + "http://localhost:8081", e);
            }
        }
        String source = string(configs, CREDENTIALS_SOURCE);
        source = source == null || source.isBlank() ? "URL" : source.trim().toUpperCase(java.util.Locale.ROOT);
        String userInfo = string(configs, USER_INFO);
        if (userInfo == null || userInfo.isBlank()) {
            userInfo = string(configs, LEGACY_USER_INFO);
        }
        String explicitSource = string(configs, CREDENTIALS_SOURCE);
        if (explicitSource == null && userInfo != null && !userInfo.isBlank()) {
            source = "USER_INFO";
        }
        String credentials;
        switch (source) {
            case "USER_INFO" -> {
                if (userInfo == null || userInfo.isBlank()) {
                    throw new IllegalArgumentException(CREDENTIALS_SOURCE + " is USER_INFO but " + USER_INFO
                            + " is missing; expected user:password");
                }
                credentials = userInfo;
            }
            case "URL" -> {
                // Credentials in the URL (http://user:pass@host): the first URL's user-info serves all of them.
                credentials = urls.isEmpty() ? null : urls.get(0).getRawUserInfo();
                if (credentials != null) {
                    credentials = java.net.URLDecoder.decode(credentials.replace("+", "%2B"),
                            java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            default -> throw new IllegalArgumentException(CREDENTIALS_SOURCE + " '" + source
                    + "' is not supported; expected USER_INFO or URL");
        }
        List<URI> bare = new ArrayList<>();
        for (URI url : urls) {
            checkUrl(url);
            try {
                bare.add(new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(URL + " entry '" + withoutUserInfo(url.toString())
                        + "' cannot be rebuilt without user-info", e);
            }
        }
        Duration timeout = DEFAULT_TIMEOUT;
        String timeoutValue = string(configs, REQUEST_TIMEOUT_MS);
        if (timeoutValue != null && !timeoutValue.isBlank()) {
            try {
                timeout = Duration.ofMillis(Long.parseLong(timeoutValue.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(REQUEST_TIMEOUT_MS + " '" + timeoutValue
                        + "' is not a number; expected milliseconds", e);
            }
        }
        return new SchemaRegistryClientConfig(bare, credentials, sslContext(configs), timeout);
    }

    /** {@code url} with any {@code user:password@} part masked, for error messages (it may carry credentials). */
    static String withoutUserInfo(String url) {
        return url.replaceAll("(?<=//)[^/@]*@", "[redacted]@");
    }

    private static void checkUrl(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || url.getHost() == null) {
            throw new IllegalArgumentException(URL + " entry '" + withoutUserInfo(url.toString())
                    + "' is not an http(s) URL with a host; expected e.g. http://localhost:8081");
        }
    }

    private static SSLContext sslContext(Map<String, ?> configs) {
        String trustLocation = string(configs, TRUSTSTORE_LOCATION);
        String keyLocation = string(configs, KEYSTORE_LOCATION);
        try {
            if (isBlank(trustLocation) && isBlank(keyLocation)) {
                return SSLContext.getDefault();
            }
            TrustManagerFactory trust = null;
            if (!isBlank(trustLocation)) {
                KeyStore store = load(trustLocation, string(configs, TRUSTSTORE_TYPE),
                        string(configs, TRUSTSTORE_PASSWORD), TRUSTSTORE_LOCATION);
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
            }
            KeyManagerFactory keys = null;
            if (!isBlank(keyLocation)) {
                String storePassword = string(configs, KEYSTORE_PASSWORD);
                KeyStore store = load(keyLocation, string(configs, KEYSTORE_TYPE), storePassword, KEYSTORE_LOCATION);
                String keyPassword = string(configs, KEY_PASSWORD);
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                char[] password = keyPassword != null ? keyPassword.toCharArray()
                        : storePassword != null ? storePassword.toCharArray() : new char[0];
                keys.init(store, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot build the schema registry TLS context from "
                    + TRUSTSTORE_LOCATION + "='" + trustLocation + "', " + KEYSTORE_LOCATION + "='" + keyLocation
                    + "': " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String location, String type, String password, String key)
            throws GeneralSecurityException {
        Path path = Path.of(location);
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException(key + " '" + location + "' is not a readable file; expected a key store");
        }
        KeyStore store = KeyStore.getInstance(isBlank(type) ? KeyStore.getDefaultType() : type.trim());
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password == null ? null : password.toCharArray());
        } catch (IOException e) {
            throw new IllegalArgumentException(key + " '" + location + "' cannot be read as a " + store.getType()
                    + " key store: " + e.getMessage(), e);
        }
        return store;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** A config value as a string: Kafka passes passwords as {@link Password} and lists as lists. */
    static String string(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Password password) {
            return password.value();
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }

    @Override
    public String toString() {
        // Never print the password.
        return "SchemaRegistryClientConfig[urls=" + urls + ", basicAuth=" + (userInfo != null) + ", timeout="
                + timeout + "]";
    }
}
