package io.tidewatch.learners.catalog;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Hyper-parameters given by name ({@code --param trees=10}). Each getter names the key and the expected type in
 * its error, and {@link #checkAllUsed} rejects keys the learner does not know, so a typo never passes silently.
 */
public final class Params {

    private final Map<String, String> values;
    private final Set<String> used = new HashSet<>();

    public Params(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Params none() {
        return new Params(Map.of());
    }

    /** Parses {@code k=v} strings. */
    public static Params parse(Iterable<String> pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("param '" + pair + "': expected key=value");
            }
            map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return new Params(map);
    }

    public int getInt(String key, int defaultValue) {
        String v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("param " + key + "='" + v + "': expected an integer");
        }
    }

    public long getLong(String key, long defaultValue) {
        String v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("param " + key + "='" + v + "': expected an integer");
        }
    }

    public double getDouble(String key, double defaultValue) {
        String v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("param " + key + "='" + v + "': expected a number");
        }
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        String v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("param " + key + "='" + v + "': expected true or false");
    }

    public String getString(String key, String defaultValue) {
        String v = raw(key);
        return v == null ? defaultValue : v;
    }

    /** Throws naming every key that no getter asked for. */
    public void checkAllUsed(String learner) {
        Set<String> unknown = new HashSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("learner " + learner + ": unknown param(s) " + unknown
                    + "; known: " + used);
        }
    }

    private String raw(String key) {
        used.add(key);
        return values.get(key);
    }
}
