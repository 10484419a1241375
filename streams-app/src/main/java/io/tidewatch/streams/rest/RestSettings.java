package io.tidewatch.streams.rest;

import io.tidewatch.config.Settings;
import java.util.Optional;

/**
 * Where and how the app's REST listener runs.
 *
 * <ul>
 *   <li>{@code rest.enabled}: whether it runs at all (the {@code streams} command turns it on; embedded apps such as
 *       the replay leave it off unless asked).</li>
 *   <li>{@code rest.host} (default {@value #DEFAULT_HOST}): the address to bind. Loopback by default, so nothing is
 *       reachable from another machine until an operator says so (for example {@code 0.0.0.0} in a container).</li>
 *   <li>{@code rest.port} (default {@value #DEFAULT_PORT}; 0 picks a free port).</li>
 *   <li>{@code rest.advertised.host}: the name other instances use to reach this one, given to Kafka Streams as
 *       {@code application.server}; defaults to {@code rest.host}, or to this machine's host name when
 *       {@code rest.host} is a wildcard (in a container, the name the other containers resolve).</li>
 *   <li>{@code rest.auth.token}: when set, every request except {@code /health} and {@code /ready} must carry
 *       {@code Authorization: Bearer <token>}; instances forward requests to each other with it.</li>
 * </ul>
 */
public record RestSettings(boolean enabled, String host, int port, String advertisedHost, Optional<String> authToken) {

    public static final String ENABLED = "rest.enabled";
    public static final String HOST = "rest.host";
    public static final String PORT = "rest.port";
    public static final String ADVERTISED_HOST = "rest.advertised.host";
    public static final String AUTH_TOKEN = "rest.auth.token";
    /** Every key read here. */
    public static final java.util.List<String> KEYS = java.util.List.of(ENABLED, HOST, PORT, ADVERTISED_HOST, AUTH_TOKEN);
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8070;

    public RestSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(HOST + "='" + host + "': expected an address to bind, such as 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(PORT + "=" + port + ": expected a TCP port from 0 to 65535");
        }
        if (advertisedHost == null || advertisedHost.isBlank()) {
            throw new IllegalArgumentException(ADVERTISED_HOST + "='" + advertisedHost
                    + "': expected the host name other instances reach this one by");
        }
        if (isWildcard(advertisedHost)) {
            throw new IllegalArgumentException(ADVERTISED_HOST + "='" + advertisedHost + "': a wildcard address cannot be"
                    + " reached; set " + ADVERTISED_HOST + " to this instance's host name when " + HOST + " is a wildcard");
        }
        authToken = authToken == null ? Optional.empty() : authToken.filter(t -> !t.isEmpty());
    }

    public static RestSettings from(Settings s) {
        String host = s.getString(HOST, DEFAULT_HOST).trim();
        String advertised = s.getString(ADVERTISED_HOST, isWildcard(host) ? localHostName() : host).trim();
        String token = s.getString(AUTH_TOKEN, "");
        return new RestSettings(s.getBoolean(ENABLED, false), host, s.getInt(PORT, DEFAULT_PORT), advertised,
                Optional.of(token));
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    /** In a container, its host name: what other containers on the network resolve it by. */
    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(HOST + " is a wildcard and this machine's host name does not resolve ("
                    + e.getMessage() + "): set " + ADVERTISED_HOST + " to the name other instances reach this one by", e);
        }
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "RestSettings[enabled=" + enabled + ", host=" + host + ", port=" + port + ", advertisedHost="
                + advertisedHost + ", authToken=" + (authToken.isPresent() ? "(set)" : "(none)") + "]";
    }
}
