package io.tidewatch.streams.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tidewatch.proto.v1.ModelMetrics;
import io.tidewatch.proto.v1.ModelSnapshot;
import io.tidewatch.serde.ProtobufDeserializer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The model catalogue and drift events for the REST API, read straight from the trainer's output topics by a
 * {@link TopicTail} on every instance: the compacted models topic from its beginning (latest
 * snapshot per model: version, learner, state size, examples, progressive metrics, promotion) and the tail of the
 * model-metrics topic (latest metrics per model, the last {@value #DRIFT_KEPT} drift events). Records that do not
 * parse are counted and skipped.
 */
public final class ModelTopicsFeed implements RestDataSources.ModelCatalog, RestDataSources.DriftFeed, MeterBinder,
        AutoCloseable {

    static final int DRIFT_KEPT = 100;
    private static final int METRICS_TAIL = 1000;

    private final String modelsTopic;
    private final String metricsTopic;
    private final TopicTail tail;
    private final ProtobufDeserializer<ModelSnapshot> snapshots;
    private final ProtobufDeserializer<ModelMetrics> metrics;
    private final Map<String, ModelSnapshot> latest = new TreeMap<>();
    private final Map<String, ModelMetrics> latestMetrics = new HashMap<>();
    private final Deque<ModelMetrics> drifts = new ArrayDeque<>();
    private final LongAdder driftEvents = new LongAdder();
    private final LongAdder unreadable = new LongAdder();
    private volatile MeterRegistry registry;

    /**
     * @param kafka the app's {@code kafka.*} settings (security and bootstrap); only consumer settings are used
     * @param serde the schema-registry settings of the app's serdes
     */
    public ModelTopicsFeed(String modelsTopic, String metricsTopic, Map<String, Object> kafka, Map<String, Object> serde) {
        this.modelsTopic = modelsTopic;
        this.metricsTopic = metricsTopic;
        this.snapshots = new ProtobufDeserializer<>(ModelSnapshot.getDefaultInstance(), serde, false);
        this.metrics = new ProtobufDeserializer<>(ModelMetrics.getDefaultInstance(), serde, false);
        this.tail = new TopicTail("tidewatch-rest-models",
                Map.of(modelsTopic, TopicTail.FROM_BEGINNING, metricsTopic, (long) METRICS_TAIL), kafka, this::read);
    }

    public ModelTopicsFeed start() {
        tail.start();
        return this;
    }

    private void read(ConsumerRecord<String, byte[]> r) {
        try {
            if (r.topic().equals(modelsTopic)) {
                String id = r.key();
                boolean added = false;
                synchronized (this) {
                    if (r.value() == null) {
                        latest.remove(id);
                    } else {
                        ModelSnapshot s = snapshots.deserialize(r.topic(), r.value());
                        id = s.getModelId().isEmpty() ? String.valueOf(id) : s.getModelId();
                        added = latest.put(id, s) == null;
                    }
                }
                MeterRegistry reg = registry;
                if (added && reg != null) {
                    String model = id;
                    Gauge.builder("tidewatch.model.version", this, f -> f.version(model)).tag("model", model)
                            .description("Latest snapshot version of the model").register(reg);
                }
            } else if (r.value() != null) {
                ModelMetrics m = metrics.deserialize(r.topic(), r.value());
                synchronized (this) {
                    latestMetrics.put(m.getModelId(), m);
                    if (m.hasDrift()) {
                        driftEvents.increment();
                        drifts.addFirst(m);
                        while (drifts.size() > DRIFT_KEPT) {
                            drifts.removeLast();
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            unreadable.increment();
        }
    }

    /** Records on either topic that could not be parsed and were skipped. */
    public long unreadable() {
        return unreadable.sum();
    }

    @Override
    public boolean modelsAvailable() {
        return tail.found(modelsTopic);
    }

    @Override
    public boolean driftAvailable() {
        return tail.found(metricsTopic);
    }

    @Override
    public synchronized JsonNode models() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        Set<String> ids = new java.util.TreeSet<>(latest.keySet());
        ids.addAll(latestMetrics.keySet());
        for (String id : ids) {
            ObjectNode o = out.addObject();
            o.put("name", id);
            ModelSnapshot s = latest.get(id);
            if (s != null) {
                o.put("version", s.getVersion());
                o.put("learner", s.getLearner());
                o.put("size_bytes", s.getState().size());
                o.put("examples_seen", s.getExamplesSeen());
                o.put("promoted", s.getPromoted());
                o.put("created_at", Instant.ofEpochMilli(s.getCreatedAtMs()).toString());
            }
            ModelMetrics m = latestMetrics.get(id);
            ObjectNode metricsNode = o.putObject("metrics");
            if (m != null) {
                o.put("metrics_version", m.getVersion());
                o.put("examples", m.getExamples());
                new TreeMap<>(m.getCumulativeMap()).forEach(metricsNode::put);
            } else if (s != null) {
                new TreeMap<>(s.getMetricsMap()).forEach(metricsNode::put);
            }
        }
        return out;
    }

    @Override
    public synchronized JsonNode recent(int limit) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        drifts.stream().limit(limit).forEach(m -> {
            ObjectNode o = out.addObject();
            o.put("time", Instant.ofEpochMilli(m.getAtMs()).toString());
            o.put("model", m.getModelId());
            o.put("version", m.getVersion());
            o.put("detector", m.getDrift().getDetector());
            o.put("signal", m.getDrift().getSignal());
            o.put("action", m.getDrift().getAction());
        });
        return out;
    }

    /**
     * {@code tidewatch_drift_events_total}, {@code tidewatch_models}, and {@code tidewatch_model_version{model}}
     * registered by the consumer thread as models appear. Bind before {@link #start}.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        FunctionCounter.builder("tidewatch.drift.events", driftEvents, LongAdder::sum)
                .description("Drift events read from the model-metrics topic").register(registry);
        FunctionCounter.builder("tidewatch.model.records.unreadable", unreadable, LongAdder::sum)
                .description("Model or model-metrics records that did not parse").register(registry);
        Gauge.builder("tidewatch.models", this, f -> f.modelCount()).description("Models known from the models topic")
                .register(registry);
    }

    private synchronized double modelCount() {
        return latest.size();
    }

    private synchronized double version(String id) {
        ModelSnapshot s = latest.get(id);
        return s == null ? Double.NaN : s.getVersion();
    }

    @Override
    public void close() {
        tail.close();
        snapshots.close();
        metrics.close();
    }

}
