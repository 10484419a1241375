package io.tidewatch.streams.scoring;

import io.tidewatch.learners.calibration.QuantileCalibrator;
import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Mergeable;
import io.tidewatch.learners.pipeline.Pipeline;
import io.tidewatch.learners.transform.StandardScaler;
import io.tidewatch.proto.v1.Contribution;
import io.tidewatch.proto.v1.DetectorScore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One scoring task's unsupervised model for one feature set: the detector pipelines (one per view of the flow), a
 * quantile calibrator per detector, the specific indicators read beside them ({@link Indicators}), the feature
 * baseline for explanations, and the per-source learning shares.
 * Progressive: each flow is scored by the model as it was, then learned if its source still has a share to teach
 * ({@link LearningShare}) and the learning gate lets it. {@link #version} counts the checkpoints written,
 * {@link #flows} the flows scored.
 *
 * <p>Stored as one value: a small header, every part as its own {@link ModelCodec} frame, then the shares, then
 * the indicators.
 */
public final class EnsembleModel {

    private static final int FORMAT = 3;
    /** Format 1 had no learning-share section; it is still read. */
    private static final int FORMAT_NO_SHARE = 1;
    /** Format 2 had no indicators; it is still read, its indicators starting fresh. */
    private static final int FORMAT_NO_INDICATORS = 2;

    /** A detector's calibrated score while it has no reference to rank against: neither normal nor anomalous. */
    static final double NO_BASIS = 0.5;

    /**
     * The outcome of scoring one flow: {@code score} with the indicators' evidence, {@code detectorsScore} the
     * detectors' combined rank alone (what the learning gate and the score-drift watch read: a rank holds still
     * under stationary traffic, Fisher's scale does not).
     */
    public record Scored(double score, List<DetectorScore> detectors, List<Contribution> reasons, long flowsBefore,
            double detectorsScore) {

        /** A flow scored by the detectors alone. */
        public Scored(double score, List<DetectorScore> detectors, List<Contribution> reasons, long flowsBefore) {
            this(score, detectors, reasons, flowsBefore, score);
        }
    }

    private final String featureSet;
    private final List<String> names;
    private final String[] detectorNames;
    /** What this task learned itself: stored, published, and all that peers fold in. */
    private final Pipeline.Detecting[] detectors;
    /**
     * What scores: a detector itself, or after {@link #foldPeers} a copy of it merged with the peers' published
     * detectors, which then learns the same flows as the detector until the next fold replaces it.
     */
    private final Pipeline.Detecting[] views;
    private final QuantileCalibrator[] calibrators;
    private final FeatureBaseline baseline;
    private final int[][] inputs;
    private final LearningShare share;
    private final Indicators indicators;
    /** Calibrators learning in the background after a drift, until they hold {@link #takeOverAfter} scores. */
    private QuantileCalibrator[] background;
    private long takeOverAfter;
    private long version;
    private long flows;
    private long gated;
    private long learned;

    private EnsembleModel(String featureSet, List<String> names, String[] detectorNames,
            Pipeline.Detecting[] detectors, QuantileCalibrator[] calibrators, FeatureBaseline baseline,
            LearningShare share, Indicators indicators) {
        this.featureSet = featureSet;
        this.share = share;
        this.indicators = indicators;
        this.names = names;
        this.detectorNames = detectorNames;
        this.detectors = detectors;
        this.views = detectors.clone();
        this.calibrators = calibrators;
        this.baseline = baseline;
        this.inputs = new int[detectorNames.length][];
        for (int i = 0; i < detectorNames.length; i++) {
            inputs[i] = EnsembleFactory.inputs(detectorNames[i], names);
        }
    }

    private double[] select(double[] x, int d) {
        int[] idx = inputs[d];
        if (idx.length == x.length) {
            return x;
        }
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = x[idx[i]];
        }
        return out;
    }

    /** A fresh model for {@code names.size()} features. */
    public static EnsembleModel create(String featureSet, List<String> names, ScoringConfig config) {
        int n = names.size();
        int k = config.detectors().size();
        String[] dn = config.detectors().toArray(new String[0]);
        Pipeline.Detecting[] ds = new Pipeline.Detecting[k];
        QuantileCalibrator[] cs = new QuantileCalibrator[k];
        for (int i = 0; i < k; i++) {
            ds[i] = EnsembleFactory.create(dn[i], EnsembleFactory.inputs(dn[i], names).length, config.seed(),
                    config.window());
            cs[i] = new QuantileCalibrator(QuantileCalibrator.DEFAULT_K, config.calibrationWindow());
        }
        return new EnsembleModel(featureSet, List.copyOf(names), dn, ds, cs, new FeatureBaseline(new StandardScaler(n)),
                LearningShare.of(config), Indicators.create(names, config));
    }

    public String featureSet() {
        return featureSet;
    }

    public long version() {
        return version;
    }

    public long flows() {
        return flows;
    }

    /** The feature names, in vector order. */
    public List<String> names() {
        return names;
    }

    public int numFeatures() {
        return names.size();
    }

    /**
     * Scores {@code x} with the model as it is, then learns it, with no fair share: every flow counts as its own
     * source's only one.
     */
    public Scored scoreThenLearn(double[] x, ScoringConfig config) {
        return scoreThenLearn(x, null, 0, config);
    }

    /**
     * Scores {@code x}, a flow from {@code source} (the originator host; {@code null} for no fair share) that ended
     * at event time {@code timeNs}, with the model as it is, then learns it if the source still has a share to teach
     * and the learning gate lets it.
     */
    public Scored scoreThenLearn(double[] x, String source, long timeNs, ScoringConfig config) {
        List<DetectorScore> scores = new ArrayList<>(detectors.length);
        double[] calibrated = new double[detectors.length];
        double[] raws = new double[detectors.length];
        double[][] selected = new double[detectors.length][];
        for (int i = 0; i < detectors.length; i++) {
            selected[i] = select(x, i);
            double raw = views[i].score(selected[i]);
            if (!Double.isFinite(raw)) {
                // A detector that diverged must not poison its calibration; it counts as "ordinary" this time.
                raw = 0;
            }
            raws[i] = raw;
            // No basis, no claim: until the calibrator has a window of the detector's scores there is nothing to
            // rank against, so the detector says "undecided" (0.5) rather than ranking against a handful.
            calibrated[i] = calibrators[i].examplesSeen() < config.window() ? NO_BASIS : calibrators[i].calibrate(raw);
            scores.add(DetectorScore.newBuilder().setDetector(detectorNames[i]).setRaw(raw)
                    .setCalibrated(calibrated[i]).build());
        }
        double detectorsScore = config.combine().combine(calibrated);
        double score = detectorsScore;
        List<Contribution> reasons = baseline.explain(x, names, config.maxReasons());
        if (indicators.size() > 0) {
            double[] p = indicators.probabilities(x, config.window());
            indicators.addScores(x, p, scores);
            score = Indicators.combine(detectorsScore, p);
            reasons = indicators.explain(x, p, Indicators.pDetectors(detectorsScore), reasons, config.maxReasons());
        }
        long before = flows++;
        // Learning gate: past the warm-up, a flow the model finds anomalous is learned only once in
        // learnGateEvery times, so a change of behaviour is learned more slowly than it is flagged.
        // The detectors' first window only shapes them (their raw scores are 0 or meaningless until it is full), so
        // calibration starts after it.
        boolean warmingUp = before < 2L * config.window();
        // The gate reads the detectors' own score: it is about what they learn, whatever an indicator adds.
        boolean gateOpen = warmingUp || detectorsScore < config.learnGate()
                || (gated++ % config.learnGateEvery()) == 0;
        // Fair share: whatever the gate says, a source that has used up its share teaches nothing now.
        boolean learn;
        boolean calibrate;
        if (config.calibrationGated()) {
            learn = gateOpen && (source == null || share.take(source, timeNs));
            calibrate = learn;
        } else {
            // The gate slows what the detectors learn; the calibrators see every flow the share admits, so that a
            // rank is read against the scores of the traffic rather than against the scores the gate let through.
            calibrate = source == null || share.take(source, timeNs);
            learn = gateOpen && calibrate;
        }
        // Calibration starts once the detectors' first window is learned (counting this flow when it is learned).
        if (calibrate && learned + (learn ? 1 : 0) > config.window()) {
            for (int i = 0; i < detectors.length; i++) {
                calibrators[i].learn(raws[i]);
                if (background != null) {
                    background[i].learn(raws[i]);
                }
            }
            if (background != null && background[0].examplesSeen() >= takeOverAfter) {
                System.arraycopy(background, 0, calibrators, 0, calibrators.length);
                background = null;
            }
        }
        if (calibrate) {
            indicators.learn(x);
        }
        if (learn) {
            learned++;
            for (int i = 0; i < detectors.length; i++) {
                detectors[i].learn(selected[i]);
                if (views[i] != detectors[i]) {
                    views[i].learn(selected[i]);
                }
            }
            baseline.learn(x);
        }
        return new Scored(score, scores, reasons, before, detectorsScore);
    }

    /**
     * Starts every detector's calibration over in the background: fresh calibrators of {@code config}'s window learn
     * what the current ones learn and replace them once they hold {@code takeOverAfter} scores, so that after a
     * change of the score distribution ranks are read against scores of the new traffic only, instead of a window
     * that is mostly the old traffic. Until then the current calibrators keep ranking: replacing them at once left
     * every detector "undecided" (0.5) for its first window and ranking against a handful of scores after that, a
     * blind spot that hid a vertical scan starting just after a flood ended (measured on the synthesized captures)
     * and that an attacker could open at will by stopping a burst of noise. The detectors keep what they learned. A
     * background calibration is not stored: a task restarted meanwhile keeps ranking with the current calibrators.
     */
    public void restartCalibration(ScoringConfig config, long takeOverAfter) {
        background = new QuantileCalibrator[calibrators.length];
        for (int i = 0; i < calibrators.length; i++) {
            background[i] = new QuantileCalibrator(QuantileCalibrator.DEFAULT_K, config.calibrationWindow());
        }
        this.takeOverAfter = Math.max(config.window(), takeOverAfter);
    }

    /** Whether a background calibration started by {@link #restartCalibration} has yet to take over. */
    public boolean recalibrating() {
        return background != null;
    }

    /** What {@link #merge} folded in and what it left, by detector name. */
    public record MergeResult(List<String> merged, List<String> skipped) {
    }

    /**
     * Folds {@code other}'s learned state into this model where the learners support it (their
     * {@link Mergeable#merge}: Half-Space Trees masses, Loda histograms, quantile calibrators, the indicators'
     * tails) and the two share
     * their structure (seed, shape, feature ranges or histogram geometry); everything else (other detectors, the
     * transforming steps, the explanation baseline, the counts) stays this model's own. A part that cannot merge is
     * left unchanged and named in {@link MergeResult#skipped()}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public MergeResult merge(EnsembleModel other) {
        if (other == null || !other.featureSet.equals(featureSet) || other.names.size() != names.size()) {
            throw new IllegalArgumentException("cannot merge the model of " + (other == null ? null : other.featureSet)
                    + " into the model of " + featureSet);
        }
        List<String> merged = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < detectors.length; i++) {
            int j = List.of(other.detectorNames).indexOf(detectorNames[i]);
            Object mine = detectors[i].detector();
            Object theirs = j < 0 ? null : other.detectors[j].detector();
            if (!(mine instanceof Mergeable) || theirs == null || theirs.getClass() != mine.getClass()) {
                skipped.add(detectorNames[i]);
                continue;
            }
            try {
                ((Mergeable) mine).merge(theirs);
                calibrators[i].merge(other.calibrators[j]);
                merged.add(detectorNames[i]);
            } catch (IllegalArgumentException | IllegalStateException e) {
                // Different structure (ranges learned from different first windows) or still warming up.
                skipped.add(detectorNames[i] + " (" + e.getMessage() + ")");
            }
        }
        indicators.merge(other.indicators);
        return new MergeResult(merged, skipped);
    }

    /**
     * Scores from now on with each mergeable detector merged with {@code peers}' detectors of the same name (their
     * own learning, as they publish it), replacing the previous fold: this model's own detectors, which are what it
     * stores and publishes, never take the peers' state in, so folding again and again, and peers folding this
     * model in turn, count nothing twice. A detector that is not mergeable or shares no structure with any peer
     * scores alone.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public MergeResult foldPeers(List<EnsembleModel> peers) {
        List<String> merged = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < detectors.length; i++) {
            views[i] = detectors[i];
            if (!(detectors[i].detector() instanceof Mergeable)) {
                skipped.add(detectorNames[i]);
                continue;
            }
            Pipeline.Detecting view = copyOf(detectors[i]);
            int folded = 0;
            for (EnsembleModel peer : peers) {
                int j = List.of(peer.detectorNames).indexOf(detectorNames[i]);
                Object theirs = j < 0 ? null : peer.detectors[j].detector();
                if (theirs == null || theirs.getClass() != view.detector().getClass()) {
                    continue;
                }
                try {
                    ((Mergeable) view.detector()).merge(theirs);
                    folded++;
                } catch (IllegalArgumentException | IllegalStateException e) {
                    // Different structure (ranges learned from different first windows) or still warming up.
                }
            }
            if (folded > 0) {
                views[i] = view;
                merged.add(detectorNames[i]);
            } else {
                skipped.add(detectorNames[i]);
            }
        }
        return new MergeResult(merged, skipped);
    }

    /**
     * For a model seeded from its peers ({@link #merge}d from their published models): each mergeable detector
     * keeps scoring with what it holds, the peers' learning, while the model's own detector starts fresh, so that
     * what it stores and publishes is only what it learns itself and a peer that folds it in later does not count
     * its own learning twice.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void restartOwnLearning(ScoringConfig config) {
        for (int i = 0; i < detectors.length; i++) {
            if (!(detectors[i].detector() instanceof Mergeable)) {
                continue;
            }
            Pipeline.Detecting fresh = EnsembleFactory.create(detectorNames[i], inputs[i].length, config.seed(),
                    config.window());
            try {
                // Only where a fresh detector can take the peers' state in again at the next fold (detectors
                // whose structure comes from their first window, like Half-Space Trees' ranges, cannot).
                Pipeline.Detecting probe = copyOf(fresh);
                ((Mergeable) probe.detector()).merge(detectors[i].detector());
            } catch (IllegalArgumentException | IllegalStateException e) {
                continue;
            }
            views[i] = detectors[i];
            detectors[i] = fresh;
        }
    }

    /** An independent copy of a detector pipeline, through its codec. */
    private static Pipeline.Detecting copyOf(Pipeline.Detecting d) {
        return ModelCodec.decode(ModelCodec.encode(d), Pipeline.Detecting.class);
    }

    /** The examples each detector's own learning holds (what this model stores and publishes), in ensemble order. */
    public long[] ownExamples() {
        long[] out = new long[detectors.length];
        for (int i = 0; i < detectors.length; i++) {
            out[i] = detectors[i].detector().examplesSeen();
        }
        return out;
    }

    /** An independent copy (through the codec, so exactly what a restart would read). */
    public EnsembleModel copy(ScoringConfig config) {
        return decode(encode(), names, config);
    }

    /** The detectors of this model, in ensemble order. */
    public List<String> detectorNames() {
        return List.of(detectorNames);
    }

    /** Marks a checkpoint: the next {@link #encode} is this version. */
    public long nextVersion() {
        return ++version;
    }

    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(FORMAT);
            out.writeUTF(featureSet);
            out.writeLong(version);
            out.writeLong(flows);
            out.writeLong(gated);
            out.writeLong(learned);
            out.writeInt(names.size());
            out.writeInt(detectors.length);
            for (int i = 0; i < detectors.length; i++) {
                out.writeUTF(detectorNames[i]);
                frame(out, ModelCodec.encode(detectors[i]));
                frame(out, ModelCodec.encode(calibrators[i]));
            }
            frame(out, ModelCodec.encode(baseline.stats()));
            share.write(out);
            indicators.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the model of feature set " + featureSet, e);
        }
    }

    /**
     * The model stored in {@code bytes}, or a fresh one when the stored detector set differs from the configured
     * one (a changed {@code scoring.detectors} starts over rather than mixing models).
     */
    public static EnsembleModel decode(byte[] bytes, List<String> names, ScoringConfig config) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            int format = in.readInt();
            if (format < FORMAT_NO_SHARE || format > FORMAT) {
                throw new IllegalArgumentException("stored scoring model: format " + format + ", expected "
                        + FORMAT_NO_SHARE + ".." + FORMAT);
            }
            String fs = in.readUTF();
            long version = in.readLong();
            long flows = in.readLong();
            long gated = in.readLong();
            long learned = format == FORMAT_NO_SHARE ? flows : in.readLong();
            int n = in.readInt();
            if (n != names.size()) {
                throw new IllegalArgumentException("stored scoring model of " + fs + ": " + n + " features, expected "
                        + names.size());
            }
            int k = in.readInt();
            if (k < 1 || k > 64) {
                throw new IllegalArgumentException("stored scoring model of " + fs + ": " + k + " detectors is corrupt");
            }
            String[] dn = new String[k];
            Pipeline.Detecting[] ds = new Pipeline.Detecting[k];
            QuantileCalibrator[] cs = new QuantileCalibrator[k];
            for (int i = 0; i < k; i++) {
                dn[i] = in.readUTF();
                ds[i] = ModelCodec.decode(unframe(in), Pipeline.Detecting.class);
                cs[i] = ModelCodec.decode(unframe(in), QuantileCalibrator.class);
            }
            if (!List.of(dn).equals(config.detectors())) {
                return null;
            }
            StandardScaler stats = ModelCodec.decode(unframe(in), StandardScaler.class);
            LearningShare share = LearningShare.of(config);
            if (format != FORMAT_NO_SHARE) {
                share.read(in);
            }
            Indicators indicators = format == FORMAT_NO_SHARE || format == FORMAT_NO_INDICATORS
                    ? Indicators.create(names, config) : Indicators.read(in, names, config);
            EnsembleModel m = new EnsembleModel(fs, List.copyOf(names), dn, ds, cs, new FeatureBaseline(stats), share,
                    indicators);
            m.version = version;
            m.flows = flows;
            m.gated = gated;
            m.learned = learned;
            return m;
        } catch (IOException e) {
            throw new IllegalArgumentException("stored scoring model: truncated or corrupt (" + bytes.length + " bytes)", e);
        }
    }

    private static void frame(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] unframe(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 28)) {
            throw new IllegalArgumentException("stored scoring model: part of " + n + " bytes is corrupt");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
