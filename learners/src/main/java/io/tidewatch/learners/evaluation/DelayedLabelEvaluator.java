package io.tidewatch.learners.evaluation;

import io.tidewatch.learners.model.Classifier;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Progressive validation when labels arrive late (an analyst's verdict hours after the flow): the classifier
 * predicts when the features arrive, and the prediction is scored, and the classifier learns, only when the
 * label for that id arrives. Pending predictions wait in a buffer bounded by count; when it is full the oldest
 * is dropped and counted as expired. A label for an id that is not pending (never seen, expired, or already
 * labelled) is counted as unmatched and ignored. Nothing here throws on such stream accidents.
 *
 * @param <K> the id that joins features and label (a flow id, an event id)
 */
public final class DelayedLabelEvaluator<K> {

    private static final class Pending {
        final double[] x;
        final double[] proba;

        Pending(double[] x, double[] proba) {
            this.x = x;
            this.proba = proba;
        }
    }

    private final Classifier classifier;
    private final List<PredictionObserver> observers;
    private final int capacity;
    private final LinkedHashMap<K, Pending> pending;
    private long predicted;
    private long matched;
    private long expired;
    private long unmatched;
    private long replaced;

    public DelayedLabelEvaluator(Classifier classifier, int capacity, PredictionObserver... observers) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        if (capacity < 1) {
            throw new IllegalArgumentException("pending capacity " + capacity + ": expected at least 1");
        }
        this.capacity = capacity;
        this.observers = List.of(observers);
        this.pending = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 2);
    }

    /**
     * Features for {@code id} arrived: predicts with the model as it is now and keeps the prediction until the
     * label comes. A second arrival of a pending id replaces the first (counted in {@link #replaced}).
     */
    public double[] features(K id, double[] x) {
        Objects.requireNonNull(id, "id");
        double[] proba = classifier.predictProba(x);
        // The model may not keep x, and callers may reuse their array: keep a copy for the delayed learn.
        Pending previous = pending.remove(id);
        if (previous != null) {
            replaced++;
        }
        pending.put(id, new Pending(x.clone(), proba));
        predicted++;
        if (pending.size() > capacity) {
            Iterator<Map.Entry<K, Pending>> oldest = pending.entrySet().iterator();
            oldest.next();
            oldest.remove();
            expired++;
        }
        return proba;
    }

    /**
     * The label for {@code id} arrived: scores the prediction made when its features arrived, then learns.
     * Returns false (and counts it) when no prediction for {@code id} is pending.
     */
    public boolean label(K id, int y) {
        if (y < 0 || y >= classifier.numClasses()) {
            throw new IllegalArgumentException("class " + y + ": expected 0.." + (classifier.numClasses() - 1));
        }
        Pending p = pending.remove(id);
        if (p == null) {
            unmatched++;
            return false;
        }
        for (PredictionObserver o : observers) {
            o.observe(y, p.proba);
        }
        classifier.learn(p.x, y);
        matched++;
        return true;
    }

    public int pendingCount() {
        return pending.size();
    }

    public long predicted() {
        return predicted;
    }

    public long matched() {
        return matched;
    }

    public long expired() {
        return expired;
    }

    public long unmatched() {
        return unmatched;
    }

    public long replaced() {
        return replaced;
    }
}
