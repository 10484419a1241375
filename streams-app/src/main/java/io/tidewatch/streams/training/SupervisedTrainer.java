package io.tidewatch.streams.training;

import com.google.protobuf.Message;
import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Classifier;
import io.tidewatch.proto.v1.DriftEvent;
import io.tidewatch.proto.v1.ModelMetrics;
import io.tidewatch.proto.v1.ModelSnapshot;
import io.tidewatch.streams.labels.Example;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single supervised trainer. Each example is predicted, scored, fed to ADWIN as an error (0 or 1), and only
 * then learned (progressive validation). It publishes {@link ModelMetrics} every {@code metrics.every} examples and
 * on a drift (a rise of the error ADWIN detects), and a {@link ModelSnapshot} every {@code snapshot.examples}
 * examples or {@code snapshot.interval}, on a drift (demoted until its window re-qualifies), and bumps the version
 * each time.
 *
 * <p>The live model stays in memory; it is written to the state store (with the metrics and ADWIN) every
 * {@code checkpoint.examples} examples, every {@code checkpoint.interval}, at every snapshot and on close. A crash
 * loses at most the learning since the last checkpoint (by default under 200 examples or 10 s): the examples
 * themselves are re-read only back to the last commit, so those few are not learned again. That is the price of
 * not re-encoding a model of hundreds of KB per example, and it costs a labelled stream a fraction of a percent.
 */
final class SupervisedTrainer implements Processor<String, Example, String, Message> {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisedTrainer.class);

    private final TrainerOptions options;
    private ProcessorContext<String, Message> context;
    private KeyValueStore<String, byte[]> store;
    private TrainerState state;
    private long checkpointAtExamples;
    private long lastSnapshotWallMs;
    private Sensor skipped;

    SupervisedTrainer(TrainerOptions options) {
        this.options = options;
    }

    @Override
    public void init(ProcessorContext<String, Message> context) {
        this.context = context;
        this.store = context.getStateStore(TrainingTopology.TRAINER_STORE);
        lastSnapshotWallMs = context.currentSystemTimeMs();
        skipped = context.metrics().addRateTotalSensor("tidewatch-training", "task-" + context.taskId(),
                "examples-skipped", Sensor.RecordingLevel.INFO);
        context.schedule(options.checkpointInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
            loadState();
            if (now - lastSnapshotWallMs >= options.snapshotInterval().toMillis() && state.examples > state.snapshotAtExamples) {
                snapshot(now, context.currentStreamTimeMs());
            } else {
                checkpoint();
            }
        });
    }

    @Override
    public void process(Record<String, Example> record) {
        Example e = record.value();
        if (e == null) {
            return;
        }
        loadState();
        if (state.model == null) {
            state.model = options.newModel(e.features().length);
            state.featureSet = e.featureSet();
            state.featureCount = e.features().length;
        }
        if (!state.featureSet.equals(e.featureSet()) || e.features().length != featureCount()) {
            skipped.record();
            LOG.warn("example of flow {} skipped: feature set {} with {} values, the model takes {} with {}",
                    e.flowId(), e.featureSet(), e.features().length, state.featureSet, featureCount());
            return;
        }
        Classifier model = state.model;
        double[] proba;
        try {
            proba = model.predictProba(e.features());
            state.metrics.record(e.malicious(), proba, e.attackClass());
            model.learn(e.features(), e.malicious());
        } catch (IllegalArgumentException bad) {
            skipped.record();
            LOG.warn("example of flow {} skipped: {}", e.flowId(), bad.getMessage());
            return;
        }
        state.examples++;
        int predicted = proba[1] > proba[0] ? 1 : 0;
        double before = state.adwin.estimation();
        boolean cut = state.adwin.add(predicted == e.malicious() ? 0 : 1);
        long at = record.timestamp();
        if (cut && state.adwin.estimation() > before) {
            state.metrics.restartWindow();
            publishMetrics(at, DriftEvent.newBuilder().setDetector("adwin").setSignal("supervised-error")
                    .setAction("windowed metrics restarted and model demoted until they pass the bar again; the "
                            + "learner adapts on its own (" + options.learner() + ")")
                    .build());
            snapshot(context.currentSystemTimeMs(), at);
            return;
        }
        if (state.examples % options.metricsEvery() == 0) {
            publishMetrics(at, null);
        }
        if (state.examples - state.snapshotAtExamples >= options.snapshotExamples()) {
            snapshot(context.currentSystemTimeMs(), at);
        } else if (state.examples - checkpointAtExamples >= options.checkpointExamples()) {
            checkpoint();
        }
    }

    /** Reads the stored state on first use, once the store holds what was restored from its changelog. */
    private void loadState() {
        if (state != null) {
            return;
        }
        byte[] saved = store.get(options.modelId());
        state = saved == null ? new TrainerState(options.driftDelta(), options.metricsWindow())
                : TrainerState.decode(saved);
        checkpointAtExamples = state.examples;
        if (saved != null) {
            LOG.info("trainer {} resumed at version {} after {} examples", options.modelId(), state.version,
                    state.examples);
        }
    }

    private int featureCount() {
        return state.featureCount;
    }

    private void publishMetrics(long atMs, DriftEvent drift) {
        ModelMetrics.Builder m = ModelMetrics.newBuilder().setModelId(options.modelId()).setVersion(state.version)
                .setAtMs(atMs).setExamples(state.examples)
                .putAllCumulative(state.metrics.cumulative()).putAllWindowed(state.metrics.windowed());
        if (drift != null) {
            m.setDrift(drift);
        }
        context.forward(new Record<>(options.modelId(), m.build(), atMs));
    }

    private void snapshot(long wallMs, long atMs) {
        if (state.model == null) {
            return;
        }
        state.version++;
        state.snapshotAtExamples = state.examples;
        state.promoted = state.metrics.windowCount() >= options.promoteMinExamples()
                && state.metrics.windowedF1() >= options.promoteF1();
        Map<String, Double> windowed = state.metrics.windowed();
        ModelSnapshot s = ModelSnapshot.newBuilder().setModelId(options.modelId()).setVersion(state.version)
                .setLearner(options.learner()).setCodecVersion(state.model.codecVersion())
                .setState(com.google.protobuf.ByteString.copyFrom(ModelCodec.encode(state.model)))
                .setExamplesSeen(state.examples).setFeatureSet(state.featureSet).setCreatedAtMs(wallMs)
                .putAllMetrics(windowed).setPromoted(state.promoted).build();
        lastSnapshotWallMs = wallMs;
        writeCheckpoint();
        context.forward(new Record<>(options.modelId(), s, atMs));
    }

    private void checkpoint() {
        if (state.examples != checkpointAtExamples) {
            writeCheckpoint();
        }
    }

    private void writeCheckpoint() {
        store.put(options.modelId(), state.encode());
        checkpointAtExamples = state.examples;
    }

    @Override
    public void close() {
        if (state != null) {
            checkpoint();
        }
    }
}
