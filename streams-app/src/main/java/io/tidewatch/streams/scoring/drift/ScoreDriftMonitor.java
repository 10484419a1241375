package io.tidewatch.streams.scoring.drift;

import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.drift.Adwin;
import io.tidewatch.proto.v1.DriftEvent;
import io.tidewatch.proto.v1.ModelMetrics;
import io.tidewatch.streams.scoring.EnsembleModel;
import io.tidewatch.streams.scoring.ScoringConfig;
import io.tidewatch.streams.scoring.ScoringProcessor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * ADWIN on one scoring task's stream of the detectors' combined scores (calibrated ranks, before the indicators and the
 * supervised blend), per feature set. The calibrated score is a rank among recent scores, so under stationary traffic
 * its mean holds still; when the traffic mix changes (a new service, a flood, a site going quiet), new flows rank
 * differently and the mean moves. A cut of ADWIN's window is then a drift, and a {@link ModelMetrics} record with
 * {@code drift} set (signal {@code score-distribution}, the same shape as the trainer's supervised-error events) goes
 * to the model-metrics topic. When the scores fell, the model restarts its calibration in the background (new
 * calibrators take over after the cooldown's number of scores), so ranks are read against the new traffic rather than a
 * window of mostly old traffic (the detectors keep what they learned and adapt through their own windows); when they
 * rose, nothing is forgotten (see {@link #observe}).
 *
 * <p>Scores in burn-in are not watched, nor are the {@code cooldown} flows after a calibration restart: the restarted
 * calibrator's first ranks are noisy. The detector state is checkpointed beside the model (key
 * {@code <feature set>#score-drift} in the model store), so a restarted or moved task keeps watching the same
 * window.
 */
public final class ScoreDriftMonitor {

    public static final String SIGNAL = "score-distribution";
    static final String STORE_SUFFIX = "#score-drift";
    public static final String ACTION_RESTARTED = "scores fell: calibration restarted on the new traffic";
    public static final String ACTION_REPORTED = "scores rose: reported, calibration kept (a rise is what an attack "
            + "looks like)";
    private static final int FORMAT = 1;

    private final ScoreDriftConfig config;
    private final ScoringConfig scoring;
    private final LongAdder events;
    private final Map<String, State> states = new HashMap<>();
    private KeyValueStore<String, byte[]> store;
    private int partition;

    private static final class State {
        Adwin adwin;
        long quietUntil;
        long detections;
        long restarts;
    }

    public ScoreDriftMonitor(ScoreDriftConfig config, ScoringConfig scoring, LongAdder events) {
        this.config = config;
        this.scoring = scoring;
        this.events = events;
    }

    public void init(int partition, KeyValueStore<String, byte[]> store) {
        this.partition = partition;
        this.store = store;
    }

    /** Watches one score; returns the drift record when this score completed a detection, else null. */
    public ModelMetrics observe(String featureSet, EnsembleModel model, EnsembleModel.Scored scored, boolean burnIn,
            long atMs) {
        if (!config.enabled() || burnIn) {
            return null;
        }
        State st = states.computeIfAbsent(featureSet, this::load);
        long flows = scored.flowsBefore();
        if (flows < st.quietUntil) {
            return null;
        }
        double before = st.adwin.estimation();
        int widthBefore = st.adwin.width();
        if (!st.adwin.add(scored.detectorsScore())) {
            return null;
        }
        double after = st.adwin.estimation();
        // A fall: current traffic ranks lower than the calibration window (which holds traffic that scored higher,
        // e.g. a flood the detectors have since learned), so ranks have lost their spread: start calibration over.
        // A rise is reported and not adapted to: rising anomaly scores are what an attack looks like, and
        // forgetting the old calibration would make it look ordinary (the learning gate slows the detectors too).
        boolean fall = after < before;
        if (fall) {
            // New calibrators take over once they hold as many scores as the watch waits for after a restart.
            model.restartCalibration(scoring, config.cooldown());
            st.restarts++;
            // Calibrated scores now mean something else: watch them afresh once the new calibration has data.
            st.adwin = new Adwin(config.delta());
            st.quietUntil = flows + config.cooldown();
        }
        // After a rise ADWIN keeps the part of its window after the cut, so a later fall is seen against it.
        st.detections++;
        events.increment();
        return ModelMetrics.newBuilder().setModelId(ScoringProcessor.UNSUPERVISED_PREFIX + featureSet)
                .setVersion(model.version()).setAtMs(atMs).setExamples(flows)
                .putWindowed("score.mean.before", before).putWindowed("score.mean.after", after)
                .putWindowed("adwin.width", widthBefore).putWindowed("task.partition", partition)
                .putCumulative("drift.detections", st.detections)
                .putCumulative("drift.calibration.restarts", st.restarts)
                .setDrift(DriftEvent.newBuilder().setDetector("adwin").setSignal(SIGNAL)
                        .setAction((fall ? ACTION_RESTARTED : ACTION_REPORTED) + " (mean calibrated score "
                                + String.format(java.util.Locale.ROOT, "%.3f -> %.3f", before, after) + ")"))
                .build();
    }

    /** Writes the detector state of {@code featureSet} beside its model. */
    public void checkpoint(String featureSet) {
        State st = states.get(featureSet);
        if (st == null || store == null) {
            return;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(FORMAT);
            out.writeLong(st.quietUntil);
            out.writeLong(st.detections);
            out.writeLong(st.restarts);
            byte[] adwin = ModelCodec.encode(st.adwin);
            out.writeInt(adwin.length);
            out.write(adwin);
            out.flush();
            store.put(featureSet + STORE_SUFFIX, bytes.toByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private State load(String featureSet) {
        State st = new State();
        byte[] saved = store == null ? null : store.get(featureSet + STORE_SUFFIX);
        if (saved != null) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved))) {
                if (in.readInt() == FORMAT) {
                    st.quietUntil = in.readLong();
                    st.detections = in.readLong();
                    st.restarts = in.readLong();
                    byte[] adwin = new byte[in.readInt()];
                    in.readFully(adwin);
                    st.adwin = ModelCodec.decode(adwin, Adwin.class);
                    return st;
                }
            } catch (IOException | RuntimeException e) {
                // An unreadable detector state only means watching starts over.
            }
        }
        st.adwin = new Adwin(config.delta());
        return st;
    }
}
