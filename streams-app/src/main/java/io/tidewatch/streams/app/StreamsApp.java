package io.tidewatch.streams.app;

import io.tidewatch.config.Settings;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewatch.streams.ecs.EcsDecorator;
import io.tidewatch.streams.ecs.EcsMapper;
import io.tidewatch.streams.flow.FlowAssemblyCounters;
import io.tidewatch.streams.rest.RestDataSources;
import io.tidewatch.streams.rest.RestServer;
import io.tidewatch.streams.rest.RestSettings;
import io.tidewatch.streams.rest.TopicFeeds;
import io.tidewatch.streams.scoring.ScoringCounters;
import io.tidewatch.streams.topology.FlowTopology;
import io.tidewatch.streams.topology.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The streams application as an object: built from settings, started and closed from code (the {@code streams}
 * command, the embedded replay, integration tests), with a way to wait until everything up to given input
 * offsets has been processed and its results committed.
 */
public final class StreamsApp implements AutoCloseable {

    private final Settings settings;
    private final Topics topics;
    private final Properties properties;
    private final Topology topology;
    private final FlowAssemblyCounters counters = new FlowAssemblyCounters();
    private final ScoringCounters scoringCounters = new ScoringCounters();
    private final LongAdder deadLetters = new LongAdder();
    private final ThreadReplacementPolicy threadPolicy;
    private final RestServer rest;
    private final TopicFeeds feeds;
    private KafkaStreams streams;

    private StreamsApp(Settings settings, EcsMapper ecs, RestDataSources restSources) {
        this.settings = settings;
        this.topics = Topics.from(settings);
        this.properties = StreamsAppConfig.properties(settings, topics.name(Topics.DEAD_LETTER), deadLetters);
        StreamsBuilder builder = new StreamsBuilder();
        FlowTopology.build(builder, topics, FlowTopology.Options.from(settings), counters, scoringCounters, ecs);
        RestSettings restSettings = RestSettings.from(settings);
        this.topology = builder.build(properties);
        // Models, drift, alerts and scores as the trainer and the scorer publish them, unless a stage gives a view.
        this.feeds = restSettings.enabled() ? TopicFeeds.over(restSources, topics, settings) : null;
        this.rest = restSettings.enabled()
                ? new RestServer(restSettings, settings, counters, deadLetters::sum, feeds.sources()) : null;
        this.threadPolicy = new ThreadReplacementPolicy(settings.getInt(StreamsAppConfig.THREAD_REPLACEMENTS, 3));
    }

    /** An app from {@code settings} (validated now: a bad value fails here, naming the key). */
    public static StreamsApp create(Settings settings) {
        return create(settings, List.of());
    }

    /**
     * An app whose ECS documents pass through {@code ecsDecorators} before they are written: where scoring adds
     * {@code event.risk_score} and {@code tidewatch.score}.
     */
    public static StreamsApp create(Settings settings, List<EcsDecorator> ecsDecorators) {
        return create(settings, ecsDecorators, RestDataSources.none());
    }

    /**
     * An app that also shows {@code restSources} (alerts, scores, models, drift, their meters) on its REST
     * listener when {@code rest.enabled} is true.
     */
    public static StreamsApp create(Settings settings, List<EcsDecorator> ecsDecorators, RestDataSources restSources) {
        return new StreamsApp(settings, new EcsMapper(new ObjectMapper(), ecsDecorators), restSources);
    }

    public Topology topology() {
        return topology;
    }

    public Topics topics() {
        return topics;
    }

