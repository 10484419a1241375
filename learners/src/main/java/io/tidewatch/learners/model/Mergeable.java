package io.tidewatch.learners.model;

/**
 * A model whose state from two instances that share a seed (and so a random structure) can be combined, so that
 * scoring tasks on different stream instances converge instead of each learning from zero.
 */
public interface Mergeable<T> {

    /** Folds {@code other}'s learned state into this one. Fails if the two do not share their structure (seed, shape). */
    void merge(T other);
}
