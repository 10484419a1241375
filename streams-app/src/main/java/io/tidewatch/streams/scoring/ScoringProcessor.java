package io.tidewatch.streams.scoring;

import com.google.protobuf.Message;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.ModelRef;
import io.tidewatch.proto.v1.ScoredFlow;
import io.tidewatch.streams.features.FeatureSets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Scores each enriched flow with the task's unsupervised ensemble (score first, then learn), blends in the promoted
 * supervised model if there is one, and emits a {@link ScoredFlow}.
 *
 * <p>Models live in memory while the task runs and are written to the persistent, changelogged store
 * {@link #MODEL_STORE} every {@code scoring.checkpoint.flows} flows, every {@code scoring.checkpoint.interval}
 * of wall-clock time, and when the task closes; they are read back from it on the first flow after a (re)start, so
 * a restarted or migrated task continues with the learned model and no second burn-in. A crash (no clean close)
 * loses what was learned since the last checkpoint: at most that many flows of learning, which only makes the
 * model slightly less up to date, while re-encoding a model of hundreds of kilobytes per flow would cost more
 * than scoring itself.
 */
public final class ScoringProcessor implements Processor<String, FlowRecord, String, Message> {

    public static final String MODEL_STORE = "scoring-models";
    public static final String UNSUPERVISED_PREFIX = "unsupervised:";
    private static final java.util.HexFormat HEX = java.util.HexFormat.of();

    private final ScoringConfig config;
    private final ScoringCounters counters;
    private final Map<String, EnsembleModel> models = new HashMap<>();
    private final Map<String, Long> dirty = new HashMap<>();
    private final ScoringHooks hooks;
    private ProcessorContext<String, Message> context;
    private KeyValueStore<String, byte[]> store;
    private SupervisedModels supervised;
    private long sinceCheckpoint;

    public ScoringProcessor(ScoringConfig config, ScoringCounters counters) {
        this(config, counters, ScoringHooks.NONE);
    }

    /** A processor whose task also runs {@code hooks} (score drift, model exchange); it forwards their records. */
    public ScoringProcessor(ScoringConfig config, ScoringCounters counters, ScoringHooks hooks) {
        if (config == null || counters == null || hooks == null) {
            throw new IllegalArgumentException("scoring processor: expected a config, counters and hooks");
        }
        this.config = config;
        this.counters = counters;
        this.hooks = hooks;
    }

    @Override
    public void init(ProcessorContext<String, Message> context) {
        this.context = context;
        this.store = context.getStateStore(MODEL_STORE);
        this.supervised = new SupervisedModels(context.getStateStore(SupervisedModels.STORE),
                counters.supervisedDecodeFailures);
        hooks.init(context.taskId().partition(), store, context.getStateStore(SupervisedModels.STORE));
        context.schedule(config.checkpointInterval(), PunctuationType.WALL_CLOCK_TIME, t -> checkpoint());
    }

    @Override
    public void process(Record<String, FlowRecord> record) {
        FlowRecord flow = record.value();
        if (flow == null) {
            return;
        }
        ScoredFlow.Builder out = ScoredFlow.newBuilder().setFlow(flow).setScoredAtMs(System.currentTimeMillis());
        List<String> names = namesOf(flow);
        if (names == null) {
            counters.unscorable.increment();
            context.forward(record.withValue(out.setBurnIn(true).build()));
            return;
        }
        double[] x = new double[names.size()];
        for (int i = 0; i < x.length; i++) {
            double v = flow.getFeatures(i);
            if (Double.isFinite(v)) {
                x[i] = v;
            } else {
                counters.nonFiniteValues.increment();
            }
        }
        String fs = flow.getFeatureSet();
        EnsembleModel model = models.computeIfAbsent(fs, id -> load(id, names));
        // The originator is the host the flow teaches about: its fair share of learning is counted per model.
        String source = HEX.formatHex(flow.getOriginator().getIp().toByteArray());
        EnsembleModel.Scored s = model.scoreThenLearn(x, source, flow.getEndNs(), config);
        boolean burnIn = s.flowsBefore() < config.burnInFlows();
        forward(hooks.afterScore(fs, model, s, burnIn, record.timestamp()), record.timestamp());
        double score = s.score();
        out.addAllDetectorScores(s.detectors()).addAllReasons(s.reasons()).setBurnIn(burnIn)
                .addModels(ModelRef.newBuilder().setModelId(UNSUPERVISED_PREFIX + fs).setVersion(model.version())
                        .setExamplesSeen(s.flowsBefore()));
        SupervisedModels.Loaded sup = supervised.current();
        if (sup != null && (sup.featureSet().isEmpty() || sup.featureSet().equals(fs))) {
            double p = supervisedProbability(sup, flow);
            if (!Double.isNaN(p)) {
                out.setSupervisedProbability(p).setSupervisedClass(p >= 0.5 ? "malicious" : "benign")
                        .addModels(ModelRef.newBuilder().setModelId(SupervisedModels.MODEL_ID)
                                .setVersion(sup.version()).setExamplesSeen(sup.examplesSeen()));
                score = Combiner.blend(score, p, config.supervisedWeight());
                counters.supervisedBlended.increment();
            }
        }
        out.setScore(Math.min(1, Math.max(0, score)));
        counters.flowsScored.increment();
        if (burnIn) {
            counters.burnInFlows.increment();
        }
        dirty.merge(fs, 1L, Long::sum);
        context.forward(record.withValue(out.build()));
        if (++sinceCheckpoint >= config.checkpointFlows()) {
            checkpoint();
        }
    }

    private void forward(List<ScoringHooks.Side> sides, long timestamp) {
        for (ScoringHooks.Side side : sides) {
            context.forward(new Record<>(side.key(), side.value(), timestamp));
        }
    }

    /** The classifier sees exactly the raw feature vector; its own pipeline transforms it. */
    private double supervisedProbability(SupervisedModels.Loaded sup, FlowRecord flow) {
        double[] raw = new double[flow.getFeaturesCount()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = flow.getFeatures(i);
        }
        try {
            double[] proba = sup.classifier().predictProba(raw);
            return proba.length > 1 && Double.isFinite(proba[1]) ? proba[1] : Double.NaN;
        } catch (IllegalArgumentException e) {
            // A model trained on another vector shape: counted, and the flow keeps its unsupervised score.
            counters.supervisedDecodeFailures.increment();
            return Double.NaN;
        }
    }

    private List<String> namesOf(FlowRecord flow) {
        if (flow.getFeatureSet().isEmpty() || flow.getFeaturesCount() == 0) {
            return null;
        }
        try {
            List<String> names = FeatureSets.names(flow.getFeatureSet());
            return names.size() == flow.getFeaturesCount() ? names : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private EnsembleModel load(String featureSet, List<String> names) {
        byte[] stored = store.get(featureSet);
        if (stored != null) {
            try {
                EnsembleModel m = EnsembleModel.decode(stored, names, config);
                if (m != null) {
                    counters.modelsRestored.increment();
                    hooks.restored(featureSet, m);
                    return m;
                }
            } catch (IllegalArgumentException e) {
                // An unreadable model is replaced by a fresh one (a new burn-in) rather than stopping the task.
                counters.unscorable.increment();
            }
        }
        EnsembleModel seeded = hooks.seed(featureSet, names);
        return seeded != null ? seeded : EnsembleModel.create(featureSet, names, config);
    }

    /** Writes every model that learned since its last checkpoint. */
    void checkpoint() {
        checkpoint(true);
    }

    /** {@code publish}: also forward what the hooks make of it (not while closing, when nothing may be forwarded). */
    private void checkpoint(boolean publish) {
        for (Map.Entry<String, Long> e : dirty.entrySet()) {
            EnsembleModel m = models.get(e.getKey());
            m.nextVersion();
            byte[] bytes = m.encode();
            store.put(e.getKey(), bytes);
            counters.checkpoints.increment();
            counters.checkpointBytes.add(bytes.length);
            if (publish) {
                long now = Math.max(0, context.currentStreamTimeMs());
                forward(hooks.checkpointed(e.getKey(), m, now), now);
            }
        }
        dirty.clear();
        sinceCheckpoint = 0;
    }

    @Override
    public void close() {
        if (store != null) {
            checkpoint(false);
        }
    }
}
