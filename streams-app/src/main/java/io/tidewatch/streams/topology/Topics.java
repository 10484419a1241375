package io.tidewatch.streams.topology;

import io.tidewatch.config.Settings;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.Label;
import io.tidewatch.proto.v1.ModelMetrics;
import io.tidewatch.proto.v1.ModelSnapshot;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.proto.v1.ScoredFlow;
import io.tidewatch.serde.ProtobufSerde;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic the streams app reads or writes, with its serdes, declared in one place. Names are
 * {@code <prefix><logical name>} with the prefix from {@code topics.prefix} (default {@code tidewatch.}), and any
 * single name can be replaced outright by {@code topics.<logical name>} (e.g. {@code topics.flows=corp.net.flows}).
 *
 * <p>Values on the public topics are schema-registry Protobuf (Confluent wire format); the ECS topic is plain JSON
 * text so any sink reads it; the packet-dynamics key is read as raw bytes because the assembler derives the flow
 * identity from the value and must not depend on how a probe chose to encode its key.
 */
public final class Topics {

    public static final String PREFIX_KEY = "topics.prefix";
    public static final String DEFAULT_PREFIX = "tidewatch.";

    public static final String PACKET_DYNAMICS = "packet-dynamics";
    public static final String FLOWS = "flows";
    public static final String SCORED_FLOWS = "scored-flows";
    public static final String SCORED_FLOWS_ECS = "scored-flows.ecs";
    public static final String ALERTS = "alerts";
    public static final String LABELS = "labels";
    public static final String MODEL_METRICS = "model-metrics";
    public static final String MODELS = "models";
    public static final String DEAD_LETTER = "dead-letter";

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** A topic name with the serdes of its key and value. */
    public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    }

    private final Map<String, String> names;
    private final Topic<byte[], PacketDynamicsBatch> packetDynamics;
    private final Topic<String, FlowRecord> flows;
    private final Topic<String, String> scoredFlowsEcs;
    private final Topic<String, ScoredFlow> scoredFlows;
    private final Topic<String, String> alerts;
    private final Topic<String, ModelSnapshot> models;
    private final Topic<byte[], byte[]> deadLetter;
    private final Topic<String, Label> labels;
    private final Topic<String, ModelMetrics> modelMetrics;

    private Topics(Map<String, String> names, Map<String, Object> serdeConfig) {
        this.names = Map.copyOf(names);
        this.packetDynamics = new Topic<>(name(PACKET_DYNAMICS), Serdes.ByteArray(),
                new ProtobufSerde<>(PacketDynamicsBatch.getDefaultInstance(), serdeConfig, false));
        this.flows = new Topic<>(name(FLOWS), Serdes.String(),
                new ProtobufSerde<>(FlowRecord.getDefaultInstance(), serdeConfig, false));
        this.scoredFlowsEcs = new Topic<>(name(SCORED_FLOWS_ECS), Serdes.String(), Serdes.String());
        this.scoredFlows = new Topic<>(name(SCORED_FLOWS), Serdes.String(),
                new ProtobufSerde<>(ScoredFlow.getDefaultInstance(), serdeConfig, false));
        // ECS JSON, key = alert id (an update of an alert reuses its id).
        this.alerts = new Topic<>(name(ALERTS), Serdes.String(), Serdes.String());
        // Compacted; key = model id.
        this.models = new Topic<>(name(MODELS), Serdes.String(),
                new ProtobufSerde<>(ModelSnapshot.getDefaultInstance(), serdeConfig, false));
        this.deadLetter = new Topic<>(name(DEAD_LETTER), Serdes.ByteArray(), Serdes.ByteArray());
        this.labels = new Topic<>(name(LABELS), Serdes.String(),
                new ProtobufSerde<>(Label.getDefaultInstance(), serdeConfig, false));
        this.modelMetrics = new Topic<>(name(MODEL_METRICS), Serdes.String(),
                new ProtobufSerde<>(ModelMetrics.getDefaultInstance(), serdeConfig, false));
    }

    /**
     * Topics named from {@code settings}; the registry serdes are configured from its {@code schema.registry.*},
     * {@code basic.auth.*}, {@code auto.register.schemas} and {@code use.latest.version} keys.
     */
    public static Topics from(Settings settings) {
        String prefix = settings.getString(PREFIX_KEY, DEFAULT_PREFIX);
        Map<String, String> names = new LinkedHashMap<>();
        for (String logical : new String[] {PACKET_DYNAMICS, FLOWS, SCORED_FLOWS, SCORED_FLOWS_ECS, ALERTS, LABELS,
                MODEL_METRICS, MODELS, DEAD_LETTER}) {
            String name = settings.getString("topics." + logical, prefix + logical);
            if (!LEGAL.matcher(name).matches() || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("topic name '" + name + "' for " + logical
                        + ": expected 1..249 characters of a-z, A-Z, 0-9, '.', '_' or '-' (check topics.prefix and topics."
                        + logical + ")");
            }
            names.put(logical, name);
        }
        return new Topics(names, serdeConfig(settings));
    }

    static Map<String, Object> serdeConfig(Settings settings) {
        Map<String, Object> out = new LinkedHashMap<>();
        settings.asMap().forEach((k, v) -> {
            if (k.startsWith("schema.registry.") || k.startsWith("basic.auth.") || k.equals("auto.register.schemas")
                    || k.equals("use.latest.version") || k.startsWith("bearer.auth.")) {
                out.put(k, v);
            }
        });
        if (!out.containsKey("schema.registry.url")) {
            throw new IllegalArgumentException("setting 'schema.registry.url' is required (set it in the config file, as "
                    + Settings.keyToEnv("schema.registry.url") + ", or with --schema-registry-url)");
        }
        return out;
    }

    /** The configured name of logical topic {@code logical} (one of the constants here). */
    public String name(String logical) {
        String n = names.get(logical);
        if (n == null) {
            throw new IllegalArgumentException("unknown logical topic '" + logical + "': expected one of " + names.keySet());
        }
        return n;
    }

    public Topic<byte[], PacketDynamicsBatch> packetDynamics() {
        return packetDynamics;
    }

    public Topic<String, FlowRecord> flows() {
        return flows;
    }

    public Topic<String, String> scoredFlowsEcs() {
        return scoredFlowsEcs;
    }

    /** Scored flows (ScoredFlow Protobuf), key = flow id. */
    public Topic<String, ScoredFlow> scoredFlows() {
        return scoredFlows;
    }

    /** Alerts as ECS JSON, key = alert id. */
    public Topic<String, String> alerts() {
        return alerts;
    }

    /** The compacted model snapshots topic (ModelSnapshot Protobuf), key = model id. */
    public Topic<String, ModelSnapshot> models() {
        return models;
    }

    public Topic<byte[], byte[]> deadLetter() {
        return deadLetter;
    }

    /** Analyst verdicts; the key is free (the label stage re-keys), values are {@link Label}. */
    public Topic<String, Label> labels() {
        return labels;
    }

    /** Progressive-validation metrics and drift events of the trained models, keyed by model id. */
    public Topic<String, ModelMetrics> modelMetrics() {
        return modelMetrics;
    }
}
