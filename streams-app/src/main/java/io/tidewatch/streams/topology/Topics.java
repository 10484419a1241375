package io.tidewatch.streams.topology;

import io.tidewatch.config.Settings;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.Label;
import io.tidewatch.proto.v1.ModelMetrics;
import io.tidewatch.proto.v1.ModelSnapshot;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.proto.v1.ScoredFlow;
import io.tidewatch.serde.ProtobufSerde;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** Every logical topic, in the order {@link #specs()} lists them. */
    public static final List<String> LOGICAL = List.of(PACKET_DYNAMICS, FLOWS, SCORED_FLOWS, SCORED_FLOWS_ECS, ALERTS,
            LABELS, MODEL_METRICS, MODELS, DEAD_LETTER);

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** A topic name with the serdes of its key and value. */
    public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    }

    /**
     * A topic as it must be created: its configured name, the topic configs it needs (beyond the cluster's
     * defaults), and whether the app must find it before it starts.
     *
     * @param requiredAtStart the app refuses to start without it: nothing else would create it (as the broker's
     *                        auto-creation would, with the wrong configs) and the app cannot make progress without it
     */
    public record Spec(String logical, String name, Map<String, String> configs, boolean requiredAtStart) {

        public Spec {
            configs = Map.copyOf(configs);
        }

        /** The {@code kafka-topics.sh} command that creates it (partitions and replication are the operator's). */
        public String createCommand() {
            StringBuilder b = new StringBuilder("kafka-topics.sh --bootstrap-server <broker> --create --topic ").append(name);
            new java.util.TreeMap<>(configs).forEach((k, v) -> b.append(" --config ").append(k).append('=').append(v));
            return b.toString();
        }
    }

    /** The topic configs of the compacted models topic: one value (the latest snapshot) per model id. */
    public static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");

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
        for (String logical : LOGICAL) {
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

    /** The schema-registry settings the app's Protobuf serdes are configured with. */
    public static Map<String, Object> serdeConfig(Settings settings) {
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

    /**
     * Every topic the app reads or writes, in a fixed order, with what it needs: the one list that deployments
     * (compose), the embedded replay and the tests create topics from.
     *
     * <p>Required before start: {@code labels}, read by the label stage (Kafka Streams assigns no task of the
     * whole application while one of its source topics is missing, so a deployment that never labels would
     * process nothing, silently), and {@code models}, the source of the global store {@code supervised-models}
     * (global stores need their topic at start), which must be compacted: it holds the latest snapshot per model
     * id and is read from the beginning on every start. {@code packet-dynamics} is not: the app waiting for its
     * probes is normal (it reports not ready). Output topics are created by the broker on first write when it
     * allows auto-creation; create them to choose partitions and retention.
     */
    public List<Spec> specs() {
        List<Spec> out = new ArrayList<>();
        for (String logical : LOGICAL) {
            boolean required = logical.equals(LABELS) || logical.equals(MODELS);
            out.add(new Spec(logical, name(logical), logical.equals(MODELS) ? COMPACTED : Map.of(), required));
        }
        return out;
    }

    /** {@link #specs()} as topic name to its configs, in order: what a topic creator (a local stack) takes. */
    public Map<String, Map<String, String>> configsByName() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        specs().forEach(s -> out.put(s.name(), s.configs()));
        return out;
    }

    /**
     * {@link #specs()} as admin-client topics of {@code partitions} partitions and {@code replication}, each with
     * {@code extraConfigs} (e.g. {@code retention.ms=-1} for a replay of an old capture) under its own configs.
     */
    public List<org.apache.kafka.clients.admin.NewTopic> newTopics(int partitions, short replication,
            Map<String, String> extraConfigs) {
        List<org.apache.kafka.clients.admin.NewTopic> out = new ArrayList<>();
        for (Spec s : specs()) {
            Map<String, String> config = new LinkedHashMap<>(extraConfigs);
            config.putAll(s.configs());
            out.add(new org.apache.kafka.clients.admin.NewTopic(s.name(), partitions, replication).configs(config));
        }
        return out;
    }

    /** The topics of {@link #specs()} the app must find before it starts. */
    public List<Spec> requiredAtStart() {
        return specs().stream().filter(Spec::requiredAtStart).toList();
    }

    /**
     * The error for a start with {@code missing} topics absent: names them and says how to create them. The
     * wording is the app's contract with operators, so it lives beside the list.
     */
    public static String missingTopicsMessage(List<Spec> missing, String bootstrapServers) {
        StringBuilder b = new StringBuilder("the streams app needs topic");
        b.append(missing.size() == 1 ? " " : "s ");
        b.append(String.join(", ", missing.stream().map(Spec::name).toList()));
        b.append(" on ").append(bootstrapServers).append(" before it starts, and ")
                .append(missing.size() == 1 ? "it does" : "they do").append(" not exist; create them, e.g.:");
        for (Spec s : missing) {
            b.append(System.lineSeparator()).append("  ").append(s.createCommand());
            if (s.logical().equals(MODELS)) {
                b.append("   (compacted: the latest snapshot per model id is read on every start)");
            }
        }
        return b.toString();
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