    public Properties properties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    public String applicationId() {
        return properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    /** Starts processing; returns at once. */
    public synchronized void start() {
        if (streams != null) {
            throw new IllegalStateException("streams app " + applicationId() + " was already started");
        }
        requireTopics();
        Properties props = properties;
        if (rest != null) {
            // Bound first: a port 0 becomes the real one other instances are told (application.server).
            var self = rest.bind();
            props = properties();
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        }
        streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(threadPolicy);
        if (rest != null) {
            streams.setGlobalStateRestoreListener(rest.restoreListener());
            rest.attach(streams, storeNames());
        }
        if (feeds != null) {
            feeds.start();
        }
        streams.start();
    }

    /**
     * Fails, naming them and how to create them, when topics the app cannot run without are missing
     * ({@link Topics#requiredAtStart()}): otherwise a missing source topic stalls every task silently and a missing
     * models topic fails the global store thread later with a less helpful error.
     */
    private void requireTopics() {
        Duration timeout = settings.getDuration(StreamsAppConfig.TOPICS_CHECK_TIMEOUT, Duration.ofSeconds(60));
        Object servers = settings.kafkaProperties().get("bootstrap.servers");
        Set<String> existing;
        try (Admin admin = Admin.create(new HashMap<>(settings.kafkaProperties()))) {
            existing = admin.listTopics().names().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the topics of " + servers, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot list the topics of " + servers + " within " + timeout + " ("
                    + StreamsAppConfig.TOPICS_CHECK_TIMEOUT + "): " + cause, cause);
        }
        List<Topics.Spec> missing = topics.requiredAtStart().stream()
                .filter(s -> !existing.contains(s.name())).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(Topics.missingTopicsMessage(missing, String.valueOf(servers)));
        }
    }

    /** The REST listener's base URL once started, when {@code rest.enabled}. */
    public synchronized Optional<String> restUrl() {
        return rest == null || streams == null ? Optional.empty() : Optional.of(rest.url());
    }

    /** The names of the topology's state stores. */
    public Set<String> storeNames() {
        Set<String> names = new java.util.TreeSet<>();
        topology.describe().subtopologies().forEach(st -> st.nodes().forEach(n -> {
            if (n instanceof org.apache.kafka.streams.TopologyDescription.Processor p) {
                names.addAll(p.stores());
            }
        }));
        topology.describe().globalStores().forEach(g -> names.addAll(g.processor().stores()));
        return names;
    }

    public synchronized KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    public FlowAssemblyCounters counters() {
        return counters;
    }

    /** Flows scored, alerts raised and suppressed, model checkpoints, by every task of this process. */
    public ScoringCounters scoringCounters() {
        return scoringCounters;
    }

    /** Records sent to the dead-letter topic because they could not be deserialized. */
    public long deadLetters() {
        return deadLetters.sum();
    }

    /**
     * Waits until this instance has processed and committed every input record below {@code inputEndOffsets},
     * and then everything those records sent through the internal repartition topic. Returns false on timeout.
     * With at-least-once or exactly-once, a committed offset means the outputs of the records before it were
     * flushed, so on return the output topics hold every result of that input.
     */
    public boolean awaitProcessed(Map<TopicPartition, Long> inputEndOffsets, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(new HashMap<>(settings.kafkaProperties()))) {
            if (!awaitCommitted(admin, inputEndOffsets, deadline)) {
                return false;
            }
            return awaitCommitted(admin, internalEndOffsets(admin), deadline);
        }
    }

    private boolean awaitCommitted(Admin admin, Map<TopicPartition, Long> targets, long deadlineNanos)
            throws InterruptedException {
        while (true) {
            KafkaStreams.State s = state();
            if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING
                    || s == KafkaStreams.State.PENDING_SHUTDOWN || s == KafkaStreams.State.PENDING_ERROR) {
                throw new IllegalStateException("streams app " + applicationId() + " is " + s + ": it will not process");
            }
            Map<TopicPartition, Long> committed = committedOffsets(admin);
            boolean done = targets.entrySet().stream()
                    .allMatch(e -> e.getValue() <= 0 || committed.getOrDefault(e.getKey(), -1L) >= e.getValue());
            if (done) {
                return true;
            }
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            Thread.sleep(100);
        }
    }

    /**
     * The application's committed offsets as the group coordinator has them: authoritative across instances
     * and restarts (a task that had nothing new to process never commits, so local task metadata can lag).
     */
    private Map<TopicPartition, Long> committedOffsets(Admin admin) {
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listConsumerGroupOffsets(applicationId()).partitionsToOffsetAndMetadata().get()
                    .forEach((tp, om) -> {
                        if (om != null) {
                            out.put(tp, om.offset());
                        }
                    });
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the committed offsets of " + applicationId(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the committed offsets of group " + applicationId() + ": "
                    + e.getCause().getMessage(), e);
        }
    }

    /** The full names of the app's repartition topics (application id prefixed), from the built topology. */
    public Set<String> repartitionTopics() {
        String prefix = applicationId() + "-";
        Set<String> internal = new java.util.TreeSet<>();
        topology.describe().subtopologies().forEach(st -> st.nodes().forEach(n -> {
            if (n instanceof org.apache.kafka.streams.TopologyDescription.Source src && src.topicSet() != null) {
                src.topicSet().stream().filter(tn -> tn.endsWith("-repartition"))
                        .forEach(tn -> internal.add(tn.startsWith(prefix) ? tn : prefix + tn));
            }
        }));
        return internal;
    }

    private Map<TopicPartition, Long> internalEndOffsets(Admin admin) {
        Set<String> internal = repartitionTopics();
        if (internal.isEmpty()) {
            return Map.of();
        }
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(internal).allTopicNames().get().forEach((name, d) -> d.partitions()
                    .forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            return admin.listOffsets(request).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the end offsets of " + internal, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + internal + ": " + e.getCause().getMessage(), e);
        }
    }

    /** Stops processing, committing what was processed; waits up to {@code streams.close.timeout} (30 s). */
    @Override
    public synchronized void close() {
        if (streams != null) {
            streams.close(settings.getDuration(StreamsAppConfig.CLOSE_TIMEOUT, Duration.ofSeconds(30)));
        }
        if (rest != null) {
            rest.close();
        }
        if (feeds != null) {
            feeds.close();
        }
        topics.packetDynamics().valueSerde().close();
        topics.flows().valueSerde().close();
        topics.scoredFlows().valueSerde().close();
        topics.models().valueSerde().close();
    }
}
