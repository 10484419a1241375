package io.tidewatch.serde;

import java.util.Locale;
import java.util.Map;

/**
 * The serde's own settings, under Confluent's names. Connection settings ({@code schema.registry.url}, basic
 * auth, TLS) are read by {@link io.tidewatch.registry.SchemaRegistryClientConfig} from the same map.
 *
 * @param autoRegisterSchemas register the writer's schema on first use ({@code auto.register.schemas}, default true)
 * @param useLatestVersion    frame records with the subject's latest schema id instead of the writer's own
 *                            ({@code use.latest.version}, default false)
 * @param specificType        the message class the deserializer reads ({@code specific.protobuf.value.type} or
 *                            {@code specific.protobuf.key.type}), or null when given in code
 */
public record ProtobufSerdeConfig(boolean autoRegisterSchemas, boolean useLatestVersion, String specificType) {

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String SPECIFIC_VALUE_TYPE = "specific.protobuf.value.type";
    public static final String SPECIFIC_KEY_TYPE = "specific.protobuf.key.type";

    /** Reads the serde settings from a Kafka client configuration map. */
    public static ProtobufSerdeConfig fromConfigs(Map<String, ?> configs, boolean isKey) {
        if (configs == null) {
            throw new IllegalArgumentException("serde configs are null; expected a map holding schema.registry.url");
        }
        boolean autoRegister = bool(configs, AUTO_REGISTER_SCHEMAS, true);
        boolean useLatest = bool(configs, USE_LATEST_VERSION, false);
        Object type = configs.get(isKey ? SPECIFIC_KEY_TYPE : SPECIFIC_VALUE_TYPE);
        String typeName = type instanceof Class<?> c ? c.getName() : type == null ? null : type.toString().trim();
        return new ProtobufSerdeConfig(autoRegister, useLatest, typeName == null || typeName.isEmpty() ? null : typeName);
    }

    private static boolean bool(Map<String, ?> configs, String key, boolean fallback) {
        Object value = configs.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " '" + value + "' is not a boolean; expected true or false");
        };
    }

    /** TopicNameStrategy: {@code <topic>-key} or {@code <topic>-value}. */
    public static String subject(String topic, boolean isKey) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic '" + topic + "' is blank; expected a Kafka topic name");
        }
        return topic + (isKey ? "-key" : "-value");
    }
}
