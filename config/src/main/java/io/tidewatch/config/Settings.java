package io.tidewatch.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One process's configuration, layered: built-in defaults, then a properties file, then {@code TIDEWATCH_*}
 * environment variables, then command-line flags; later layers win. Keys are dotted lower case
 * ({@code flow.idle.timeout.ms}); every {@code kafka.*} key is handed to the Kafka clients unchanged (prefix
 * stripped), so SASL_SSL, mTLS or SCRAM need no code.
 *
 * <p>Environment names map onto keys as Confluent's images do, so any key can be set from a container:
 * strip {@code TIDEWATCH_}, lower-case, then {@code ___} becomes {@code -}, {@code __} becomes {@code _} and
 * {@code _} becomes {@code .}. Example: {@code TIDEWATCH_KAFKA_SASL_JAAS_CONFIG} is {@code kafka.sasl.jaas.config}.
 */
public final class Settings {

    public static final String ENV_PREFIX = "TIDEWATCH_";
    public static final String KAFKA_PREFIX = "kafka.";

    // Names that hold secrets: Kafka's and the registry's passwords, JAAS configs (which embed passwords), basic-auth
    // user info, bearer/OAuth tokens and client secrets, and keys ending in ".key" (PEM private keys such as
    // ssl.keystore.key, the probe's pseudonymization key).
    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(password|secret|token|jaas|credential|user\\.info|key\\.pass).*|(?i)(.*\\.)?key");

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Settings from explicit values only (tests, embedded use). */
    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    /**
     * Loads the layers. {@code configFile} may be null; {@code env} is usually {@code System.getenv()};
     * {@code flags} are the command line's explicit values (null values are ignored: the flag was not given).
     */
    public static Settings load(Map<String, String> defaults, Path configFile, Map<String, String> env,
            Map<String, String> flags) {
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        if (configFile != null) {
            merged.putAll(readFile(configFile));
        }
        merged.putAll(fromEnvironment(env));
        flags.forEach((k, v) -> {
            if (v != null) {
                merged.put(k, v);
            }
        });
        return new Settings(merged);
    }

    static Map<String, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("config file '" + file + "': not found or not a regular file");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("config file '" + file + "': cannot be read as properties: "
                    + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            out.put(name.trim(), p.getProperty(name).trim());
        }
        return out;
    }

    /** The {@code TIDEWATCH_*} variables of {@code env} as keys. */
    public static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                out.put(envToKey(name), value);
            }
        });
        return out;
    }

    /** {@code TIDEWATCH_KAFKA_SASL_JAAS_CONFIG} to {@code kafka.sasl.jaas.config}. */
    public static String envToKey(String envName) {
        String s = envName.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
        // Placeholders survive the single-underscore pass; the order (___ before __ before _) matters.
        return s.replace("___", "\u0001").replace("__", "\u0002").replace('_', '.')
                .replace('\u0001', '-').replace('\u0002', '_');
    }

    /** The inverse of {@link #envToKey}, for docs and for checking that a deployment sets only known variables. */
    public static String keyToEnv(String key) {
        return ENV_PREFIX + key.replace("_", "__").replace("-", "___").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String getString(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    public String require(String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("setting '" + key + "' is required (set it in the config file, as "
                    + keyToEnv(key) + ", or by its command-line flag)");
        }
        return v;
    }

    public int getInt(String key, int defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + "=" + shown(key, v) + ": expected an integer");
        }
    }

    public long getLong(String key, long defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + "=" + shown(key, v) + ": expected an integer");
        }
    }

    public double getDouble(String key, double defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + "=" + shown(key, v) + ": expected a number");
        }
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new IllegalArgumentException("setting " + key + "=" + shown(key, v) + ": expected true or false");
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    /** A duration written as {@code 1500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or a bare number of milliseconds. */
    public Duration getDuration(String key, Duration defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        Matcher m = DURATION.matcher(v.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("setting " + key + "=" + shown(key, v) + ": expected a duration such as 500ms, 30s, 5m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMillis(n);
        };
    }

    /** Every {@code kafka.*} setting with the prefix stripped, ready for a Kafka client's config map. */
    public Map<String, Object> kafkaProperties() {
        return withPrefix(KAFKA_PREFIX);
    }

    /** Every setting under {@code prefix}, the prefix stripped. */
    public Map<String, Object> withPrefix(String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** A copy with {@code key} set. */
    public Settings with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new Settings(copy);
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** True for keys whose values must never be printed (passwords, secrets, tokens, JAAS configs). */
    public static boolean isSecret(String key) {
        return SECRET.matcher(key).matches();
    }

    /** {@code value} quoted for a message about {@code key}, or {@code [redacted]} when the key holds a secret. */
    public static String shown(String key, String value) {
        return isSecret(key) ? "[redacted]" : "'" + value + "'";
    }

    /** The settings as {@code key=value} lines with secret values replaced by {@code [redacted]}: safe to log. */
    public String redacted() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(k).append('=').append(isSecret(k) ? "[redacted]" : v).append('\n'));
        return sb.toString();
    }

    @Override
    public String toString() {
        return redacted();
    }
}
