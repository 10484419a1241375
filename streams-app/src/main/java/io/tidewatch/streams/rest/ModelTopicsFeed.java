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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The model catalogue and drift events for the REST API, read straight from the trainer's output topics by a
 * plain consumer on every instance (no consumer group, nothing committed, no part of the topology, so it cannot
 * clash with the stages that consume those topics): the compacted models topic from its beginning (latest
 * snapshot per model: version, learner, state size, examples, progressive metrics, promotion) and the tail of the
 * model-metrics topic (latest metrics per model, the last {@value #DRIFT_KEPT} drift events). Records that do not
 * parse are counted and skipped. Topics that do not exist yet are looked for again every 10 s.
 */
public final class ModelTopicsFeed implements RestDataSources.ModelCatalog, RestDataSources.DriftFeed, MeterBinder,
        AutoCloseable {

    static final int DRIFT_KEPT = 100;
    private static final int METRICS_TAIL = 1000;

    private final String modelsTopic;
    private final String metricsTopic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final ProtobufDeserializer<ModelSnapshot> snapshots;
    private final ProtobufDeserializer<ModelMetrics> metrics;
    private final Map<String, ModelSnapshot> latest = new TreeMap<>();
    private final Map<String, ModelMetrics> latestMetrics = new HashMap<>();
    private final Deque<ModelMetrics> drifts = new ArrayDeque<>();
    private final LongAdder driftEvents = new LongAdder();
    private final LongAdder unreadable = new LongAdder();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile MeterRegistry registry;
    private boolean started;

    /**
     * @param kafka the app's {@code kafka.*} settings (security and bootstrap); only consumer settings are used
     * @param serde the schema-registry settings of the app's serdes
     */
    public ModelTopicsFeed(String modelsTopic, String metricsTopic, Map<String, Object> kafka, Map<String, Object> serde) {
        this.modelsTopic = modelsTopic;
        this.metricsTopic = metricsTopic;
        Map<String, Object> props = new HashMap<>();
        Set<String> known = ConsumerConfig.configNames();
        kafka.forEach((k, v) -> {
            if (known.contains(k) && !k.equals(ConsumerConfig.GROUP_ID_CONFIG)) {
                props.put(k, v);
            }
        });
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tidewatch-rest-models");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.snapshots = new ProtobufDeserializer<>(ModelSnapshot.getDefaultInstance(), serde, false);
        this.metrics = new ProtobufDeserializer<>(ModelMetrics.getDefaultInstance(), serde, false);
        this.thread = new Thread(this::run, "tidewatch-rest-models");
        thread.setDaemon(true);
    }

    public synchronized ModelTopicsFeed start() {
        started = true;
        thread.start();
        return this;
    }

    private void run() {
        try {
            Set<TopicPartition> assigned = Set.of();
            long nextLookNs = 0;
            while (running.get()) {
                if (System.nanoTime() >= nextLookNs) {
                    Set<TopicPartition> found = partitions();
                    if (!found.equals(assigned)) {
                        assign(assigned, found);
                        assigned = found;
                    }
                    nextLookNs = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(500);
                    continue;
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    read(r);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // Closing.
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private Set<TopicPartition> partitions() {
        Set<TopicPartition> out = new java.util.HashSet<>();
        for (String topic : List.of(modelsTopic, metricsTopic)) {
            List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(10)).get(topic);
            if (infos != null) {
                infos.forEach(p -> out.add(new TopicPartition(topic, p.partition())));
            }
        }
        return out;
    }

    /** New partitions: models from the beginning, metrics from their last {@value #METRICS_TAIL} records. */
    private void assign(Set<TopicPartition> before, Set<TopicPartition> now) {
        consumer.assign(now);
        List<TopicPartition> fresh = now.stream().filter(tp -> !before.contains(tp)).toList();
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(fresh);
        Map<TopicPartition, Long> end = consumer.endOffsets(fresh);
        for (TopicPartition tp : fresh) {
            long from = tp.topic().equals(modelsTopic) ? begin.get(tp) : Math.max(begin.get(tp), end.get(tp) - METRICS_TAIL);
            consumer.seek(tp, from);
        }
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
        running.set(false);
        boolean wasStarted;
        synchronized (this) {
            wasStarted = started;
        }
        if (!wasStarted) {
            consumer.close(Duration.ZERO);
        } else {
            consumer.wakeup();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        snapshots.close();
        metrics.close();
    }

    /** For the dashboard: names nothing secret. */
    @Override
    public String toString() {
        return "ModelTopicsFeed[" + modelsTopic + ", " + metricsTopic + "]";
    }
}
