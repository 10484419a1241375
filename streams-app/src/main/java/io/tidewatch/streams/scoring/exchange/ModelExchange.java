package io.tidewatch.streams.scoring.exchange;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.tidewatch.proto.v1.ModelSnapshot;
import io.tidewatch.streams.scoring.EnsembleModel;
import io.tidewatch.streams.scoring.ScoringConfig;
import io.tidewatch.streams.scoring.ScoringProcessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Shares one scoring task's unsupervised model with every other task through the compacted models topic, so that a
 * task with no model of its own (a partition added, a store and changelog lost, a feature set it never saw) starts
 * from what its peers learned instead of from zero.
 *
 * <p>Publishing: at a checkpoint, at most once per {@code scoring.exchange.interval}, the task's model goes to the
 * models topic under the key {@code unsupervised:<feature set>@<partition>} as a {@link ModelSnapshot} whose
 * {@code version} is the model's checkpoint count. The key is per task, not per instance, so a task that moves to
 * another instance (a rebalance, a failover) keeps publishing under it with its version continuing; compaction
 * keeps the latest value per task, so the topic holds at most partitions x feature sets of them (bounded), and every
 * instance reads them all into its global store {@code supervised-models}, restored on start.
 *
 * <p>Seeding: a task that has no stored model starts from its own partition's latest published snapshot if there
 * is one (its own lineage, e.g. after an application reset kept the models topic), otherwise from the most
 * experienced peer's, and folds in the other peers' mergeable state ({@link EnsembleModel#merge}: where they share
 * the random structure and geometry; models whose ranges were learned from different first windows are left
 * apart). Seeding happens once, when the task creates its model, and reads snapshots that never include another
 * task's merge of it, so it is idempotent and nothing is counted twice. The seeded model continues its base's
 * example count, so it is out of burn-in at once.
 *
 * <p>Folding: a running task reads its peers' latest snapshots when it publishes (and when it reads its model back
 * after a restart) and scores from then on with each mergeable detector merged with theirs
 * ({@link EnsembleModel#foldPeers}), so tasks that see different hosts judge by the whole population's learning.
 * What a task stores and publishes is only its own learning: each fold replaces the previous one rather than
 * adding to it, and a seeded task's own detectors start fresh while the seed scores
 * ({@link EnsembleModel#restartOwnLearning}), so nothing is counted twice however often tasks fold each other in.
 * Calibrators, the explanation baseline and the learning shares stay each task's own.
 */
public final class ModelExchange {

    private final ModelExchangeConfig config;
    private final ScoringConfig scoring;
    private final Counters counters;
    private final Map<String, Long> publishedAtMs = new HashMap<>();
    private ReadOnlyKeyValueStore<String, byte[]> models;
    private int partition;

    /** Process-wide counts of the exchange. */
    public static final class Counters {
        public final LongAdder published = new LongAdder();
        public final LongAdder publishedBytes = new LongAdder();
        public final LongAdder tooLarge = new LongAdder();
        public final LongAdder seeded = new LongAdder();
        public final LongAdder merged = new LongAdder();
        public final LongAdder folds = new LongAdder();
    }

    public ModelExchange(ModelExchangeConfig config, ScoringConfig scoring, Counters counters) {
        this.config = config;
        this.scoring = scoring;
        this.counters = counters;
    }

    public void init(int partition, ReadOnlyKeyValueStore<String, byte[]> models) {
        this.partition = partition;
        this.models = models;
    }

    /** The models-topic key of task {@code partition}'s model of {@code featureSet}. */
    public static String key(String featureSet, int partition) {
        return ScoringProcessor.UNSUPERVISED_PREFIX + featureSet + "@" + partition;
    }

    /** The snapshot to publish after a checkpoint of {@code model}, or null when it is not time (or too large). */
    public ModelSnapshot publish(String featureSet, EnsembleModel model, long wallMs) {
        if (!config.enabled()) {
            return null;
        }
        Long last = publishedAtMs.get(featureSet);
        if (last != null && wallMs - last < config.interval().toMillis()) {
            return null;
        }
        byte[] state = model.encode();
        if (state.length > config.maxBytes()) {
            counters.tooLarge.increment();
            return null;
        }
        publishedAtMs.put(featureSet, wallMs);
        counters.published.increment();
        counters.publishedBytes.add(state.length);
        return ModelSnapshot.newBuilder().setModelId(key(featureSet, partition)).setVersion(model.version())
                .setLearner("unsupervised-ensemble:" + String.join(",", model.detectorNames()))
                .setState(ByteString.copyFrom(state)).setExamplesSeen(model.flows()).setFeatureSet(featureSet)
                .setCreatedAtMs(wallMs).build();
    }

    /** The model a task without one of {@code featureSet} starts from, or null when nobody published one. */
    public EnsembleModel seed(String featureSet, List<String> names) {
        if (!config.enabled() || models == null) {
            return null;
        }
        Map<String, EnsembleModel> snapshots = snapshots(featureSet, names, null);
        EnsembleModel own = snapshots.remove(key(featureSet, partition));
        List<EnsembleModel> published = new ArrayList<>(snapshots.values());
        if (own != null) {
            counters.seeded.increment();
            if (!own.foldPeers(published).merged().isEmpty()) {
                counters.folds.increment();
            }
            return own;
        }
        if (published.isEmpty()) {
            return null;
        }
        published.sort(Comparator.comparingLong(EnsembleModel::flows).reversed());
        EnsembleModel base = published.get(0);
        for (EnsembleModel peer : published.subList(1, published.size())) {
            if (!base.merge(peer).merged().isEmpty()) {
                counters.merged.increment();
            }
        }
        base.restartOwnLearning(scoring);
        counters.seeded.increment();
        return base;
    }

    /**
     * Makes {@code model} score with its peers' published learning of {@code featureSet} folded in (every task's
     * latest snapshot but this task's own). Returns the detectors that took a peer in.
     */
    public List<String> fold(String featureSet, EnsembleModel model) {
        if (!config.enabled() || models == null) {
            return List.of();
        }
        // This task's own snapshot is what the model already holds: not decoded, not folded.
        List<EnsembleModel> peers = new ArrayList<>(snapshots(featureSet, model.names(), key(featureSet, partition))
                .values());
        List<String> merged = model.foldPeers(peers).merged();
        if (!merged.isEmpty()) {
            counters.folds.increment();
        }
        return merged;
    }

    /**
     * Every task's latest readable snapshot of {@code featureSet}, by models-topic key, in key order, but for the
     * one under {@code skipKey} (null: none), which is not decoded.
     */
    private Map<String, EnsembleModel> snapshots(String featureSet, List<String> names, String skipKey) {
        Map<String, EnsembleModel> out = new LinkedHashMap<>();
        String prefix = ScoringProcessor.UNSUPERVISED_PREFIX + featureSet + "@";
        try (KeyValueIterator<String, byte[]> it = models.prefixScan(prefix, new StringSerializer())) {
            while (it.hasNext()) {
                var kv = it.next();
                EnsembleModel m = kv.key.equals(skipKey) ? null : decode(kv.value, names);
                if (m != null) {
                    out.put(kv.key, m);
                }
            }
        }
        return out;
    }

    private EnsembleModel decode(byte[] value, List<String> names) {
        try {
            ModelSnapshot snap = ModelSnapshot.parseFrom(value);
            return EnsembleModel.decode(snap.getState().toByteArray(), names, scoring);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            // Another build's or a corrupt snapshot: not a seed.
            return null;
        }
    }
}
